/**
 * The whole story of a case (issue #3), with the REAL bot in a child process (bot/index.ts) driven only over HTTP,
 * as Teams would drive it: the local channel (test/support/localChannel.ts) posts activities to /api/messages and
 * captures, on loopback, every reply and proactive message; a local SMTP server is the SPST's mailbox. The bot
 * runs on the real clock, so every date is computed from today with the domain's helpers. Run in French and in
 * English:
 *  1. HR configures the company in its 1:1 chat (the settings card, submitted as Teams does) and registers the
 *     HR channel from a team channel;
 *  2. the employee asks the bot a question once (so Liaison can reach them later);
 *  3. the manager fills the one-card form (the employee picked with the people picker), a meeting day too close
 *     refused under its field, then a valid one, the summary, and the case sent;
 *  4. the invitation reaches the employee, the notice reaches the SPST by email (.ics attached), the manager gets
 *     the status card;
 *  5. the employee accepts (Action.Execute invoke): the answered card comes back, HR's channel gets its card,
 *     the manager a new status card;
 *  6. a stranger's click is refused and a double click changes nothing: still one HR card.
 */
import { randomUUID } from 'node:crypto';
import { translatorFor, type Translator } from '../../language/i18n';
import { openDatabase, type Database } from '../../bot/platform/storage';
import { formatIsoDate } from '../../language/dates';
import {
  addDays,
  assessEligibility,
  isBusinessDay,
  nearestValidMeetingDate,
  parisToday,
  planMeeting,
  type IsoDate,
} from '../../domain';
import { startBot, type BotProcess } from '../support/botProcess';
import { freshSqlite, type TestDatabase } from '../support/databases';
import {
  LocalChannel,
  personalConversationId,
  type ReceivedActivity,
  type TeamsUser,
} from '../support/localChannel';
import { decodeHeader, leaves, parseMime } from '../bot/services/caseFlow/mime';
import { startSmtpServer } from '../bot/services/caseFlow/smtpServer';
import { cardOf, objectsOf, stringsOf, submission, textOf, until } from '../support/teamsCards';
import { conversationWith } from '../support/conversation';

jest.setTimeout(60_000);

const TENANT = 'tenant-story';
const HR_CHANNEL = '19:hr-story@thread.tacv2';
const SPST_EMAIL = 'spst@example.org';
const EMPLOYEE_NAME = 'Camille Martin';
const EMPLOYEE_EMAIL = 'camille.martin@example.fr';
/** How long a proactive message may take: the outbox dispatcher polls every second (bot/platform/messaging). */
const DELIVERY_MS = 15_000;

/** A valid Entra object id (the people picker and the access checks keep GUIDs only). */
const guid = () => randomUUID();

interface Story {
  locale: string;
  /** The words the manager types: yes/no and days as a person of that language would write them. */
  yes: string;
  no: string;
  typedDay: (day: IsoDate) => string;
  commands: { settings: string; hrChannel: string; newCase: string; question: string };
  place: string;
}

const STORIES: Story[] = [
  {
    locale: 'fr-FR',
    yes: 'oui',
    no: 'non',
    typedDay: (day) => day.split('-').reverse().join('/'),
    commands: {
      settings: 'paramètres',
      hrChannel: 'canal RH',
      newCase: 'nouveau rendez-vous de liaison',
      question: 'est-ce obligatoire ?',
    },
    place: 'Salle 2, siège',
  },
  {
    locale: 'en-US',
    yes: 'yes',
    no: 'no',
    typedDay: (day) => day,
    commands: {
      settings: 'settings',
      hrChannel: 'HR channel',
      newCase: 'new liaison meeting',
      question: 'is it mandatory?',
    },
    place: 'Room 2, head office',
  },
];

