// The outbox message kinds of a case and how CaseService queues what the engine's `notify` names.
import type { Queryable } from '../../platform/storage';
import type { CaseEvent, LiaisonCase, Outbox } from '../cases';
import type { Meeting, NoticeKind, Role } from '../../../domain';

/**
 * The outbox messages of a case. CaseService queues exactly what the case engine's `notify` names, in the
 * transaction of the change; each payload names the case (and the offer it was about), and the renderers read the
 * stored case at send time, so a message never carries a stale copy of it.
 */
export const INVITATION_KIND = 'invitation';
/** To the employee: the meeting they were invited to is cancelled. */
export const EMPLOYEE_CANCELLATION_KIND = 'employee.cancellation';
export const SPST_NOTICE_KIND = 'spst.notice';
export const SPST_EMAIL_KIND = 'spst.email';
/** Every change, to the company's HR (its channel, else HR people in 1:1). */
export const HR_UPDATE_KIND = 'hr.update';
/** The manager's status card of the case, sent at every change. */
export const MANAGER_STATUS_KIND = 'manager.status';

export interface CaseMessagePayload {
  caseId: string;
}

/** What just happened, shown as the headline of the manager's and HR's cards: the command the engine applied. */
export type CaseNews = CaseEvent;

export interface CaseNewsPayload extends CaseMessagePayload {
  news: CaseNews;
}
export type HrUpdatePayload = CaseNewsPayload;
export type ManagerStatusPayload = CaseNewsPayload;

export interface InvitationPayload extends CaseMessagePayload {
  offer: number;
}

/** The SPST's notice of an offer, the change to a new date (with the meeting it replaces), or the cancellation. */
export interface SpstNoticePayload extends CaseMessagePayload {
  offer: number;
  notice: Extract<NoticeKind, 'notice' | 'change' | 'cancellation'>;
  /** With a change: the meeting of the previous offer. */
  replaces?: Meeting;
}

/**
 * Queues what the engine's `notify` names for the case as it now stands (`before`: the case it was decided on,
 * absent for an opening). The SPST's messages go on the channels its first notice used; none when Liaison could
 * not reach it (the manager's card then says what to tell it by hand).
 */
export async function enqueueNotices(
  outbox: Outbox,
  tx: Queryable,
  notify: Partial<Record<Role, NoticeKind>>,
  news: CaseNews,
  liaisonCase: LiaisonCase,
  before?: LiaisonCase,
): Promise<void> {
  const enqueue = (kind: string, payload: CaseMessagePayload) =>
    outbox.enqueue(tx, { tenantId: liaisonCase.tenantId, caseId: liaisonCase.id, kind, payload });
  const caseId = liaisonCase.id;
  const { offer } = liaisonCase;

  if (notify.employee === 'invitation')
    await enqueue(INVITATION_KIND, { caseId, offer } as InvitationPayload);
  if (notify.employee === 'cancellation') await enqueue(EMPLOYEE_CANCELLATION_KIND, { caseId });

  const spstNotice = notify.spst;
  if (spstNotice === 'notice' || spstNotice === 'change' || spstNotice === 'cancellation') {
    const payload: SpstNoticePayload = {
      caseId,
      offer,
      notice: spstNotice,
      ...(spstNotice === 'change' && before ? { replaces: meetingOnly(before.meeting) } : {}),
    };
    const channels = liaisonCase.spst.notifiedBy ?? [];
    if (channels.includes('teams')) await enqueue(SPST_NOTICE_KIND, payload);
    if (channels.includes('email')) await enqueue(SPST_EMAIL_KIND, payload);
  }

  if (notify.manager === 'status') await enqueue(MANAGER_STATUS_KIND, { caseId, news } as CaseNewsPayload);
  if (notify.hr === 'update') await enqueue(HR_UPDATE_KIND, { caseId, news } as CaseNewsPayload);
}

const meetingOnly = ({ date, time, mode }: Meeting): Meeting => ({ date, time, mode });
