import { AccessControl } from '../../../../bot/services/access';
import { CaseStore, Outbox, type LiaisonCase } from '../../../../bot/services/cases';
import {
  CaseService,
  caseFlowRenderers,
  CompanySettingsStore,
  notifyManagerOfUndeliveredInvitation,
  type CaseCaller,
  type CaseChange,
  type CompanySettings,
  type EmailSender,
  type OpenCaseRequest,
} from '../../../../bot/services/caseFlow';
import { OutboxDispatcher, PLAIN_MESSAGE_KIND, renderPlainMessage } from '../../../../bot/platform/messaging';
import { silentLogger } from '../../../support/bot';
import type { Activity } from 'botbuilder';
import { messagingHarness, TENANT } from '../../platform/messaging/harness';
import type { Database } from '../../../../bot/platform/storage';
import { sampleOpenRequest } from '../cases/sampleCase';

/** 2026-11-05 in Paris: the sample meeting (2026-11-20) is 15 days away, the SPST notice is in time. */
export const NOW = new Date('2026-11-05T09:00:00.000Z');
export const COMPANY = 'company-1';
export const HR_CHANNEL = '19:hr-channel@thread.tacv2';

export const SETTINGS: CompanySettings = {
  companyName: 'Boulangerie Dupain',
  hrChannelId: HR_CHANNEL,
  spstContact: {
    name: 'Dr Durand',
    email: 'spst@example.org',
    phone: '01 02 03 04 05',
    address: '1 rue de la Paix, Paris',
    website: 'https://spst.example.org',
    aadObjectId: 'aad-spst',
  },
  hrContact: { name: 'Service RH', email: 'rh@dupain.example', phone: '01 99 88 77 66' },
  headcount: 40,
  referentDesignated: false,
};

/** The callers of the stories: the employee's manager, the employee, an HR person of the company. */
export const MANAGER: CaseCaller = { aadObjectId: 'aad-manager', name: 'Louis Bernard', via: 'teams' };
export const EMPLOYEE: CaseCaller = { aadObjectId: 'aad-employee', name: 'Camille Martin', via: 'teams' };
export const HR: CaseCaller = { aadObjectId: 'aad-hr', name: 'Claire Petit', via: 'teams' };

export { sampleOpenRequest };

/** The stores and CaseService over `db`; `addHr` names a person HR of the company. */
export function caseServiceOver(db: Database, options: { emailEnabled?: boolean; hrAdmins?: string[] } = {}) {
  const cases = new CaseStore(db);
  const outbox = new Outbox(db, () => NOW);
  const companySettings = new CompanySettingsStore(db, () => NOW);
  const access = new AccessControl({
    db,
    settings: companySettings,
    hrAdmins: options.hrAdmins ?? [],
    localMode: false,
  });
  const addHr = (aadObjectId: string) => access.addHrUser(TENANT, COMPANY, aadObjectId);
  const caseService = new CaseService({
    db,
    cases,
    outbox,
    companySettings,
    isHr: (tenantId, companyId, aadObjectId) => access.isHr(tenantId, companyId, aadObjectId),
    emailEnabled: options.emailEnabled ?? false,
    now: () => NOW,
  });
  return { cases, outbox, companySettings, access, addHr, caseService };
}

/** The case flow wired as in bot/app.ts, delivering to a local Teams channel (and by email when given). */
export async function deliveryHarness(emailSender?: EmailSender, options: { hrAdmins?: string[] } = {}) {
  const messaging = await messagingHarness();
  const stores = caseServiceOver(messaging.db, { emailEnabled: emailSender !== undefined, ...options });
  const { cases, outbox, companySettings, access, caseService } = stores;
  const references = messaging.references;
  const dispatcher = new OutboxDispatcher({
    outbox,
    sender: messaging.sender,
    renderers: new Map([
      [PLAIN_MESSAGE_KIND, renderPlainMessage],
      ...caseFlowRenderers({
        db: messaging.db,
        cases,
        outbox,
        companySettings,
        references,
        access,
        hrAdmins: options.hrAdmins ?? [],
        emailSender,
        now: () => NOW,
      }),
    ]),
    logger: silentLogger,
    onUndeliverable: notifyManagerOfUndeliveredInvitation({ db: messaging.db, cases, outbox, references }),
    now: () => NOW,
  });

  /** Opens the sample case (by the manager unless said otherwise); throws unless the engine applied it. */
  const open = async (
    overrides: Partial<OpenCaseRequest> = {},
    caller: CaseCaller = MANAGER,
  ): Promise<LiaisonCase> => {
    const outcome = await caseService.open(sampleOpenRequest(overrides), caller);
    if (outcome.outcome !== 'applied') throw new Error(`not opened: ${JSON.stringify(outcome)}`);
    return outcome.case;
  };
  /** Applies a change; throws unless the engine applied it. */
  const change = async (caseId: string, caseChange: CaseChange, caller: CaseCaller): Promise<LiaisonCase> => {
    const outcome = await caseService.change(TENANT, caseId, caseChange, caller);
    if (outcome.outcome !== 'applied') throw new Error(`not applied: ${JSON.stringify(outcome)}`);
    return outcome.case;
  };
  /** Dispatches until the outbox has nothing due (fan-outs and undeliverable notices included). */
  const drain = async () => {
    for (let round = 0; round < 10; round += 1) {
      if ((await dispatcher.dispatchDue()) === 0) return;
    }
    throw new Error('the outbox never drained');
  };

  return {
    ...messaging,
    ...stores,
    dispatcher,
    open,
    change,
    drain,
    /** As if someone had written to the bot in the HR channel: the channel's reference is stored. */
    knownChannel: async (channelId: string, locale = 'fr-FR') => {
      const post = messaging.channel.messageFrom(
        { aadObjectId: 'aad-hr', tenantId: TENANT, locale },
        'config',
      );
      await references.saveFromActivity({
        ...post,
        conversation: { ...post.conversation, id: `${channelId};messageid=1`, conversationType: 'channel' },
        channelData: { tenant: { id: TENANT }, channel: { id: channelId } },
      } as Activity);
    },
  };
}

export type DeliveryHarness = Awaited<ReturnType<typeof deliveryHarness>>;

/** The Adaptive Card of a received activity, as sent. */
export function cardOf(activity: { attachments?: Array<{ contentType: string; content?: unknown }> }) {
  const [attachment] = activity.attachments ?? [];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as { body: unknown[]; actions?: unknown[] };
}
