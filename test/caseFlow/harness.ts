import { CaseStore, Outbox } from '../../bot/cases';
import {
  CaseFlow,
  caseFlowRenderers,
  CompanySettingsStore,
  notifyManagerOfUndeliveredInvitation,
  type CaseStartRequest,
  type CompanySettings,
  type EmailSender,
} from '../../bot/caseFlow';
import { OutboxDispatcher, PLAIN_MESSAGE_KIND, renderPlainMessage } from '../../bot/messaging';
import { silentLogger } from '../support/bot';
import type { Activity } from 'botbuilder';
import { sampleCase } from '../cases/sampleCase';
import { messagingHarness, TENANT } from '../messaging/harness';
import type { Database } from '../../bot/storage';

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
  headcount: 40,
  referentDesignated: false,
};

export function sampleStartRequest(overrides: Partial<CaseStartRequest> = {}): CaseStartRequest {
  const { spst, ...newCase } = sampleCase();
  return { ...newCase, draftId: 'draft-1', spstAttendance: spst.attendance, ...overrides };
}

/** The stores and the case flow over `db`. */
export function caseFlowOver(db: Database, emailEnabled = false) {
  const cases = new CaseStore(db, () => NOW);
  const outbox = new Outbox(db, () => NOW);
  const companySettings = new CompanySettingsStore(db, () => NOW);
  const caseFlow = new CaseFlow({ cases, outbox, companySettings, emailEnabled, now: () => NOW });
  return { cases, outbox, companySettings, caseFlow };
}

/** The case flow wired as in bot/app.ts, delivering to a local Teams channel (and by email when given). */
export async function deliveryHarness(emailSender?: EmailSender) {
  const messaging = await messagingHarness();
  const stores = caseFlowOver(messaging.db, emailSender !== undefined);
  const { cases, outbox, companySettings } = stores;
  const references = messaging.references;
  const dispatcher = new OutboxDispatcher({
    outbox,
    sender: messaging.sender,
    renderers: new Map([
      [PLAIN_MESSAGE_KIND, renderPlainMessage],
      ...caseFlowRenderers({ cases, companySettings, references, emailSender, now: () => NOW }),
    ]),
    logger: silentLogger,
    onUndeliverable: notifyManagerOfUndeliveredInvitation({ db: messaging.db, cases, outbox, references }),
    now: () => NOW,
  });
  return {
    ...messaging,
    ...stores,
    dispatcher,
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
