/**
 * Two instances of the REAL bot (bot/index.ts in two child processes, two ports) share one PostgreSQL database,
 * as behind Azure Bot Service with several replicas (issue #5, "Done when"). One local Teams channel
 * (test/support/localChannel.ts) posts each activity to the instance the test picks and captures every reply and
 * proactive message of both; a local SMTP server is the SPST's mailbox. Shown:
 *  1. both started at once on an EMPTY schema: the migrations are applied once, both answer /healthz 200;
 *  2. HR's settings and HR channel, and the HR system's absences feed, go through either instance;
 *  3. the manager's form, its turns posted alternately to A and B (command, a refused check, a clean check, send):
 *     one case, one invitation, one SPST email, one status card, one HR update of the opening, one row of each;
 *  4. the employee's accept posted to B works for the case started on A; 10 duplicates to A and 10 to B change
 *     nothing; on a second case, 10 + 10 concurrent first clicks make exactly one transition and one HR card;
 *  5. a reminder due now (HR told that an employee may have the meeting, from the absences feed) is delivered
 *     once although both instances' schedulers sweep — and the daily retention task runs once.
 * The schedulers poll every 3 s here (SCHEDULER_POLL_MS): the reminder is queued early, and step 5 waits for each
 * instance to have swept at least once since. Needs PostgreSQL: skipped (and said so) without it.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { Client } from 'pg';
import { AbsenceApiKeys } from '../../bot/services/absences';
import { CaseStore } from '../../bot/services/cases';
import { translatorFor } from '../../language/i18n';
import { FIRST_ELIGIBLE_KIND, parisInstant } from '../../bot/services/reminders';
import { MIGRATIONS, openDatabase, type Database } from '../../bot/platform/storage';
import {
  addDays,
  assessEligibility,
  isBusinessDay,
  parisToday,
  type AbsenceKind,
  type IsoDate,
} from '../../domain';
import { sampleOpenRequestOn, seedCase } from '../bot/services/cases/sampleCase';
import { startSmtpServer } from '../bot/services/caseFlow/smtpServer';
import { startBot, type BotProcess } from '../support/botProcess';
import { emptyPostgres, POSTGRES_FLAG, TEST_POSTGRES_URL } from '../support/databases';
import {
  LocalChannel,
  personalConversationId,
  type ReceivedActivity,
  type TeamsUser,
} from '../support/localChannel';
import { cardOf, objectsOf, stringsOf, submission, textOf, until } from '../support/teamsCards';
import { exchange as exchangeWith, execute, say as sayTo, submit as submitTo } from '../support/conversation';

jest.setTimeout(90_000);

const withPostgres = process.env[POSTGRES_FLAG] === '1';
if (!withPostgres) {
  process.stderr.write(
    `\n*** test/e2e/twoInstances SKIPPED: two instances need PostgreSQL, none answers at ${TEST_POSTGRES_URL} ***\n\n`,
  );
}

const TENANT = 'tenant-two-instances';
const HR_CHANNEL = '19:hr-two-instances@thread.tacv2';
const LOCALE = 'fr-FR';
/** How long a proactive message may take: each instance's outbox dispatcher polls every second. */
const DELIVERY_MS = 15_000;
/** The scheduler's poll (bot/platform/scheduler/scheduler.ts, pollIntervalMs default), with a margin for a sweep's run. */
const SWEEP_EVERY_MS = 3_000;
const SWEEP_SLACK_MS = 4_000;

const dialog = translatorFor(LOCALE, 'caseDialog');
const common = translatorFor(LOCALE, 'common');
const cards = translatorFor(LOCALE, 'cards');
const reminders = translatorFor(LOCALE, 'reminders');
const faq = translatorFor(LOCALE, 'faq');

