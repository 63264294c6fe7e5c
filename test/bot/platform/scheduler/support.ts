import type { Activity } from 'botbuilder';
import { AbsenceStore } from '../../../../bot/services/absences';
import type { EmailSender } from '../../../../bot/services/caseFlow';
import { Outbox, type ClaimedMessage } from '../../../../bot/services/cases';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import {
  Reminders,
  reminderRenderers,
  Scheduler,
  REMINDER_OUTBOX_KIND,
} from '../../../../bot/services/reminders';
import type { Database } from '../../../../bot/platform/storage';
import { silentLogger } from '../../../support/bot';
import { testCaseService } from '../../services/cases/sampleCase';

export const TENANT = 'tenant-a';
export const COMPANY = 'company-1';
export const HR_CHANNEL = '19:hr@thread.tacv2';

/** The reminders wired as in bot/app.ts over `db`, on a clock the test moves; cases change through CaseService. */
export function remindersOver(db: Database, start: Date, emailSender?: EmailSender) {
  const clock = { now: start };
  const now = () => clock.now;
  const scheduler = new Scheduler({ db, logger: silentLogger, now });
  const absences = new AbsenceStore(now);
  const outbox = new Outbox(db, now);
  const reminders: Reminders = new Reminders({
    db,
    cases: { get: (tenantId, caseId) => cases.get(tenantId, caseId) },
    outbox,
    jobs: scheduler.jobs,
    eligibility: absences,
    now,
  });
  reminders.register(scheduler);
  const { service, cases, companySettings } = testCaseService(db, {
    now,
    emailEnabled: emailSender !== undefined,
    storeOptions: { onCaseWritten: (tx, liaisonCase) => reminders.onCaseWritten(tx, liaisonCase) },
  });
  const references = new ConversationReferenceStore(db, now);
  const render = reminderRenderers({ cases, companySettings, references, emailSender }).get(
    REMINDER_OUTBOX_KIND,
  )!;
  return {
    clock,
    scheduler,
    absences,
    outbox,
    reminders,
    service,
    cases,
    companySettings,
    references,
    /** The reminder messages queued so far, oldest first. */
    queued: async () => {
      const rows = await db.query<{ id: string; case_id: string | null; payload: string; kind: string }>(
        `SELECT id, case_id, payload, kind FROM outbox WHERE kind = $1 ORDER BY created_at, id`,
        [REMINDER_OUTBOX_KIND],
      );
      return rows.map((row): ClaimedMessage => ({
        id: row.id,
        tenantId: TENANT,
        caseId: row.case_id,
        kind: row.kind,
        payload: JSON.parse(row.payload) as unknown,
        attempts: 1,
      }));
    },
    render,
    /** As if the person had written to the bot in a 1:1 chat with this locale. */
    knownUser: (aadObjectId: string, locale: string) =>
      references.saveFromActivity(activity({ locale, from: { id: aadObjectId, aadObjectId, name: '' } })),
    /** As if someone had written in the channel with this locale. */
    knownChannel: (channelId: string, locale: string) =>
      references.saveFromActivity(
        activity({
          locale,
          conversation: {
            id: `${channelId};messageid=1`,
            conversationType: 'channel',
            isGroup: true,
            name: '',
          },
          channelData: { tenant: { id: TENANT }, channel: { id: channelId } },
        }),
      ),
  };
}

function activity(overrides: Partial<Activity>): Activity {
  return {
    type: 'message',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/emea/',
    from: { id: 'someone', name: '' },
    recipient: { id: 'bot', name: 'Liaison' },
    conversation: { id: 'conv-1', conversationType: 'personal', isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  } as Activity;
}

/** Every text of a card, in order (TextBlocks and facts). */
export function cardTextOf(rendered: unknown): string {
  return JSON.stringify(rendered);
}
