// The outbox renderers of a case: invitation, SPST notice, HR update, manager's status card.
import { CardFactory, MessageFactory } from 'botbuilder';
import type { ClaimedMessage, CaseStore, LiaisonCase, Outbox } from '../cases';
import { translatorFor, type Translator } from '../../../language/i18n';
import {
  messageInRecipientLanguage,
  type ConversationReferenceStore,
  type DeliveredElsewhere,
  type ProactiveTarget,
  type Renderer,
} from '../../platform/messaging';
import type { Database } from '../../platform/storage';
import { parisToday } from '../../../domain';
import {
  companyNameOf,
  invitationCard,
  managerStatusCard,
  type AnswerLinkView,
} from '../../../cards/caseCards';
import {
  employeeCancellationCard,
  employerContactOf,
  hrNewsCard,
  spstNoticeCardFor,
} from '../../../cards/noticeCards';
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { EmailSender } from '../../platform/messaging/emailSender';
import {
  EMPLOYEE_CANCELLATION_KIND,
  HR_UPDATE_KIND,
  INVITATION_KIND,
  MANAGER_STATUS_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type CaseMessagePayload,
  type CaseNews,
  type CaseNewsPayload,
  type InvitationPayload,
  type SpstNoticePayload,
} from './messages';
import { spstNoticeEmail } from './spstEmail';

/**
 * HR's update for one HR person in 1:1, when the company has no HR channel: HR_UPDATE_KIND fans out into one of
 * these per person, so that each is retried, and reported when undeliverable, on its own.
 */
export const HR_PERSON_UPDATE_KIND = 'hr.update.person';

export interface HrPersonUpdatePayload extends CaseNewsPayload {
  aadObjectId: string;
}

export interface CaseRendererDeps {
  db: Database;
  cases: CaseStore;
  outbox: Outbox;
  companySettings: CompanySettingsStore;
  references: ConversationReferenceStore;
  /** The company's HR list (bot/services/access), for the 1:1 updates when no HR channel is configured. */
  access: { hrUsers(tenantId: string, companyId: string): Promise<Array<{ aadObjectId: string }>> };
  /** HR_ADMINS (server-wide): told in 1:1 in a tenant once Liaison has a conversation with them there. */
  hrAdmins?: readonly string[];
  /** Absent when SMTP is not configured. */
  emailSender?: Pick<EmailSender, 'send' | 'organizer'>;
  /** The letters' download buttons for the manager's status card (bot/services/letters). */
  letterActions?: DownloadActions;
  /** The proof file's download buttons for the manager's status card (bot/services/letters). */
  proofActions?: DownloadActions;
  /**
   * The invitation for an employee who is not on Teams (bot/http/answerPage): the channel the company and the
   * employee's contact details call for, the email carrying the answer page's link, and where that link stands.
   */
  invitations?: {
    channelOf(liaisonCase: LiaisonCase): Promise<AnswerLinkView['channel']>;
    email(liaisonCase: LiaisonCase, lang: string): Promise<{ status: string }>;
    linkStatus(liaisonCase: LiaisonCase): Promise<AnswerLinkView>;
  };
  now?: () => Date;
}

type DownloadActions = (
  liaisonCase: LiaisonCase,
  locale: string | undefined,
) => Promise<Array<{ title: string; url: string }>>;

/** A message that no longer has anything to say: recorded as done, nothing is sent. */
const SKIPPED: DeliveredElsewhere = { deliveredElsewhere: { status: 'sent', activityId: undefined } };

const UNDER_WAY: ReadonlySet<LiaisonCase['state']> = new Set(['invited', 'other_date_asked', 'accepted']);

/**
 * Whether a message about one offer (the invitation, the SPST's notice or change) is out of date: a newer offer
 * was made since (its own invitation and change are queued behind it), or the case was closed since (its
 * cancellation, if any, is queued behind it). A stale message is skipped, never rendered with the current state,
 * so that nobody receives the same date twice or an invitation to a closed case. Payloads queued before offers
 * existed carry none: they are about the current offer.
 */
export function isStaleOffer(liaisonCase: LiaisonCase, offer: number | undefined): boolean {
  return (offer !== undefined && offer !== liaisonCase.offer) || !UNDER_WAY.has(liaisonCase.state);
}

