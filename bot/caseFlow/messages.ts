import type { LiaisonCase, Outbox } from '../cases';
import type { Queryable } from '../storage';
import type { InvitationAnswer } from '../../cards/caseCards';

/**
 * The outbox messages of the case flow. Each payload names the case only: the renderers read the stored case
 * (and the company's settings) at send time, so a message never carries a stale copy of the case.
 */
export const INVITATION_KIND = 'invitation';
export const SPST_NOTICE_KIND = 'spst.notice';
export const SPST_EMAIL_KIND = 'spst.email';
/** The employee's answer, posted to the company's HR channel. */
export const HR_UPDATE_KIND = 'hr.update';
/** The manager's status card of the case, sent when it starts and again whenever someone answers. */
export const MANAGER_STATUS_KIND = 'manager.status';

export interface CaseMessagePayload {
  caseId: string;
}

export interface HrUpdatePayload extends CaseMessagePayload {
  answer: InvitationAnswer;
}

/** What just happened, shown as the headline of the manager's status card. */
export type CaseNews = 'started' | 'accepted' | 'declined' | 'reschedule_requested' | 'spst_acknowledged';

export interface ManagerStatusPayload extends CaseMessagePayload {
  news: CaseNews;
}

/** Queues the manager's status card, in the transaction of the change it reports. */
export function enqueueManagerStatus(
  outbox: Outbox,
  tx: Queryable,
  liaisonCase: LiaisonCase,
  news: CaseNews,
): Promise<unknown> {
  const payload: ManagerStatusPayload = { caseId: liaisonCase.id, news };
  return outbox.enqueue(tx, {
    tenantId: liaisonCase.tenantId,
    caseId: liaisonCase.id,
    kind: MANAGER_STATUS_KIND,
    payload,
  });
}