const guid = () => randomUUID();
const person = (name: string): TeamsUser => ({ aadObjectId: guid(), tenantId: TENANT, locale: LOCALE, name });
const hr = person('Hélène RH');
const manager = person('Alex Dupont');
const employee = person('Camille Martin');
/** The employee of the second case (stored directly, as another instance would have stored it). */
const secondEmployee = person('Jordan Petit');
/** Known only from the HR system's absences feed: the reminder is about them. */
const absentEmployee = { aadObjectId: guid(), name: 'Dominique Leroy' };
const EMPLOYEE_EMAIL = 'camille.martin@example.fr';
const conversationOf = (user: TeamsUser) => personalConversationId(user.aadObjectId);

const today = parisToday(new Date());
const absence = { kind: 'maladie' as const, start: addDays(today, -60), end: addDays(today, 90) };
let meetingDay = addDays(today, 14);
while (!isBusinessDay(meetingDay)) meetingDay = addDays(meetingDay, 1);

/** An absence (still running) that makes its employee eligible from today exactly: one reminder due now. */
function absenceEligibleFromToday(): { kind: AbsenceKind; start: IsoDate; end: IsoDate } {
  for (let back = 1; back < 120; back += 1) {
    const candidate = { kind: 'maladie' as const, start: addDays(today, -back), end: addDays(today, 60) };
    const assessment = assessEligibility({ today, contract: { kind: 'cdi' }, absences: [candidate] });
    if (assessment.eligible && assessment.firstEligibleDate === today) return candidate;
  }
  throw new Error('no absence makes the employee eligible from today');
}

