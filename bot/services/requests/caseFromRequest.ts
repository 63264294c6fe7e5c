// What the manager's case flow takes from an acknowledged employee request ("organise it now").
import type { TurnContext } from 'botbuilder';
import { companyOfActivity, type AccessControl } from '../access';
import type { IsoDate } from '../../../domain';
import type { RequestStore } from './requestStore';

/** What the manager's case flow knows from an employee's request before it starts. */
export interface CaseFromRequest {
  requestId: string;
  employee: { name: string; aadObjectId: string };
  initiator: 'employee';
  requestDate: IsoDate;
  /** The manager the employee named: the case's manager (HR organising it is never "the manager"). */
  manager: { name: string; aadObjectId?: string };
}

/**
 * For the "organise it now" button: the request of the caller's tenant, when the caller may organise it — HR of
 * the company, or the manager the employee named (decided from the stored request, never from the card) — else null.
 */
export function caseFromRequest(deps: {
  requests: Pick<RequestStore, 'get'>;
  /** Who may organise it: bot/services/access. */
  access: Pick<AccessControl, 'mayHandleRequest'>;
}): (context: TurnContext, requestId: string) => Promise<CaseFromRequest | null> {
  return async (context, requestId) => {
    const company = companyOfActivity(context.activity);
    const request = company ? await deps.requests.get(company.tenantId, requestId) : null;
    if (!request) return null;
    const caller = { tenantId: company?.tenantId ?? '', aadObjectId: context.activity.from?.aadObjectId };
    if (!(await deps.access.mayHandleRequest(caller, request))) return null;
    return {
      requestId: request.id,
      employee: { name: request.employee.name, aadObjectId: request.employee.aadObjectId },
      initiator: 'employee',
      requestDate: request.requestDate,
      manager: {
        name: request.manager.name,
        ...(request.manager.aadObjectId ? { aadObjectId: request.manager.aadObjectId } : {}),
      },
    };
  };
}