describe.each(STORIES)('the story of a case over HTTP, in $locale', (story) => {
  const dialog = translatorFor(story.locale, 'caseDialog');
  const common = translatorFor(story.locale, 'common');
  const cards: Translator = translatorFor(story.locale, 'cards');
  const faq = translatorFor(story.locale, 'faq');
  const frEmail = translatorFor('fr', 'email');

  const hr: TeamsUser = { aadObjectId: guid(), tenantId: TENANT, locale: story.locale, name: 'Hélène RH' };
  const manager: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: 'Alex Dupont',
  };
  const employee: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: EMPLOYEE_NAME,
  };
  const stranger: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: 'Sam Autre',
  };
  const conversationOf = (user: TeamsUser) => personalConversationId(user.aadObjectId);

  let database: TestDatabase;
  let db: Database;
  let channel: LocalChannel;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let bot: BotProcess;

  // The dates of the story, from the real today in Paris (the bot uses the real clock too).
  const today = parisToday(new Date());
  const absence = { kind: 'maladie' as const, start: addDays(today, -60), end: addDays(today, 90) };
  const tooSoon = addDays(today, 7);
  const planInput = { requestDate: today, spstNoticeDate: today, leaveEnd: absence.end };
  const plan = planMeeting(planInput);
  let meetingDay = addDays(today, 14);
  while (!isBusinessDay(meetingDay)) meetingDay = addDays(meetingDay, 1);

  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    channel = await LocalChannel.start();
    smtp = await startSmtpServer();
    bot = await startBot({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'liaison@example.com',
      LOG_LEVEL: 'info',
    });
    // A second connection to the bot's SQLite file, only to know when the outbox is drained.
    db = await openDatabase({ kind: 'sqlite', path: database.url.slice('sqlite:'.length) });
  });
  afterAll(async () => {
    await db?.close();
    await bot?.stop();
    await smtp?.close();
    await channel?.close();
    await database?.dispose();
  });

  const { exchange, say, submit, execute } = conversationWith(
    () => channel,
    () => bot.baseUrl,
  );
  const accept = (user: TeamsUser, caseId: string) =>
    execute(user, 'invitation.accept', { caseId, offer: 1 });
  const outboxRows = () =>
    db.query<{ kind: string; status: string; payload: string }>('SELECT kind, status, payload FROM outbox');
  /** The news of each HR update queued, in no particular order. */
  const hrNews = async () =>
    (await outboxRows())
      .filter((row) => row.kind === 'hr.update')
      .map((row) => (JSON.parse(row.payload) as { news?: string }).news)
      .sort();
  const isHrCard = (activity: ReceivedActivity) =>
    activity.conversationId === HR_CHANNEL &&
    textOf(activity).includes(cards('hrUpdate.news.accept', { employeeName: EMPLOYEE_NAME }));

  let caseId = '';
  /** The card the employee's acceptance was answered with. */
  let answeredCard: unknown;

  test('1. HR configures the company from the settings card and registers the HR channel', async () => {
    const shown = await say(hr, story.commands.settings, cards('companySettings.title'));
    const form = submission(cardOf(shown.replies.at(-1)!), {
      companyName: 'Boulangerie Dupain',
      spstName: 'Dr Durand',
      spstEmail: SPST_EMAIL,
      spstPhone: '01 02 03 04 05',
      hrName: 'Hélène RH',
      hrEmail: 'rh@boulangerie.example.fr',
      headcount: '120',
      referentDesignated: 'true',
    });
    const saved = await submit(hr, form, common('settings.saved'));
    expect(saved.answered).not.toContain(common('settings.invalid.intro'));

    const registered = await exchange(
      channel.channelMessageFrom(hr, HR_CHANNEL, story.commands.hrChannel),
      common('settings.hrChannelSet'),
    );
    expect(registered.replies).toHaveLength(1);
  });

  test('2. the employee asks a question once: an FAQ answer card', async () => {
    const { replies } = await say(employee, story.commands.question, faq('entries.is-it-mandatory.title'));
    expect(textOf(replies[0]!)).toContain(faq('entries.is-it-mandatory.answer'));
  });

  test('3. the manager fills the form: a day too close is refused under its field, a valid one is sent', async () => {
    const opened = await say(manager, story.commands.newCase, dialog('form.intro'));
    const formCard = cardOf(opened.replies.at(-1)!);
    // The people picker: a ChoiceSet fed by Teams from the directory.
    expect(objectsOf(formCard.body)).toContainEqual(
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        id: 'employee',
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      }),
    );
    const values = {
      employee: employee.aadObjectId,
      employeeName: EMPLOYEE_NAME,
      employeeEmail: EMPLOYEE_EMAIL,
      manager: manager.aadObjectId,
      managerName: manager.name ?? '',
      contractKind: 'cdi',
      absenceKind1: 'maladie',
      absenceStart1: absence.start,
      absenceEnd1: absence.end,
      initiator: 'employer',
      requestDate: today,
      meetingDate: tooSoon,
      meetingTime: '14:30',
      meetingMode: 'on_site',
      meetingPlace: story.place,
      spstAttendance: 'attend',
    };

    // Seven days ahead: the SPST could not be told 8 days before. Refused under the day, nearest valid day given.
    const refused = await submit(manager, submission(formCard, values), dialog('form.fixErrors'));
    const refusedCard = cardOf(refused.replies.at(-1)!);
    const refusedTexts = stringsOf(refusedCard).join('\n');
    expect(refusedTexts).toContain(dialog('planProblems.spst_notice_too_short'));
    const nearest = nearestValidMeetingDate({ ...planInput, from: tooSoon });
    expect(nearest).not.toBeNull();
    expect(nearest! >= plan.earliestMeetingDate).toBe(true);
    expect(refusedTexts).toContain(formatIsoDate(nearest!, cards));
    // What the manager typed is kept.
    expect(objectsOf(refusedCard.body)).toContainEqual(
      expect.objectContaining({ id: 'meetingPlace', value: story.place }),
    );

    const checked = await submit(
      manager,
      submission(refusedCard, { ...values, meetingDate: meetingDay }),
      dialog('summary.values.meetingAt', { day: formatIsoDate(meetingDay, cards), time: '14:30' }),
    );
    expect(checked.answered).toContain(
      dialog('summary.values.employee', { name: EMPLOYEE_NAME, email: EMPLOYEE_EMAIL }),
    );
    expect(checked.answered).toContain(dialog('summary.values.where.on_site', { where: story.place }));
    const sent = await submit(
      manager,
      submission(cardOf(checked.replies.at(-1)!), {}),
      dialog('summary.sent'),
    );
    expect(sent.answered).not.toContain(dialog('summary.failed'));
    expect(assessEligibility({ today, contract: { kind: 'cdi' }, absences: [absence] }).eligible).toBe(true);
  });

  test('4. the invitation reaches the employee, the SPST gets the email with its .ics, the manager the status card', async () => {
    const invitation = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(employee) &&
        JSON.stringify(activity.attachments ?? []).includes('invitation.accept'),
      DELIVERY_MS,
    );
    const invitationText = textOf(invitation);
    expect(invitationText).toContain(cards('invitation.title'));
    // Addressed to the employee (it says "you", not their name): the manager and the SPST as participants.
    expect(invitationText).toContain(cards('case.manager', { name: manager.name }));
    expect(invitationText).toContain(cards('case.spstAttends'));
    expect(invitationText).toContain('14:30');
    expect(invitationText).toContain(story.place);
    // Universal Actions: the card refreshes for the employee only.
    expect(cardOf(invitation).refresh).toMatchObject({ userIds: [employee.aadObjectId] });
    expect(invitationText).toContain(formatIsoDate(meetingDay, cards));
    expect(invitationText).toContain(cards('invitation.noConsequence'));
    const acceptAction = objectsOf(cardOf(invitation)).find(
      (object) => object.type === 'Action.Execute' && object.verb === 'invitation.accept',
    );
    caseId = String((acceptAction?.data as { caseId?: unknown } | undefined)?.caseId ?? '');
    expect(caseId).not.toBe('');

    await Promise.race([
      smtp.waitForMessage(),
      new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error('no SPST email within the delay')), DELIVERY_MS),
      ),
    ]);
    expect(smtp.messages).toHaveLength(1);
    const email = parseMime(smtp.messages[0] ?? '');
    // The SPST is a French service: the email is in French whatever the manager's language.
    const frenchDay = formatIsoDate(meetingDay, translatorFor('fr', 'cards'));
    expect(email.headers.get('to')).toContain(SPST_EMAIL);
    expect(decodeHeader(email.headers.get('subject') ?? '')).toBe(
      frEmail('spstNotice.subject', { date: frenchDay, companyName: 'Boulangerie Dupain' }),
    );
    const parts = leaves(email);
    const plain =
      parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'))?.body ?? '';
    expect(plain).toContain(frEmail('spstNotice.greeting', { name: 'Dr Durand' }));
    expect(plain).toContain(frEmail('spstNotice.employee', { name: EMPLOYEE_NAME }));
    expect(plain).toContain(frEmail('spstNotice.dateAndTime', { date: frenchDay, time: '14:30' }));
    expect(plain).toContain(frEmail('spstNotice.attend'));
    expect(plain).toContain(frEmail('spstNotice.noMedical'));
    const calendar = parts.find((part) => part.headers.get('content-type')?.startsWith('text/calendar'));
    expect(calendar?.body).toContain(`\r\nUID:${caseId}\r\n`);
    expect(calendar?.body).toContain(
      `\r\nDTSTART;TZID=Europe/Paris:${meetingDay.replace(/-/g, '')}T143000\r\n`,
    );
    expect(calendar?.body).toContain('\r\nMETHOD:REQUEST\r\n');
    // Nothing medical: not the kind of leave, not its dates, no health word, in any part.
    const everything = parts.map((part) => part.body).join('\n');
    for (const word of [
      translatorFor('fr', 'caseDialog')('absenceKinds.maladie'),
      'maladie',
      'diagnostic',
      'pathologie',
      'symptôme',
      formatIsoDate(absence.start, translatorFor('fr', 'cards')),
      formatIsoDate(absence.end, translatorFor('fr', 'cards')),
    ]) {
      expect(everything.toLowerCase()).not.toContain(word.toLowerCase());
    }

    const status = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) &&
        textOf(activity).includes(cards('managerStatus.news.open', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
    expect(textOf(status)).toContain(cards('managerStatus.states.invited'));
    // #12.16 HR is told when the case is opened, not only at the first answer.
    await channel.waitFor(
      (activity) =>
        activity.conversationId === HR_CHANNEL &&
        textOf(activity).includes(cards('hrUpdate.news.open', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
  });

  test('5. the employee accepts: the answered card comes back, HR and the manager are told', async () => {
    expect(caseId).not.toBe('');
    const response = await accept(employee, caseId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(stringsOf(body.value).join('\n')).toContain(cards('invitationAnswered.accepted'));
    answeredCard = body.value;

    const hrCard = await channel.waitFor(isHrCard, DELIVERY_MS);
    expect(textOf(hrCard)).toContain(cards('hrUpdate.title', { employeeName: EMPLOYEE_NAME }));
    expect(textOf(hrCard)).toContain(formatIsoDate(meetingDay, cards));
    await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) &&
        textOf(activity).includes(cards('managerStatus.news.accept', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
  });

  test("6. a stranger's click is refused and the employee's double click changes nothing: one HR card", async () => {
    expect(caseId).not.toBe('');
    const refused = await accept(stranger, caseId);
    expect(refused.status).toBe(200);
    const refusal = (await refused.json()) as { value: unknown };
    expect(stringsOf(refusal.value).join('\n')).toContain(cards('case.refusalNotAllowed'));
    expect(stringsOf(refusal.value).join('\n')).not.toContain(EMPLOYEE_NAME);

    const again = await accept(employee, caseId);
    expect(again.status).toBe(200);
    const answered = (await again.json()) as { value: unknown };
    expect(answered.value).toEqual(answeredCard);
    expect(stringsOf(answered.value).join('\n')).toContain(cards('invitationAnswered.accepted'));

    // Everything queued has gone out (or nothing new was queued); a short settle for a send under way.
    await until(outboxRows, (rows) => rows.every((row) => row.status === 'sent'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // #12.16 one HR update for the opening, one for the acceptance: the refused and repeated clicks queued none.
    expect(await hrNews()).toEqual(['accept', 'open']);
    // HR's channel: the opening, then the acceptance, once each.
    expect(channel.received.filter((activity) => activity.conversationId === HR_CHANNEL)).toHaveLength(2);
    expect(channel.received.filter(isHrCard)).toHaveLength(1);
    const acceptedNews = cards('managerStatus.news.accept', { employeeName: EMPLOYEE_NAME });
    expect(
      channel.received.filter(
        (activity) =>
          activity.conversationId === conversationOf(manager) && textOf(activity).includes(acceptedNews),
      ),
    ).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(
      channel.received.filter(
        (activity) =>
          activity.conversationId === conversationOf(employee) &&
          JSON.stringify(activity.attachments ?? []).includes('invitation.accept'),
      ),
    ).toHaveLength(1);
  });
});