/**
 * The renderers of the case flow's outbox messages, by kind. Each reads the case and the company's settings as
 * they are at send time and writes in the recipient's language (the locale of their last turn; French when
 * unknown). A recipient that cannot be named (no Teams id, nobody HR) makes the render throw: the dispatcher
 * then gives the message up and reports it.
 *
 * Who receives what: the employee the invitation of each offer and, when the employer cancels, a cancellation;
 * the SPST (card and/or email, on the channels its first notice used) the notice, each change of date (naming
 * the meeting it replaces) and the cancellation when the meeting will not take place (a decline or a
 * cancellation, without the reason); the manager their status card (a decline reads "closed"); HR the update of
 * every news, the decline itself included — in the company's HR channel, else to each HR person in 1:1.
 */
export function caseFlowRenderers(deps: CaseRendererDeps): Map<string, Renderer> {
  const now = deps.now ?? (() => new Date());

  const loadCase = async (message: ClaimedMessage): Promise<LiaisonCase> => {
    const { caseId } = message.payload as CaseMessagePayload;
    const liaisonCase = await deps.cases.get(message.tenantId, caseId);
    if (!liaisonCase) throw new Error(`case ${caseId} not found`);
    return liaisonCase;
  };

  const cardTo = (tenantId: string, target: ProactiveTarget, card: (t: Translator) => object) =>
    messageInRecipientLanguage(deps.references, tenantId, target, (locale) =>
      MessageFactory.attachment(CardFactory.adaptiveCard(card(translatorFor(locale, 'cards')))),
    );

  const renderInvitation: Renderer = async (message) => {
    const { offer } = message.payload as InvitationPayload;
    const liaisonCase = await loadCase(message);
    if (isStaleOffer(liaisonCase, offer) || liaisonCase.state !== 'invited') return SKIPPED;
    const channel = (await deps.invitations?.channelOf(liaisonCase)) ?? 'teams';
    // By letter, HR or the manager print it from the status card's download (QR code and short link on it).
    if (channel === 'letter') return SKIPPED;
    if (channel === 'email') {
      const emailed = await deps.invitations!.email(liaisonCase, 'fr');
      if (emailed.status === 'sent') return SKIPPED;
      throw new Error(`the invitation could not be emailed (${emailed.status})`);
    }
    const aadObjectId = liaisonCase.employee.aadObjectId;
    if (!aadObjectId) throw new Error('the employee has no Teams id');
    const today = parisToday(now());
    return cardTo(message.tenantId, { aadObjectId }, (t) => invitationCard(liaisonCase, t, { today }));
  };

  const renderEmployeeCancellation: Renderer = async (message) => {
    const liaisonCase = await loadCase(message);
    const aadObjectId = liaisonCase.employee.aadObjectId;
    if (!aadObjectId) throw new Error('the employee has no Teams id');
    return cardTo(message.tenantId, { aadObjectId }, (t) => employeeCancellationCard(liaisonCase, t));
  };

  /** The SPST's notice, change or cancellation; undefined when superseded. */
  const spstMessage = async (message: ClaimedMessage) => {
    const payload = message.payload as SpstNoticePayload;
    const notice = payload.notice ?? 'notice';
    const liaisonCase = await loadCase(message);
    if (notice !== 'cancellation' && isStaleOffer(liaisonCase, payload.offer)) return undefined;
    const settings = await deps.companySettings.get(message.tenantId, liaisonCase.companyId);
    return { liaisonCase, settings, notice, replaces: payload.replaces };
  };

  const renderSpstNotice: Renderer = async (message) => {
    const spst = await spstMessage(message);
    if (!spst) return SKIPPED;
    const { liaisonCase, settings, notice, replaces } = spst;
    const aadObjectId = liaisonCase.spst.contactAadObjectId;
    if (!aadObjectId) throw new Error('the SPST contact has no Teams id');
    const contact = employerContactOf(liaisonCase, settings.hrContact);
    return cardTo(message.tenantId, { aadObjectId }, (t) =>
      spstNoticeCardFor(liaisonCase, t, {
        notice,
        ...(replaces ? { replaces } : {}),
        companyName: companyNameOf(settings, t),
        contact,
      }),
    );
  };

  const sendSpstEmail: Renderer = async (message) => {
    const spst = await spstMessage(message);
    if (!spst) return SKIPPED;
    const { liaisonCase, settings, notice, replaces } = spst;
    const email = settings.spstContact?.email;
    if (!deps.emailSender || !settings.spstContact || !email) throw new Error('no SPST email or no SMTP');
    const contact = { ...settings.spstContact, email };
    try {
      await deps.emailSender.send(
        spstNoticeEmail({
          liaisonCase,
          notice,
          ...(replaces ? { replaces } : {}),
          contact,
          settings,
          organizer: deps.emailSender.organizer,
          now: now(),
        }),
      );
      return { deliveredElsewhere: { status: 'sent', activityId: undefined } };
    } catch (error) {
      // Retried with backoff like a failed Teams send (the SMTP server may be down for a while).
      return { deliveredElsewhere: { status: 'failed', error: `SMTP: ${(error as Error).message}` } };
    }
  };

  const renderManagerStatus: Renderer = async (message) => {
    const { news } = message.payload as CaseNewsPayload;
    const liaisonCase = await loadCase(message);
    const aadObjectId = liaisonCase.manager?.aadObjectId;
    if (!aadObjectId) throw new Error('the case has no manager with a Teams id');
    const today = parisToday(now());
    const target = { aadObjectId };
    const reference = await deps.references.find(message.tenantId, target);
    const letters = (await deps.letterActions?.(liaisonCase, reference?.locale)) ?? [];
    const proof = (await deps.proofActions?.(liaisonCase, reference?.locale)) ?? [];
    const answerLink = await deps.invitations?.linkStatus(liaisonCase);
    return cardTo(message.tenantId, target, (t) =>
      managerStatusCard(liaisonCase, t, { today, news, letters, proof, answerLink }),
    );
  };

  /**
   * The HR people of the case's company, when it has no HR channel: its HR list, HR_ADMINS that Liaison has met
   * in this tenant, and whoever opened the case as HR. Never the manager as such: their own card says "closed"
   * where HR's says "declined" (R-INIT-04).
   */
  const hrPeopleOf = async (liaisonCase: LiaisonCase): Promise<string[]> => {
    const listed = (await deps.access.hrUsers(liaisonCase.tenantId, liaisonCase.companyId)).map(
      (user) => user.aadObjectId,
    );
    const admins: string[] = [];
    for (const id of deps.hrAdmins ?? []) {
      if (await deps.references.find(liaisonCase.tenantId, { aadObjectId: id })) admins.push(id);
    }
    const opener =
      liaisonCase.openedBy.role === 'hr' && liaisonCase.openedBy.aadObjectId
        ? [liaisonCase.openedBy.aadObjectId]
        : [];
    return [...new Set([...opener, ...listed, ...admins].filter(Boolean))];
  };

  const renderHrUpdate: Renderer = async (message) => {
    const { news } = message.payload as CaseNewsPayload;
    const liaisonCase = await loadCase(message);
    const { hrChannelId } = await deps.companySettings.get(message.tenantId, liaisonCase.companyId);
    if (hrChannelId) {
      return cardTo(message.tenantId, { channelId: hrChannelId }, (t) => hrNewsCard(liaisonCase, news, t));
    }
    const people = await hrPeopleOf(liaisonCase);
    if (people.length === 0) throw new Error('the company has no HR channel and nobody HR to tell');
    await deps.db.transaction(async (tx) => {
      for (const aadObjectId of people) {
        const payload: HrPersonUpdatePayload = { caseId: liaisonCase.id, news, aadObjectId };
        await deps.outbox.enqueue(tx, {
          tenantId: message.tenantId,
          caseId: liaisonCase.id,
          kind: HR_PERSON_UPDATE_KIND,
          payload,
        });
      }
    });
    return SKIPPED;
  };

  const renderHrPersonUpdate: Renderer = async (message) => {
    const { news, aadObjectId } = message.payload as HrPersonUpdatePayload;
    const liaisonCase = await loadCase(message);
    return cardTo(message.tenantId, { aadObjectId }, (t) => hrNewsCard(liaisonCase, news as CaseNews, t));
  };

  return new Map([
    [INVITATION_KIND, renderInvitation],
    [EMPLOYEE_CANCELLATION_KIND, renderEmployeeCancellation],
    [SPST_NOTICE_KIND, renderSpstNotice],
    [SPST_EMAIL_KIND, sendSpstEmail],
    [MANAGER_STATUS_KIND, renderManagerStatus],
    [HR_UPDATE_KIND, renderHrUpdate],
    [HR_PERSON_UPDATE_KIND, renderHrPersonUpdate],
  ]);
}
