// Per-company settings (SPST and HR contacts, HR channel, headcount, policy), scoped by tenant.
import type { Database, Queryable } from '../../platform/storage';

export type { CompanySettings, HrContact, InviteChannel, SpstContact } from '../../../domain/companySettings';
export { INVITE_CHANNELS } from '../../../domain/companySettings';
import type { CompanySettings } from '../../../domain/companySettings';

/** Per-company settings, every read and write scoped by tenant id. */
export class CompanySettingsStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The company's settings; empty when nothing was recorded yet (or the company belongs to another tenant).
   * `queryable`: the transaction to read them in, when the caller is inside one.
   */
  async get(tenantId: string, companyId: string, queryable: Queryable = this.db): Promise<CompanySettings> {
    const [row] = await queryable.query<{ document: string }>(
      'SELECT document FROM company_settings WHERE tenant_id = $1 AND company_id = $2',
      [tenantId, companyId],
    );
    return row ? (JSON.parse(row.document) as CompanySettings) : {};
  }

  /** Records `changes` over the current settings (absent fields are kept) and returns the result. */
  async upsert(tenantId: string, companyId: string, changes: CompanySettings): Promise<CompanySettings> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ document: string }>(
        'SELECT document FROM company_settings WHERE tenant_id = $1 AND company_id = $2',
        [tenantId, companyId],
      );
      const current = row ? (JSON.parse(row.document) as CompanySettings) : {};
      const updated: CompanySettings = { ...current, ...changes };
      await tx.execute(
        `INSERT INTO company_settings (tenant_id, company_id, document, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, company_id)
         DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
        [tenantId, companyId, JSON.stringify(updated), this.now().toISOString()],
      );
      return updated;
    });
  }
}
