/**
 * Crash safety (issue #5), with the real bot in a child process (bot/index.ts) on SQLite and on PostgreSQL:
 *  - SIGKILL between two steps of a manager's dialog: restarted on the same database, the dialog goes on at the
 *    step it had reached;
 *  - SIGKILL while the HR card of an accepted invitation is being sent (the connector has the request but has not
 *    answered it): restarted, the card is posted exactly once and the case is as the acceptance left it;
 *  - 50 concurrent identical card actions over HTTP: one transition, one HR card.
 */
import type { Activity } from 'botbuilder';
import { CompanySettingsStore } from '../../bot/caseFlow';
import { CaseStore, type LiaisonCase } from '../../bot/cases';
import { translatorFor } from '../../bot/i18n';
import { ConversationReferenceStore } from '../../bot/messaging';
import { openDatabase, type Database } from '../../bot/storage';
import { startBot, type BotProcess } from '../support/botProcess';
import { storageKinds, type TestDatabase } from '../support/databases';
import { LocalChannel, type TeamsUser } from '../support/localChannel';
import { sampleOpenRequestOn, seedCase } from '../cases/sampleCase';
import { parisToday } from '../../domain';
import { GatedChannel } from './gatedChannel';

jest.setTimeout(120_000);

const TENANT = 'tenant-a';
const COMPANY = 'company-1';
const HR_CHANNEL = '19:hr-channel@thread.tacv2';
const fr = translatorFor('fr', 'caseDialog');

/** Everything the connector received, as text, to look for a sentence in (cards included). */
const textOf = (activity: { text?: string; attachments?: unknown }) =>
  `${activity.text ?? ''} ${JSON.stringify(activity.attachments ?? [])}`;

