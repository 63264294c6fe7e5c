// Gathers a stored case's proof file from its audit trail, its request and the company's name.
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { CaseStore, LiaisonCase } from '../cases';
import { RequestStore } from '../requests/requestStore';
import type { Database } from '../../platform/storage';
import { buildProofFile, type ProofFile } from './proof';

export interface ProofSources {
  db: Database;
  cases: Pick<CaseStore, 'auditTrail'>;
  companySettings: Pick<CompanySettingsStore, 'get'>;
}

/**
 * The proof file of a stored case, from what the server keeps: the case's audit trail, the employee's request it
 * answers (bot/services/requests: when it came in and was acknowledged), and the company's name.
 */
export async function proofFileOf(
  sources: ProofSources,
  liaisonCase: LiaisonCase,
  language: string | undefined,
  now: Date,
): Promise<ProofFile> {
  const [trail, settings, request] = await Promise.all([
    sources.cases.auditTrail(liaisonCase.tenantId, liaisonCase.id),
    sources.companySettings.get(liaisonCase.tenantId, liaisonCase.companyId),
    liaisonCase.requestId
      ? new RequestStore(sources.db).get(liaisonCase.tenantId, liaisonCase.requestId)
      : Promise.resolve(null),
  ]);
  return buildProofFile(
    {
      liaisonCase,
      trail,
      request: request
        ? {
            createdAt: request.createdAt,
            ...(request.acknowledged ? { acknowledgedOn: request.acknowledged.on } : {}),
          }
        : null,
      ...(settings.companyName ? { companyName: settings.companyName } : {}),
      generatedAt: now,
    },
    language,
  );
}
