// Tells the manager when the invitation could not reach the employee in Teams, and what to send by hand.
import type { ClaimedMessage, CaseStore, LiaisonCase, Outbox } from '../cases';
import { translatorFor } from '../../../language/i18n';
import {
  PLAIN_MESSAGE_KIND,
  type ConversationReferenceStore,
  type PlainMessagePayload,
  type UndeliverableResult,
} from '../../platform/messaging';
import type { Database } from '../../platform/storage';
import { formatIsoDate } from '../../../language/dates';
import { escapeMarkdown } from '../../../cards/markdown';
import {
  EMPLOYEE_CANCELLATION_KIND,
  INVITATION_KIND,
  type CaseMessagePayload,
  type InvitationPayload,
} from './messages';

export interface UndeliveredInvitationDeps {
  db: Database;
  cases: CaseStore;
  outbox: Outbox;
  references: ConversationReferenceStore;
}

/**
 * Who organises the case and must send by hand what Teams could not deliver to the employee: the employee's
 * manager, else whoever opened the case (HR organising a request is never "the manager").
 */
function organiserOf(liaisonCase: LiaisonCase): string | undefined {
  return liaisonCase.manager?.aadObjectId ?? liaisonCase.openedBy.aadObjectId;
}

/**
 * The dispatcher's onUndeliverable for the case flow: when the invitation, or the cancellation of the meeting,
 * cannot reach the employee in Teams (app not installed, no conversation, …), the case's organiser is told, in
 * their language, to send it by letter or email instead. The notice goes through the outbox too, so that it is
 * retried and never lost. An invitation for an offer that is no longer the current one tells nobody: the current
 * offer's invitation has its own fate.
 */
export function notifyManagerOfUndeliveredInvitation(deps: UndeliveredInvitationDeps) {
  return async (message: ClaimedMessage, _result: UndeliverableResult): Promise<void> => {
    if (message.kind !== INVITATION_KIND && message.kind !== EMPLOYEE_CANCELLATION_KIND) return;
    const { caseId } = message.payload as CaseMessagePayload;
    const liaisonCase = await deps.cases.get(message.tenantId, caseId);
    if (!liaisonCase) return;
    if (message.kind === INVITATION_KIND) {
      const { offer } = message.payload as InvitationPayload;
      if ((offer !== undefined && offer !== liaisonCase.offer) || liaisonCase.state !== 'invited') return;
    }
    const aadObjectId = organiserOf(liaisonCase);
    if (!aadObjectId) return;
    const target = { aadObjectId };
    const reference = await deps.references.find(message.tenantId, target);
    const t = translatorFor(reference?.locale, 'notifications');
    const key = message.kind === INVITATION_KIND ? 'invitationUndelivered' : 'cancellationUndelivered';
    const payload: PlainMessagePayload = {
      target,
      activity: {
        type: 'message',
        text: t(key, {
          date: formatIsoDate(liaisonCase.meeting.date, t),
          time: liaisonCase.meeting.time,
          employeeName: escapeMarkdown(liaisonCase.employee.name),
        }),
      },
    };
    await deps.db.transaction((tx) =>
      deps.outbox.enqueue(tx, { tenantId: message.tenantId, caseId, kind: PLAIN_MESSAGE_KIND, payload }),
    );
  };
}
