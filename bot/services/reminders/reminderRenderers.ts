// The reminder cards, bound in the reader's language.
import { CardFactory, MessageFactory } from 'botbuilder';
import type { CaseStore, LiaisonCase } from '../cases';
import type { CompanySettingsStore, EmailSender } from '../caseFlow';
import { translatorFor, type Translator } from '../../../language/i18n';
import type { ConversationReferenceStore, ProactiveTarget, Renderer } from '../../platform/messaging';
import { bindCard } from '../../../cards';
import { escapeMarkdown } from '../../../cards/markdown';
import { meetingMode } from '../../../cards/caseCards';
import { formatIsoDate } from '../../../language/dates';
import { REMINDER_OUTBOX_KIND, type ReminderMessagePayload, type ReminderRecipient } from './reminders';
import type { EmployeeRef } from './reminderPlan';
import { spstReminderEmail } from './spstReminderEmail';

export interface ReminderRendererDeps {
  cases: CaseStore;
  companySettings: CompanySettingsStore;
  references: ConversationReferenceStore;
  /** Absent when SMTP is not configured: no reminder goes to the SPST by email then. */
  emailSender?: EmailSender;
}

/** The name shown to HR for an employee known from the absences feed. */
function employeeName(employee: EmployeeRef, t: Translator): string {
  return escapeMarkdown(
    employee.name ?? t('unknownEmployee', { ns: 'reminders', id: employee.aadObjectId ?? employee.email }),
  );
}

/** The reminder cards, bound in the reader's language (`t` on the 'cards' namespace). */
export const reminderCards = {
  eligible: (input: { employee: EmployeeRef; since: string; escalation: boolean }, t: Translator) =>
    bindCard('reminderEligible', t, {
      employeeName: employeeName(input.employee, t),
      since: formatIsoDate(input.since, t),
      escalation: input.escalation,
    }),
  deadline: (
    liaisonCase: LiaisonCase,
    kind: 'proposal' | 'overdue' | 'spst',
    deadline: string,
    t: Translator,
    daysLate = 0,
  ) =>
    bindCard('reminderDeadline', t, {
      deadlineKind: kind,
      employeeName: escapeMarkdown(liaisonCase.employee.name),
      deadline: formatIsoDate(deadline, t),
      date: formatIsoDate(liaisonCase.meeting.date, t),
      // #12.10: how late the proposal is, and whether a first date or a new one is owed.
      count: daysLate,
      newDate: liaisonCase.state === 'other_date_asked',
    }),
  meeting: (liaisonCase: LiaisonCase, forEmployee: boolean, t: Translator) =>
    bindCard('reminderMeeting', t, {
      employeeName: escapeMarkdown(liaisonCase.employee.name),
      date: formatIsoDate(liaisonCase.meeting.date, t),
      time: liaisonCase.meeting.time,
      mode: meetingMode(liaisonCase.meeting, t, escapeMarkdown),
      forEmployee,
    }),
};

/**
 * The renderer of REMINDER_OUTBOX_KIND: finds the recipient (HR channel of the company, or the case's person),
 * reads the case as it is at send time, and writes the card in the recipient's language — the locale of their
 * stored conversation reference, French when unknown. A recipient that cannot be named makes the render throw
 * (the dispatcher then gives the message up and logs it).
 */
export function reminderRenderers(deps: ReminderRendererDeps): Map<string, Renderer> {
  const targetOf = async (
    tenantId: string,
    recipient: ReminderRecipient,
    companyId: string,
    liaisonCase?: LiaisonCase,
  ): Promise<ProactiveTarget> => {
    if (recipient === 'spst_email') throw new Error('an email is not sent in Teams');
    if (recipient === 'hr') {
      const { hrChannelId } = await deps.companySettings.get(tenantId, companyId);
      if (!hrChannelId) throw new Error('the company has no HR channel');
      return { channelId: hrChannelId };
    }
    const aadObjectId =
      recipient === 'manager'
        ? liaisonCase?.manager?.aadObjectId
        : recipient === 'employee'
          ? liaisonCase?.employee.aadObjectId
          : liaisonCase?.spst.contactAadObjectId;
    if (!aadObjectId) throw new Error(`the ${recipient} has no Teams id`);
    return { aadObjectId };
  };

  const sendSpstEmail = async (tenantId: string, liaisonCase: LiaisonCase) => {
    const settings = await deps.companySettings.get(tenantId, liaisonCase.companyId);
    const email = settings.spstContact?.email;
    if (!deps.emailSender || !settings.spstContact || !email) throw new Error('no SPST email or no SMTP');
    try {
      await deps.emailSender.send(
        spstReminderEmail(liaisonCase, { ...settings.spstContact, email }, settings),
      );
      return { deliveredElsewhere: { status: 'sent' as const, activityId: undefined } };
    } catch (error) {
      // Retried with backoff like a failed Teams send.
      return {
        deliveredElsewhere: { status: 'failed' as const, error: `SMTP: ${(error as Error).message}` },
      };
    }
  };

  const render: Renderer = async (message) => {
    const payload = message.payload as ReminderMessagePayload;
    let liaisonCase: LiaisonCase | undefined;
    if ('caseId' in payload) {
      liaisonCase = (await deps.cases.get(message.tenantId, payload.caseId)) ?? undefined;
      if (!liaisonCase) throw new Error(`case ${payload.caseId} not found`);
      if (payload.recipient === 'spst_email') return sendSpstEmail(message.tenantId, liaisonCase);
    }
    const companyId = liaisonCase?.companyId ?? ('companyId' in payload ? payload.companyId : '');
    const target = await targetOf(message.tenantId, payload.recipient, companyId, liaisonCase);
    const locale = (await deps.references.find(message.tenantId, target))?.locale;
    const t = translatorFor(locale, 'cards');
    let card: object;
    if (!('caseId' in payload)) {
      card = reminderCards.eligible(
        {
          employee: payload.employee,
          since: payload.firstEligibleDate,
          escalation: payload.reminder === 'first_eligible_escalation',
        },
        t,
      );
    } else if (!liaisonCase) {
      throw new Error('a case reminder without its case');
    } else if (payload.reminder === 'day_before') {
      card = reminderCards.meeting(liaisonCase, payload.recipient === 'employee', t);
    } else {
      if (!payload.deadline) throw new Error('a deadline reminder without its deadline');
      const kind =
        payload.reminder === 'proposal_due'
          ? 'proposal'
          : payload.reminder === 'proposal_overdue'
            ? 'overdue'
            : 'spst';
      card = reminderCards.deadline(liaisonCase, kind, payload.deadline, t, payload.daysLate ?? 0);
    }
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    activity.summary = translatorFor(locale, 'reminders')(`summary.${payload.reminder}`);
    return { tenantId: message.tenantId, target, activity };
  };

  return new Map([[REMINDER_OUTBOX_KIND, render]]);
}
