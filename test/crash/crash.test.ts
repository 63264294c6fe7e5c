/**
 * Crash safety (issue #5), with the real bot in a child process (bot/index.ts) on SQLite and on PostgreSQL:
 *  - SIGKILL between two steps of the manager's guided dialog ("pas à pas", contract first): restarted on the same
 *    database, the dialog goes on at the step it had reached;
 *  - SIGKILL between the form's check and its "send": restarted, the summary's "send" opens the case, once;
 *  - SIGKILL while the HR card of an accepted invitation is being sent (the connector has the request but has not
 *    answered it): restarted, the card is posted exactly once and the case is as the acceptance left it;
 *  - 50 concurrent identical card actions over HTTP: one transition, one HR card.
 * The seeded case's opening messages (HR is told at the opening too) are delivered before each click, so that the
 * HR card counted is the acceptance's.
 */
import type { Activity } from 'botbuilder';
import { CompanySettingsStore } from '../../bot/services/caseFlow';
import { CaseStore, type LiaisonCase } from '../../bot/services/cases';
import { translatorFor } from '../../language/i18n';
import { ConversationReferenceStore } from '../../bot/platform/messaging';
import { openDatabase, type Database } from '../../bot/platform/storage';
import { startBot, type BotProcess } from '../support/botProcess';
import { storageKinds, type TestDatabase } from '../support/databases';
import { LocalChannel, type TeamsUser } from '../support/localChannel';
import { sampleOpenRequestOn, seedCase } from '../bot/services/cases/sampleCase';
import { addDays, isBusinessDay, parisToday } from '../../domain';
import { cardOf, submission } from '../support/teamsCards';
import { GatedChannel } from './gatedChannel';

jest.setTimeout(120_000);