(withPostgres ? describe : describe.skip)('two bot instances sharing one PostgreSQL database', () => {
  let schema: Awaited<ReturnType<typeof emptyPostgres>>;
  let tablesBefore = -1;
  let channel: LocalChannel;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let a: BotProcess;
  let b: BotProcess;
  let db: Database;
  /** When the reminder's job was stored: each scheduler sweeps at least once in the SWEEP_EVERY_MS after. */
  let reminderQueuedAt = 0;

  beforeAll(async () => {
    schema = await emptyPostgres();
    channel = await LocalChannel.start();
    smtp = await startSmtpServer();
    // Counted with a plain client: opening the bot's storage would migrate.
    const admin = new Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    const counted = await admin.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1',
      [schema.schema],
    );
    tablesBefore = Number(counted.rows[0]?.n);
    await admin.end();
    const env = {
      DATABASE_URL: schema.url,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'liaison@example.com',
      LOG_LEVEL: 'info',
      SCHEDULER_POLL_MS: String(SWEEP_EVERY_MS),
    };
    // Both at once, on the empty schema: each applies the migrations at start-up.
    const started = await Promise.allSettled([startBot(env, 45_000), startBot(env, 45_000)]);
    const [first, second] = started;
    if (first?.status === 'fulfilled') a = first.value;
    if (second?.status === 'fulfilled') b = second.value;
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    // The test's own connection, opened only once both instances are up (nothing is left to migrate then).
    db = await openDatabase({ kind: 'postgres', url: schema.url });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await smtp?.close();
    await channel?.close();
    await schema?.dispose();
  });

  const exchange = (bot: BotProcess, activity: Partial<Activity>, expected: string) =>
    exchangeWith(channel, bot.baseUrl, activity, expected);
  const say = (bot: BotProcess, user: TeamsUser, text: string, expected: string) =>
    sayTo(channel, bot.baseUrl, user, text, expected);
  const submit = (bot: BotProcess, user: TeamsUser, value: Record<string, unknown>, expected: string) =>
    submitTo(channel, bot.baseUrl, user, value, expected);
  const accept = (bot: BotProcess, user: TeamsUser, caseId: string) =>
    execute(channel, bot.baseUrl, user, 'invitation.accept', { caseId, offer: 1 });

  const outboxRows = () =>
    db.query<{ kind: string; status: string; case_id: string | null; payload: string }>(
      'SELECT kind, status, case_id, payload FROM outbox',
    );
  /** The news of each HR update queued for the case: one for the opening, one per answer. */
  const hrNewsOf = async (caseId: string) =>
    (await outboxRows())
      .filter((row) => row.case_id === caseId && row.kind === 'hr.update')
      .map((row) => (JSON.parse(row.payload) as { news?: string }).news)
      .sort();
  /** Once every queued message is sent, a little longer than one dispatcher poll of each instance. */
  const outboxDrained = async () => {
    await until(outboxRows, (rows) => rows.every((row) => row.status === 'sent'), DELIVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  };
  const acceptances = async (caseId: string) =>
    (await new CaseStore(db).auditTrail(TENANT, caseId)).filter((entry) => entry.event === 'accept');
  const hrCardsAbout = (employeeName: string) =>
    channel.received.filter(
      (activity) =>
        activity.conversationId === HR_CHANNEL &&
        textOf(activity).includes(cards('hrUpdate.news.accept', { employeeName })) &&
        textOf(activity).includes(cards('hrUpdate.title', { employeeName })),
    );
  const isInvitation = (activity: ReceivedActivity) =>
    activity.conversationId === conversationOf(employee) &&
    JSON.stringify(activity.attachments ?? []).includes('invitation.accept');
  const isEligibleReminder = (activity: ReceivedActivity) =>
    activity.conversationId === HR_CHANNEL &&
    activity.activity.summary === reminders('summary.first_eligible');
  /** The "job run" log lines of both instances for jobs of `kind`. */
  const jobRuns = (kind: string) =>
    [a, b].map(
      (bot) =>
        bot
          .output()
          .split('\n')
          .filter((line) => line.includes('"msg":"job run"') && line.includes(`"kind":"${kind}"`)).length,
    );

  let caseId = '';

  test('1. started at once on an empty database, both apply the migrations safely and answer /healthz', async () => {
    expect(tablesBefore).toBe(0);
    expect(a.port).not.toBe(b.port);
    for (const bot of [a, b]) {
      const health = await fetch(`${bot.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
    }
    const applied = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(applied.map((row) => Number(row.version))).toEqual(
      MIGRATIONS.map((migration) => migration.version).sort((x, y) => x - y),
    );
    for (const bot of [a, b]) {
      expect(bot.output()).not.toMatch(/"level":(50|60)/);
      expect(bot.output()).toContain('"storage":"PostgreSQL"');
    }
  });

  test("2. HR's settings and HR channel, the employee's question, the HR system's absences: through A and B", async () => {
    const shown = await say(a, hr, 'paramètres', cards('companySettings.title'));
    const form = submission(cardOf(shown.replies.at(-1)!), {
      companyName: 'Boulangerie Dupain',
      spstName: 'Dr Durand',
      spstEmail: 'spst@example.org',
      spstPhone: '01 02 03 04 05',
      hrName: 'Hélène RH',
      hrEmail: 'rh@boulangerie.example.fr',
      headcount: '120',
      referentDesignated: 'true',
    });
    const saved = await submit(b, hr, form, common('settings.saved'));
    expect(saved.answered).not.toContain(common('settings.invalid.intro'));
    await exchange(
      a,
      channel.channelMessageFrom(hr, HR_CHANNEL, 'canal RH'),
      common('settings.hrChannelSet'),
    );
    // The employee talks to the bot once (through B), so that Liaison can reach them later.
    await say(b, employee, 'est-ce obligatoire ?', faq('entries.is-it-mandatory.title'));

    // The HR system feeds an absence that makes an employee eligible today: a reminder to HR, due now.
    const { key } = await new AbsenceApiKeys(db).create(TENANT, TENANT, 'two instances');
    const fed = await fetch(`${b.baseUrl}/api/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        absences: [
          {
            id: 'absence-1',
            employee: absentEmployee,
            ...absenceEligibleFromToday(),
            contract: { kind: 'cdi' },
          },
        ],
      }),
    });
    expect(fed.status).toBe(200);
    reminderQueuedAt = Date.now();
    const jobs = await db.query<{ status: string; due_at: string }>(
      'SELECT status, due_at FROM scheduled_jobs WHERE kind = $1',
      [FIRST_ELIGIBLE_KIND],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe('pending');
    expect(new Date(jobs[0]!.due_at).getTime()).toBeLessThanOrEqual(Date.now());
  });

  test("3. the manager's form, its turns alternately posted to A and B: refused, corrected, checked, sent", async () => {
    // Each turn goes to the other instance than the one before: the form's state lives in the shared database.
    let turn = 0;
    const next = () => (turn++ % 2 === 0 ? a : b);
    const opened = await say(next(), manager, 'nouveau rendez-vous de liaison', dialog('form.intro'));
    const values = {
      employee: employee.aadObjectId,
      employeeName: employee.name!,
      employeeEmail: EMPLOYEE_EMAIL,
      manager: manager.aadObjectId,
      managerName: manager.name!,
      contractKind: 'cdi',
      absenceKind1: absence.kind,
      absenceStart1: absence.start,
      absenceEnd1: absence.end,
      initiator: 'employer',
      requestDate: today,
      meetingDate: addDays(today, 7),
      meetingTime: '14:30',
      meetingMode: 'on_site',
      meetingPlace: 'Salle 2, siège',
      spstAttendance: 'attend',
    };
    // B checks the form A sent: a day too close (the SPST told less than 8 days before) comes back refused.
    const refused = await submit(
      next(),
      manager,
      submission(cardOf(opened.replies.at(-1)!), values),
      dialog('form.fixErrors'),
    );
    expect(stringsOf(cardOf(refused.replies.at(-1)!)).join('\n')).toContain(
      dialog('planProblems.spst_notice_too_short'),
    );
    // A checks the corrected card B sent back: the summary.
    const summary = await submit(
      next(),
      manager,
      submission(cardOf(refused.replies.at(-1)!), { ...values, meetingDate: meetingDay }),
      dialog('summary.values.employee', { name: employee.name, email: EMPLOYEE_EMAIL }),
    );
    expect(await db.query('SELECT id FROM cases WHERE tenant_id = $1', [TENANT])).toEqual([]);
    // B sends the summary A showed.
    const sent = await submit(
      next(),
      manager,
      submission(cardOf(summary.replies.at(-1)!), {}),
      dialog('summary.sent'),
    );
    expect(sent.answered).not.toContain(dialog('summary.failed'));
    expect(sent.answered).not.toContain(dialog('form.staleConfirm'));
    expect(turn).toBe(4);
  });

  test('3b. the case is stored once; the invitation, the SPST email and the status card go out once', async () => {
    const stored = await db.query<{ id: string; state: string }>(
      'SELECT id, state FROM cases WHERE tenant_id = $1',
      [TENANT],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.state).toBe('invited');
    caseId = stored[0]!.id;

    const invitation = await channel.waitFor(isInvitation, DELIVERY_MS);
    expect(textOf(invitation)).toContain(cards('invitation.title'));
    const acceptAction = objectsOf(cardOf(invitation)).find(
      (object) => object.type === 'Action.Execute' && object.verb === 'invitation.accept',
    );
    expect((acceptAction?.data as { caseId?: string } | undefined)?.caseId).toBe(caseId);
    const startedNews = cards('managerStatus.news.open', { employeeName: employee.name });
    await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) && textOf(activity).includes(startedNews),
      DELIVERY_MS,
    );
    await until(
      async () => smtp.messages.length,
      (count) => count > 0,
      DELIVERY_MS,
    );

    await outboxDrained();
    const rows = (await outboxRows()).filter((row) => row.case_id === caseId);
    const kinds = rows.map((row) => row.kind);
    // Each message of the case was queued once (one row per kind) and sent once.
    // #12.16 HR is told of the opening too.
    expect(kinds).toEqual(
      expect.arrayContaining(['invitation', 'spst.email', 'manager.status', 'hr.update']),
    );
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(channel.received.filter(isInvitation)).toHaveLength(1);
    expect(
      channel.received.filter(
        (activity) =>
          activity.conversationId === conversationOf(manager) && textOf(activity).includes(startedNews),
      ),
    ).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  test("4. the employee's accept posted to B works for the case started on A; 10 + 10 duplicates change nothing", async () => {
    expect(caseId).not.toBe('');
    const response = await accept(b, employee, caseId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(stringsOf(body.value).join('\n')).toContain(cards('invitationAnswered.accepted'));
    await channel.waitFor((activity) => hrCardsAbout(employee.name!).includes(activity), DELIVERY_MS);

    const duplicates = await Promise.all(
      Array.from({ length: 20 }, (_, index) => accept(index % 2 === 0 ? a : b, employee, caseId)),
    );
    expect(duplicates.map((duplicate) => duplicate.status)).toEqual(Array(20).fill(200));
    await outboxDrained();
    expect(await acceptances(caseId)).toHaveLength(1);
    expect((await new CaseStore(db).get(TENANT, caseId))?.state).toBe('accepted');
    expect(await hrNewsOf(caseId)).toEqual(['accept', 'open']);
    expect(hrCardsAbout(employee.name!)).toHaveLength(1);
  });

  test('4b. 10 first clicks to A and 10 to B at once, on a new case: one transition, one HR card', async () => {
    const cases = new CaseStore(db);
    const proposed = await seedCase(db, {
      request: sampleOpenRequestOn(today, {
        tenantId: TENANT,
        companyId: TENANT,
        employee: { aadObjectId: secondEmployee.aadObjectId, name: secondEmployee.name! },
        manager: { aadObjectId: manager.aadObjectId, name: manager.name! },
        meeting: { date: meetingDay, time: '10:00', mode: 'on_site', place: 'Salle 2' },
      }),
      settings: {},
      service: { now: () => new Date() },
    });

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => accept(index % 2 === 0 ? a : b, secondEmployee, proposed.id)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    for (const response of responses) {
      const body = (await response.json()) as { value: unknown };
      expect(stringsOf(body.value).join('\n')).toContain(cards('invitationAnswered.accepted'));
    }
    expect(await acceptances(proposed.id)).toHaveLength(1);
    expect((await cases.get(TENANT, proposed.id))?.version).toBe(proposed.version + 1);
    await channel.waitFor((activity) => hrCardsAbout(secondEmployee.name!).includes(activity), DELIVERY_MS);
    await outboxDrained();
    expect(await hrNewsOf(proposed.id)).toEqual(['accept', 'open']);
    expect(hrCardsAbout(secondEmployee.name!)).toHaveLength(1);
  });

  test("5. a reminder due now is delivered once although both instances' schedulers sweep", async () => {
    expect(reminderQueuedAt).toBeGreaterThan(0);
    await channel.waitFor(isEligibleReminder, SWEEP_EVERY_MS + SWEEP_SLACK_MS + DELIVERY_MS);
    // Each instance sweeps every SWEEP_EVERY_MS: by then both have swept at least once since the job was due.
    const bothSwept = reminderQueuedAt + SWEEP_EVERY_MS + SWEEP_SLACK_MS - Date.now();
    if (bothSwept > 0) await new Promise((resolve) => setTimeout(resolve, bothSwept));
    await outboxDrained();

    const jobs = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM scheduled_jobs WHERE kind = $1',
      [FIRST_ELIGIBLE_KIND],
    );
    expect(jobs).toEqual([{ status: 'done', attempts: 1 }]);
    expect((await outboxRows()).filter((row) => row.kind === 'reminder')).toHaveLength(1);
    const delivered = channel.received.filter(isEligibleReminder);
    expect(delivered).toHaveLength(1);
    expect(textOf(delivered[0]!)).toContain(absentEmployee.name);
    // Exactly one instance ran it; the other's sweep found nothing left to claim.
    expect(jobRuns(FIRST_ELIGIBLE_KIND).sort()).toEqual([0, 1]);
    // The daily retention (from 03:00 Paris time; the suite may run before) ran once, by one of the two.
    const retentionDue = parisInstant(today, 3).getTime() <= reminderQueuedAt;
    expect(jobRuns('daily:retention').sort()).toEqual(retentionDue ? [0, 1] : [0, 0]);
  });
});
