import type { ClaimedMessage, CaseStore, Outbox } from '../cases';
import { translatorFor } from '../i18n';
import {
  PLAIN_MESSAGE_KIND,
  type ConversationReferenceStore,
  type PlainMessagePayload,
  type UndeliverableResult,
} from '../messaging';
import type { Database } from '../storage';
import { formatIsoDate } from '../../cards/caseCards';
import { escapeMarkdown } from '../../cards/markdown';
import { INVITATION_KIND, type CaseMessagePayload } from './messages';

export interface UndeliveredInvitationDeps {
  db: Database;
  cases: CaseStore;
  outbox: Outbox;
  references: ConversationReferenceStore;
}

/**
 * The dispatcher's onUndeliverable for the case flow: when the invitation cannot reach the employee in Teams
 * (app not installed, no conversation, …), the case's manager is told, in their language, to send it by letter
 * or email instead. The notice goes through the outbox too, so that it is retried and never lost.
 */
export function notifyManagerOfUndeliveredInvitation(deps: UndeliveredInvitationDeps) {
  return async (message: ClaimedMessage, _result: UndeliverableResult): Promise<void> => {
    if (message.kind !== INVITATION_KIND) return;
    const { caseId } = message.payload as CaseMessagePayload;
    const liaisonCase = await deps.cases.get(message.tenantId, caseId);
    if (!liaisonCase) return;
    const target = { aadObjectId: liaisonCase.manager.aadObjectId };
    const reference = await deps.references.find(message.tenantId, target);
    const t = translatorFor(reference?.locale, 'notifications');
    const payload: PlainMessagePayload = {
      target,
      activity: {
        type: 'message',
        text: t('invitationUndelivered', {
          date: formatIsoDate(liaisonCase.meeting.date, t),
          employeeName: escapeMarkdown(liaisonCase.employee.name),
        }),
      },
    };
    await deps.db.transaction((tx) =>
      deps.outbox.enqueue(tx, { tenantId: message.tenantId, caseId, kind: PLAIN_MESSAGE_KIND, payload }),
    );
  };
}