/** A second connection to the bot's database, as another instance would have. */
async function connect(database: TestDatabase): Promise<Database> {
  return database.url.startsWith('sqlite:')
    ? openDatabase({ kind: 'sqlite', path: database.url.slice('sqlite:'.length) })
    : openDatabase({ kind: 'postgres', url: database.url });
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(storageKinds())('crash safety on $kind', ({ open }) => {
  let database: TestDatabase;
  let db: Database;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    database = await open();
    await database.db.close();
    db = await connect(database);
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    bot = undefined;
    await db.close();
    await database.dispose();
  });

  const start = async () => {
    bot = await startBot({ DATABASE_URL: database.url });
    return bot;
  };
  const kill = async () => {
    await bot?.stop('SIGKILL');
    bot = undefined;
  };

  test("a manager's dialog killed between two steps resumes at the same step", async () => {
    const channel = await LocalChannel.start();
    try {
      const manager: TeamsUser = { aadObjectId: 'aad-manager', tenantId: TENANT, locale: 'fr-FR' };
      const say = async (text: string, expected: string) => {
        const before = channel.received.length;
        // The HTTP answer comes once the turn is over, its state saved.
        const response = await channel.postMessage((bot as BotProcess).baseUrl, manager, text);
        expect(response.status).toBeLessThan(300);
        const reply = await channel.waitFor(
          (activity) => channel.received.indexOf(activity) >= before && textOf(activity).includes(expected),
        );
        return reply;
      };
      await start();
      await say('nouveau rendez-vous de liaison', fr('who.askName'));
      await say('Camille Durand', fr('who.askEmail', { name: 'Camille Durand' }));
      await say('camille.durand@example.fr', 'CDI');
      await say('CDI', fr('absences.askKind', { number: 1 }));

      await kill();
      await start();
      // The next answer is taken as the answer to the pending question, not as a new message.
      await say('Arrêt maladie', fr('absences.askStart'));
      await say('2026-10-01', fr('absences.askEnd'));
    } finally {
      await channel.close();
    }
  });

  /** A proposed case of the employee, with HR's channel and the manager reachable through `serviceUrl`. */
  async function proposedCase(serviceUrl: string): Promise<LiaisonCase> {
    await new CompanySettingsStore(db).upsert(TENANT, COMPANY, {
      companyName: 'Boulangerie Dupain',
      hrChannelId: HR_CHANNEL,
    });
    const references = new ConversationReferenceStore(db);
    const base = { type: 'message', channelId: 'msteams', serviceUrl, recipient: { id: '28:liaison' } };
    await references.saveFromActivity({
      ...base,
      from: { id: '29:aad-hr', aadObjectId: 'aad-hr' },
      conversation: { id: `${HR_CHANNEL};messageid=1`, conversationType: 'channel', tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, channel: { id: HR_CHANNEL } },
    } as never);
    await references.saveFromActivity({
      ...base,
      from: { id: '29:aad-manager', aadObjectId: 'aad-manager' },
      conversation: { id: 'a:personal-manager', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    } as never);
    const today = parisToday(new Date());
    return seedCase(db, {
      request: sampleOpenRequestOn(today, { tenantId: TENANT, companyId: COMPANY }),
      settings: {},
      service: { now: () => new Date() },
    });
  }

  function accept(caseId: string, serviceUrl: string): Partial<Activity> {
    return {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'invoke-accept-1',
      channelId: 'msteams',
      serviceUrl,
      locale: 'fr-FR',
      from: { id: '29:aad-employee', aadObjectId: 'aad-employee' } as never,
      recipient: { id: '28:liaison' } as never,
      conversation: { id: 'a:personal-employee', conversationType: 'personal', tenantId: TENANT } as never,
      channelData: { tenant: { id: TENANT } },
      value: {
        action: { type: 'Action.Execute', verb: 'invitation.accept', data: { caseId } },
        trigger: 'manual',
      },
    };
  }

  const post = (activity: Partial<Activity>) =>
    fetch(`${(bot as BotProcess).baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  const outboxRows = () =>
    db.query<{ kind: string; status: string; attempts: number }>('SELECT kind, status, attempts FROM outbox');
  const acceptances = async (caseId: string) =>
    (await new CaseStore(db).auditTrail(TENANT, caseId)).filter((row) => row.event === 'accept');

  test('killed while the HR card is being sent, the restarted bot posts it exactly once', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      channel.hold([HR_CHANNEL]);
      await start();
      const response = await post(accept(liaisonCase.id, channel.serviceUrl));
      expect(response.status).toBe(200);
      // The HR card is on its way: the connector has the request and holds it. Kill the bot now.
      await channel.until(() => channel.held.some((request) => request.conversationId === HR_CHANNEL));
      await kill();
      expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(0);
      expect((await outboxRows()).find((row) => row.kind === 'hr.update')?.status).toBe('claimed');

      // The dead instance's claim runs out (5 minutes in production; moved forward here), then a new instance.
      await db.execute(
        "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000Z' WHERE status = 'claimed'",
      );
      channel.hold([]);
      await start();
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      const hrCards = channel.delivered.filter((d) => d.conversationId === HR_CHANNEL);
      expect(hrCards).toHaveLength(1);
      expect(JSON.stringify(hrCards[0]?.activity.attachments)).toContain('Camille Martin');
      // The case is as the acceptance left it: accepted once, nothing half-done.
      const stored = await new CaseStore(db).get(TENANT, liaisonCase.id);
      expect(stored).toMatchObject({ state: 'accepted', version: liaisonCase.version + 1 });
      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      // The same click again, after the restart, changes nothing and sends nothing.
      expect((await post(accept(liaisonCase.id, channel.serviceUrl))).status).toBe(200);
      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      expect((await outboxRows()).filter((row) => row.kind === 'hr.update')).toHaveLength(1);
    } finally {
      await channel.close();
    }
  });

  test('killed in the middle of a burst of clicks, the case is consistent and HR gets one card', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      channel.hold([HR_CHANNEL]);
      await start();
      const burst = Array.from({ length: 30 }, () =>
        post(accept(liaisonCase.id, channel.serviceUrl)).then(
          (response) => response.status,
          () => 'killed' as const,
        ),
      );
      // As soon as one click has been answered, the bot dies with the rest of the burst under way.
      await Promise.race(burst);
      await kill();
      const statuses = await Promise.all(burst);
      expect(statuses).toContain(200);

      // Consistent: accepted once, with exactly one HR update queued, whatever the kill interrupted.
      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      expect((await new CaseStore(db).get(TENANT, liaisonCase.id))?.state).toBe('accepted');
      expect((await outboxRows()).filter((row) => row.kind === 'hr.update')).toHaveLength(1);

      await db.execute(
        "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000Z' WHERE status = 'claimed'",
      );
      channel.hold([]);
      await start();
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(1);
    } finally {
      await channel.close();
    }
  });

  test('50 concurrent identical card actions over HTTP make one transition and one HR card', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      await start();
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => post(accept(liaisonCase.id, channel.serviceUrl))),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
      const bodies = await Promise.all(responses.map((response) => response.text()));
      // Every click is answered with the case as it stands (accepted), none with an error.
      for (const body of bodies) expect(body).toContain('application/vnd.microsoft.card.adaptive');

      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      expect((await new CaseStore(db).get(TENANT, liaisonCase.id))?.version).toBe(liaisonCase.version + 1);
      expect((await outboxRows()).filter((row) => row.kind === 'hr.update')).toHaveLength(1);
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(1);
    } finally {
      await channel.close();
    }
  });
});