const TENANT = 'tenant-a';
const COMPANY = 'company-1';
const HR_CHANNEL = '19:hr-channel@thread.tacv2';
const fr = translatorFor('fr', 'caseDialog');
const frCards = translatorFor('fr', 'cards');
/** The HR card of the seeded employee's acceptance (not of the opening). */
const isAcceptanceCard = (delivered: { conversationId: string; activity: Partial<Activity> }) =>
  delivered.conversationId === HR_CHANNEL &&
  JSON.stringify(delivered.activity.attachments ?? []).includes(
    frCards('hrUpdate.news.accept', { employeeName: 'Camille Martin' }),
  );

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

  /** Talks to the bot as `manager` over `channel`; resolves with the reply holding `expected`. */
  const conversationOf = (channel: LocalChannel, manager: TeamsUser) => {
    const reply = async (activity: Partial<Activity>, expected: string) => {
      const before = channel.received.length;
      // The HTTP answer comes once the turn is over, its state saved.
      const response = await channel.post((bot as BotProcess).baseUrl, activity);
      expect(response.status).toBeLessThan(300);
      return channel.waitFor(
        (candidate) => channel.received.indexOf(candidate) >= before && textOf(candidate).includes(expected),
      );
    };
    return {
      say: (text: string, expected: string) => reply(channel.messageFrom(manager, text), expected),
      submit: (value: Record<string, unknown>, expected: string) => {
        const { text: _none, ...message } = channel.messageFrom(manager, '');
        return reply({ ...message, value }, expected);
      },
    };
  };

  test("the manager's guided dialog killed between two steps resumes at the same step", async () => {
    const channel = await LocalChannel.start();
    try {
      const manager: TeamsUser = { aadObjectId: 'aad-manager', tenantId: TENANT, locale: 'fr-FR' };
      const { say } = conversationOf(channel, manager);
      await start();
      await say('nouveau rendez-vous de liaison', fr('form.intro'));
      // The guided dialog asks the contract first, then who.
      await say('pas à pas', fr('eligibility.askContract'));
      await say('CDI', fr('who.askName'));
      await say('Camille Durand', fr('who.askEmail', { name: 'Camille Durand' }));

      await kill();
      await start();
      // The next answer is taken as the answer to the pending question, not as a new message.
      const next = await say('camille.durand@example.fr', fr('manager.ask', { name: 'Camille Durand' }));
      expect(textOf(next)).not.toContain(fr('form.intro'));
      await say('Louis Bernard', fr('absences.askKind', { number: 1 }));
      await say('Arrêt maladie', fr('absences.askStart'));
    } finally {
      await channel.close();
    }
  });

  test("the manager's form killed between its check and « send »: restarted, « send » opens the case once", async () => {
    const channel = await LocalChannel.start();
    try {
      const manager: TeamsUser = {
        aadObjectId: '00000000-0000-4000-8000-000000000001',
        tenantId: TENANT,
        locale: 'fr-FR',
        name: 'Louis Bernard',
      };
      const { say, submit } = conversationOf(channel, manager);
      const today = parisToday(new Date());
      let meetingDay = addDays(today, 14);
      while (!isBusinessDay(meetingDay)) meetingDay = addDays(meetingDay, 1);
      await start();
      const opened = await say('nouveau rendez-vous de liaison', fr('form.intro'));
      expect(textOf(opened)).toContain(fr('form.intro'));
      const summary = await submit(
        submission(cardOf(channel.received.at(-1)!), {
          employeeName: 'Camille Durand',
          employeeEmail: 'camille.durand@example.fr',
          contractKind: 'cdi',
          absenceKind1: 'maladie',
          absenceStart1: addDays(today, -60),
          absenceEnd1: addDays(today, 90),
          initiator: 'employer',
          requestDate: today,
          meetingDate: meetingDay,
          meetingTime: '14:30',
          meetingMode: 'on_site',
          meetingPlace: 'Salle 2',
          spstAttendance: 'attend',
        }),
        fr('form.send'),
      );

      await kill();
      await start();
      // The summary shown before the crash still sends: the form's state (and its case id) survived.
      const send = submission(cardOf(summary), {});
      await submit(send, fr('summary.sent'));
      const cases = await db.query<{ id: string; state: string }>('SELECT id, state FROM cases');
      expect(cases).toEqual([{ id: (send as { caseId: string }).caseId, state: 'invited' }]);
    } finally {
      await channel.close();
    }
  });

  /** An invited case of the employee, with HR's channel, the manager and the employee reachable through `serviceUrl`. */
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
    // The employee too: the invitation of the opening reaches them.
    await references.saveFromActivity({
      ...base,
      from: { id: '29:aad-employee', aadObjectId: 'aad-employee' },
      conversation: { id: 'a:personal-employee', conversationType: 'personal', tenantId: TENANT },
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
  /** The HR updates queued, with their news ('open', 'accept'…). */
  const hrUpdates = async () =>
    (
      await db.query<{ status: string; payload: string }>(
        "SELECT status, payload FROM outbox WHERE kind = 'hr.update'",
      )
    ).map((row) => ({ status: row.status, news: (JSON.parse(row.payload) as { news?: string }).news }));
  /** The seeded case's opening messages have all gone out, its HR card among them. */
  const openingDelivered = async (channel: GatedChannel) => {
    await waitFor(outboxRows, (rows) => rows.length > 0 && rows.every((row) => row.status === 'sent'));
    expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(1);
  };
  const acceptances = async (caseId: string) =>
    (await new CaseStore(db).auditTrail(TENANT, caseId)).filter((row) => row.event === 'accept');

  test('killed while the HR card is being sent, the restarted bot posts it exactly once', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      await start();
      await openingDelivered(channel);
      channel.hold([HR_CHANNEL]);
      const response = await post(accept(liaisonCase.id, channel.serviceUrl));
      expect(response.status).toBe(200);
      // The HR card is on its way: the connector has the request and holds it. Kill the bot now.
      await channel.until(() => channel.held.some((request) => request.conversationId === HR_CHANNEL));
      await kill();
      expect(channel.delivered.filter(isAcceptanceCard)).toHaveLength(0);
      expect((await hrUpdates()).find((row) => row.news === 'accept')?.status).toBe('claimed');

      // The dead instance's claim runs out (5 minutes in production; moved forward here), then a new instance.
      await db.execute(
        "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000Z' WHERE status = 'claimed'",
      );
      channel.hold([]);
      await start();
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      const hrCards = channel.delivered.filter(isAcceptanceCard);
      expect(hrCards).toHaveLength(1);
      // The opening's card, delivered before the kill, is not sent again.
      expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(2);
      expect(JSON.stringify(hrCards[0]?.activity.attachments)).toContain('Camille Martin');
      // The case is as the acceptance left it: accepted once, nothing half-done.
      const stored = await new CaseStore(db).get(TENANT, liaisonCase.id);
      expect(stored).toMatchObject({ state: 'accepted', version: liaisonCase.version + 1 });
      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      // The same click again, after the restart, changes nothing and sends nothing.
      expect((await post(accept(liaisonCase.id, channel.serviceUrl))).status).toBe(200);
      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      expect((await hrUpdates()).map((row) => row.news).sort()).toEqual(['accept', 'open']);
    } finally {
      await channel.close();
    }
  });

  test('killed in the middle of a burst of clicks, the case is consistent and HR gets one card', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      await start();
      await openingDelivered(channel);
      channel.hold([HR_CHANNEL]);
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
      expect((await hrUpdates()).map((row) => row.news).sort()).toEqual(['accept', 'open']);

      await db.execute(
        "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000Z' WHERE status = 'claimed'",
      );
      channel.hold([]);
      await start();
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      expect(channel.delivered.filter(isAcceptanceCard)).toHaveLength(1);
    } finally {
      await channel.close();
    }
  });

  test('50 concurrent identical card actions over HTTP make one transition and one HR card', async () => {
    const channel = await GatedChannel.start();
    try {
      const liaisonCase = await proposedCase(channel.serviceUrl);
      await start();
      await openingDelivered(channel);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => post(accept(liaisonCase.id, channel.serviceUrl))),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
      const bodies = await Promise.all(responses.map((response) => response.text()));
      // Every click is answered with the case as it stands (accepted), none with an error.
      for (const body of bodies) expect(body).toContain('application/vnd.microsoft.card.adaptive');

      expect(await acceptances(liaisonCase.id)).toHaveLength(1);
      expect((await new CaseStore(db).get(TENANT, liaisonCase.id))?.version).toBe(liaisonCase.version + 1);
      expect((await hrUpdates()).map((row) => row.news).sort()).toEqual(['accept', 'open']);
      await waitFor(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
      expect(channel.delivered.filter(isAcceptanceCard)).toHaveLength(1);
      expect(channel.delivered.filter((d) => d.conversationId === HR_CHANNEL)).toHaveLength(2);
    } finally {
      await channel.close();
    }
  });
});
