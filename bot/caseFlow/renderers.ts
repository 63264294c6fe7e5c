import { CardFactory, MessageFactory } from 'botbuilder';
import type { ClaimedMessage, CaseStore, LiaisonCase } from '../cases';
import { translatorFor, type Translator } from '../i18n';
import {
  messageInRecipientLanguage,
  type ConversationReferenceStore,
  type ProactiveTarget,
  type Renderer,
} from '../messaging';
import { parisToday } from '../../domain';
import {
  companyNameOf,
  hrUpdateCard,
  invitationCard,
  managerStatusCard,
  spstNoticeCard,
} from '../../cards/caseCards';
import type { CompanySettingsStore } from './companySettings';
import type { EmailSender } from './emailSender';
import {
  HR_UPDATE_KIND,
  INVITATION_KIND,
  MANAGER_STATUS_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type CaseMessagePayload,
  type HrUpdatePayload,
  type ManagerStatusPayload,
} from './messages';
import { spstNoticeEmail } from './spstEmail';

export interface CaseRendererDeps {
  cases: CaseStore;
  companySettings: CompanySettingsStore;
  references: ConversationReferenceStore;
  /** Absent when SMTP is not configured. */
  emailSender?: EmailSender;
  /** The letters' download buttons for the manager's status card (bot/letters). */
  letterActions?: (
    liaisonCase: LiaisonCase,
    locale: string | undefined,
  ) => Promise<Array<{ title: string; url: string }>>;
  now?: () => Date;
}

/**
 * The renderers of the case flow's outbox messages, by kind. Each reads the case and the company's settings as
 * they are at send time and writes in the recipient's language (the locale of their last turn; French when
 * unknown). A recipient that cannot be named (no Teams id, no HR channel) makes the render throw: the dispatcher
 * then gives the message up and reports it.
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
    const liaisonCase = await loadCase(message);
    const aadObjectId = liaisonCase.employee.aadObjectId;
    if (!aadObjectId) throw new Error('the employee has no Teams id');
    const today = parisToday(now());
    return cardTo(message.tenantId, { aadObjectId }, (t) => invitationCard(liaisonCase, t, { today }));
  };

  const renderSpstNotice: Renderer = async (message) => {
    const liaisonCase = await loadCase(message);
    const aadObjectId = liaisonCase.spst.contactAadObjectId;
    if (!aadObjectId) throw new Error('the SPST contact has no Teams id');
    const settings = await deps.companySettings.get(message.tenantId, liaisonCase.companyId);
    return cardTo(message.tenantId, { aadObjectId }, (t) =>
      spstNoticeCard(liaisonCase, t, companyNameOf(settings, t)),
    );
  };

  const renderHrUpdate: Renderer = async (message) => {
    const { answer } = message.payload as HrUpdatePayload;
    const liaisonCase = await loadCase(message);
    const { hrChannelId } = await deps.companySettings.get(message.tenantId, liaisonCase.companyId);
    if (!hrChannelId) throw new Error('the company has no HR channel');
    return cardTo(message.tenantId, { channelId: hrChannelId }, (t) => hrUpdateCard(liaisonCase, answer, t));
  };

  const renderManagerStatus: Renderer = async (message) => {
    const { news } = message.payload as ManagerStatusPayload;
    const liaisonCase = await loadCase(message);
    const today = parisToday(now());
    const target = { aadObjectId: liaisonCase.manager.aadObjectId };
    const reference = await deps.references.find(message.tenantId, target);
    const letters = (await deps.letterActions?.(liaisonCase, reference?.locale)) ?? [];
    return cardTo(message.tenantId, target, (t) =>
      managerStatusCard(liaisonCase, t, { today, news, letters }),
    );
  };

  const sendSpstEmail: Renderer = async (message) => {
    const liaisonCase = await loadCase(message);
    const settings = await deps.companySettings.get(message.tenantId, liaisonCase.companyId);
    const email = settings.spstContact?.email;
    if (!deps.emailSender || !settings.spstContact || !email) throw new Error('no SPST email or no SMTP');
    const contact = { ...settings.spstContact, email };
    try {
      await deps.emailSender.send(spstNoticeEmail(liaisonCase, contact, settings, now()));
      return { deliveredElsewhere: { status: 'sent', activityId: undefined } };
    } catch (error) {
      // Retried with backoff like a failed Teams send (the SMTP server may be down for a while).
      return { deliveredElsewhere: { status: 'failed', error: `SMTP: ${(error as Error).message}` } };
    }
  };

  return new Map([
    [INVITATION_KIND, renderInvitation],
    [SPST_NOTICE_KIND, renderSpstNotice],
    [HR_UPDATE_KIND, renderHrUpdate],
    [SPST_EMAIL_KIND, sendSpstEmail],
    [MANAGER_STATUS_KIND, renderManagerStatus],
  ]);
}
