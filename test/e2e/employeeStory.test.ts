/**
 * The employee's side of the story (issue #4), with the REAL bot in a child process (bot/index.ts) driven only over
 * HTTP, as Teams would drive it — the same approach as caseStory.test.ts: the local channel
 * (test/support/localChannel.ts) posts activities to /api/messages and captures every reply and proactive message.
 * The bot runs on the real clock: every date comes from today with the domain's helpers. In French and English:
 *  1. HR configures the company (settings card) and registers the HR channel; the manager says hello once, so
 *     Liaison can reach them later;
 *  2. the employee asks a question that gives a health detail away (answered, told none is needed), then asks
 *     for the meeting themselves: on leave, since when, the manager picked in the directory, confirmed, sent;
 *  3. the request card reaches HR's channel and the manager's chat;
 *  4. HR acknowledges it (a second click changes nothing): the employee is told, HR gets the "organise" card;
 *  5. HR organises it: the manager's form comes with the employee, their manager, who asked and when filled in
 *     from the request (facts, not inputs); a health detail typed as the place is refused under it and nothing is
 *     opened; then the case is sent: the invitation names the manager the employee named (not HR), whose status
 *     card it is; HR's channel is told of the opening; the SPST gets its notice by email (.ics METHOD:REQUEST);
 *  6. the employee asks for another date (no free text any more: days, part of the day, toggles): a passed day is
 *     refused and nothing changes; then the wishes reach the manager's status card and HR's channel;
 *  7. the manager proposes a new date from the status card (a health detail in its place refused first): offer 2
 *     reaches the employee without the manager (their wish kept), the SPST gets a change naming the date it
 *     replaces; the first invitation's card is refused as stale; the employee declines: the manager sees
 *     "closed", HR sees "declined", the SPST gets a cancellation (.ics METHOD:CANCEL);
 *  8. the health detail is nowhere: not in any text column of any table of the bot's database, not in its log.
 */
import { randomUUID } from 'node:crypto';
import { translatorFor } from '../../language/i18n';
import { openDatabase, type Database } from '../../bot/platform/storage';
import { formatIsoDate } from '../../language/dates';
import { addDays, isBusinessDay, parisToday, planMeeting, type IsoDate } from '../../domain';
import { startBot, type BotProcess } from '../support/botProcess';
import { freshSqlite, type TestDatabase } from '../support/databases';
import {
  LocalChannel,
  personalConversationId,
  type ReceivedActivity,
  type TeamsUser,
} from '../support/localChannel';
import { cardOf, objectsOf, submission, textOf, until } from '../support/teamsCards';
import { decodeHeader, leaves, parseMime } from '../bot/services/caseFlow/mime';
import { startSmtpServer } from '../bot/services/caseFlow/smtpServer';
import { conversationWith, executedCard } from '../support/conversation';

jest.setTimeout(60_000);

const TENANT = 'tenant-employee-story';
const HR_CHANNEL = '19:hr-employee-story@thread.tacv2';
const EMPLOYEE_NAME = 'Camille Martin';
const MANAGER_NAME = 'Louis Bernard';
/** How long a proactive message may take: the outbox dispatcher polls every second (bot/platform/messaging). */
const DELIVERY_MS = 15_000;

/** The ids of every input of a card (or of part of one). */
const inputIdsOf = (value: unknown) =>
  objectsOf(value)
    .filter((object) => typeof object.type === 'string' && object.type.startsWith('Input.'))
    .map((object) => String(object.id));

/** The card's Action.Execute with `verb` (anywhere, e.g. inside an Action.ShowCard). */
function executeAction(card: unknown, verb: string): Record<string, unknown> {
  const action = objectsOf(card).find((object) => object.type === 'Action.Execute' && object.verb === verb);
  if (!action) throw new Error(`no Action.Execute "${verb}" in ${JSON.stringify(card).slice(0, 500)}`);
  return action;
}

/** A valid Entra object id (the people picker and the access checks keep GUIDs only). */
const guid = () => randomUUID();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first business day on or after `day`. */
function businessDayFrom(day: IsoDate): IsoDate {
  let candidate = day;
  while (!isBusinessDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

interface Story {
  locale: string;
  yes: string;
  no: string;
  hello: string;
  typedDay: (day: IsoDate) => string;
  commands: { settings: string; hrChannel: string; request: string };
  place: string;
  medicalComment: string;
  /** A question to the FAQ that gives a health detail away. */
  medicalQuestion: string;
  /** The health words that must be found nowhere afterwards. */
  medicalWords: string[];
}

const ddmmyyyy = (day: IsoDate) => day.split('-').reverse().join('/');

const STORIES: Story[] = [
  {
    locale: 'fr-FR',
    yes: 'oui',
    no: 'non',
    hello: 'bonjour',
    typedDay: ddmmyyyy,
    commands: {
      settings: 'paramètres',
      hrChannel: 'canal RH',
      request: 'je voudrais un rendez-vous de liaison',
    },
    place: 'Salle 2, siège',
    medicalComment: "je sors d'une dépression",
    medicalQuestion: 'je suis en arrêt pour dépression, est-ce que le rendez-vous est obligatoire ?',
    medicalWords: ['dépression', 'depression'],
  },
  {
    locale: 'en-US',
    yes: 'yes',
    no: 'no',
    hello: 'hello',
    typedDay: ddmmyyyy,
    commands: { settings: 'settings', hrChannel: 'HR channel', request: "I'd like a liaison meeting" },
    place: 'Room 2, head office',
    medicalComment: "I'm recovering from depression",
    medicalQuestion: "I'm off work with depression, is the meeting mandatory?",
    medicalWords: ['dépression', 'depression'],
  },
];

describe.each(STORIES)("the employee's story over HTTP, in $locale", (story) => {
  const request = translatorFor(story.locale, 'employeeRequest');
  const dialog = translatorFor(story.locale, 'caseDialog');
  const common = translatorFor(story.locale, 'common');
  const cards = translatorFor(story.locale, 'cards');
  const faq = translatorFor(story.locale, 'faq');
  /** The SPST is a French service: its emails are in French whatever the others' language. */
  const frEmail = translatorFor('fr', 'email');

  const hr: TeamsUser = { aadObjectId: guid(), tenantId: TENANT, locale: story.locale, name: 'Hélène RH' };
  const secondHr: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: 'Hugo RH',
  };
  const manager: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: MANAGER_NAME,
  };
  const employee: TeamsUser = {
    aadObjectId: guid(),
    tenantId: TENANT,
    locale: story.locale,
    name: EMPLOYEE_NAME,
  };
  const conversationOf = (user: TeamsUser) => personalConversationId(user.aadObjectId);

  let database: TestDatabase;
  let db: Database;
  let channel: LocalChannel;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let bot: BotProcess;

  // The dates of the story, from the real today in Paris (the bot uses the real clock too).
  const today = parisToday(new Date());
  const leaveStart = addDays(today, -60);
  const leaveEnd = addDays(today, 90);
  const meetingDay = businessDayFrom(addDays(today, 14));
  const preferredDay1 = businessDayFrom(addDays(today, 20));
  const preferredDay2 = businessDayFrom(addDays(preferredDay1, 1));
  const newMeetingDay = businessDayFrom(addDays(today, 21));
  const proposalDue = planMeeting({ requestDate: today, spstNoticeDate: today }).proposalDue;

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
    // A second connection to the bot's SQLite file, only to read what it stored.
    db = await openDatabase({ kind: 'sqlite', path: database.url.slice('sqlite:'.length) });
  });
  afterAll(async () => {
    await db?.close();
    await bot?.stop();
    await smtp?.close();
    await channel?.close();
    await database?.dispose();
  });

  const conversation = conversationWith(
    () => channel,
    () => bot.baseUrl,
  );
  const { exchange, say, submit } = conversation;
  /** An Action.Execute click (Universal Actions): the invoke's answer is the card Teams shows in its place. */
  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
    const response = await conversation.execute(user, verb, data);
    expect(response.status).toBe(200);
    return executedCard(response);
  }

  const outboxRows = () =>
    db.query<{ kind: string; status: string }>('SELECT kind, status FROM outbox ORDER BY id');
  /** Waits until the outbox is drained, then a short settle for a send under way. */
  async function drained() {
    const rows = await until(outboxRows, (all) => all.every((row) => row.status === 'sent'));
    await pause(300);
    return rows;
  }
  /**
   * Reads every text (or blob) cell of every table of the bot's database and says which of `words` it holds
   * (case-insensitive), as "table.column: word"; `cells` counts the cells read.
   */
  async function scanDatabase(words: string[]) {
    const tables = await db.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const hits = new Set<string>();
    let cells = 0;
    for (const { name } of tables) {
      for (const row of await db.query<Record<string, unknown>>(`SELECT * FROM "${name}"`)) {
        for (const [column, value] of Object.entries(row)) {
          const text =
            typeof value === 'string'
              ? value
              : value instanceof Uint8Array
                ? Buffer.from(value).toString('utf8')
                : '';
          if (text === '') continue;
          cells += 1;
          for (const word of words) {
            if (text.toLowerCase().includes(word.toLowerCase())) hits.add(`${name}.${column}: ${word}`);
          }
        }
      }
    }
    return { hits: [...hits], cells };
  }
  const inConversation = (conversationId: string, text: string) =>
    channel.received.filter(
      (activity) => activity.conversationId === conversationId && textOf(activity).includes(text),
    );
  const isRequestCard = (activity: ReceivedActivity) =>
    JSON.stringify(activity.attachments ?? []).includes('request.acknowledge');
  /** The .ics of an SPST email. */
  const calendarOf = (raw: string) =>
    leaves(parseMime(raw)).find((part) => part.headers.get('content-type')?.startsWith('text/calendar'))
      ?.body ?? '';
  const isInvitation = (activity: ReceivedActivity) =>
    activity.conversationId === conversationOf(employee) &&
    JSON.stringify(activity.attachments ?? []).includes('invitation.accept');

  let requestId = '';
  let caseId = '';
  let acknowledgedCard: unknown;

  test('1. HR configures the company and the HR channel; the manager says hello once', async () => {
    const shown = await say(hr, story.commands.settings, cards('companySettings.title'));
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
    const saved = await submit(hr, form, common('settings.saved'));
    expect(saved.answered).not.toContain(common('settings.invalid.intro'));
    await exchange(
      channel.channelMessageFrom(hr, HR_CHANNEL, story.commands.hrChannel),
      common('settings.hrChannelSet'),
    );

    // Any answer will do: what matters is that Liaison now has a conversation with the manager.
    const from = channel.received.length;
    await channel.postMessage(bot.baseUrl, manager, story.hello);
    await channel.waitFor(
      (activity) =>
        channel.received.indexOf(activity) >= from && activity.conversationId === conversationOf(manager),
    );
  });

  test('2. the employee asks for the meeting: on leave, since when, the manager picked, confirmed, sent', async () => {
    // First a question that gives a health detail away: answered, with the kind reminder that none is needed.
    const answered = await say(employee, story.medicalQuestion, faq('reply.healthNotice'));
    expect(answered.answered).not.toContain(story.medicalWords[0]!);
    expect(answered.answered.toLowerCase()).not.toContain(story.medicalWords[1]!);

    const asked = await say(employee, story.commands.request, request('askOnLeave'));
    expect(asked.answered).toContain(request('intro'));
    expect(asked.answered).not.toContain(dialog('started'));

    await say(employee, story.yes, request('askLeaveStart'));
    const picker = await say(employee, story.typedDay(leaveStart), request('askManager'));
    const pickerCard = cardOf(picker.replies.at(-1)!);
    expect(textOf(picker.replies.at(-1)!)).toContain(cards('personPicker.manager.intro'));
    expect(objectsOf(pickerCard.body)).toContainEqual(
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        id: 'person',
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      }),
    );
    const picked = submission(pickerCard, {
      person: manager.aadObjectId,
      name: MANAGER_NAME,
      email: '',
    });
    expect(picked).toMatchObject({ personForm: true, person: manager.aadObjectId, name: MANAGER_NAME });
    const confirm = await submit(
      employee,
      picked,
      request('confirm', { manager: MANAGER_NAME, leaveStart: formatIsoDate(leaveStart, cards) }),
    );
    expect(confirm.answered).not.toContain(request('askManagerName'));

    const sent = await say(
      employee,
      story.yes,
      request('sent', { today: formatIsoDate(today, cards), due: formatIsoDate(proposalDue, cards) }),
    );
    // HR's channel is known: nothing asks the employee to send it by email.
    expect(sent.answered).not.toContain(request('notDelivered', { today: formatIsoDate(today, cards) }));
    expect(sent.answered).not.toContain(request('failed'));
  });

  test("3. the request card reaches HR's channel and the manager's chat", async () => {
    const hrCard = await channel.waitFor(
      (activity) => activity.conversationId === HR_CHANNEL && isRequestCard(activity),
      DELIVERY_MS,
    );
    const managerCard = await channel.waitFor(
      (activity) => activity.conversationId === conversationOf(manager) && isRequestCard(activity),
      DELIVERY_MS,
    );
    for (const card of [hrCard, managerCard]) {
      const text = textOf(card);
      expect(text).toContain(cards('employeeRequest.intro', { employeeName: EMPLOYEE_NAME }));
      expect(text).toContain(formatIsoDate(leaveStart, cards));
      expect(text).toContain(MANAGER_NAME);
      expect(text).toContain(formatIsoDate(proposalDue, cards));
      expect(text).toContain(cards('employeeRequest.cannotRefuse'));
    }
    const hrAction = executeAction(cardOf(hrCard), 'request.acknowledge');
    const managerAction = executeAction(cardOf(managerCard), 'request.acknowledge');
    requestId = String((hrAction.data as { caseId?: unknown }).caseId ?? '');
    expect(requestId).not.toBe('');
    expect((managerAction.data as { caseId?: unknown }).caseId).toBe(requestId);
    const [stored] = await db.query<{ id: string }>('SELECT id FROM employee_requests');
    expect(stored?.id).toBe(requestId);
  });

  test('4. HR acknowledges: the employee is told, HR is offered to organise it; a second click changes nothing', async () => {
    expect(requestId).not.toBe('');
    const acknowledged = await execute(hr, 'request.acknowledge', { caseId: requestId });
    expect(acknowledged.text).toContain(
      cards('employeeRequest.acknowledged', {
        acknowledgedBy: hr.name,
        acknowledgedOn: formatIsoDate(today, cards),
      }),
    );
    expect(objectsOf(acknowledged.card).filter((object) => object.verb === 'request.acknowledge')).toEqual(
      [],
    );
    acknowledgedCard = acknowledged.card;

    const notice = request('acknowledgedNotice', { by: hr.name, due: formatIsoDate(proposalDue, cards) });
    await channel.waitFor(
      (activity) => activity.conversationId === conversationOf(employee) && textOf(activity).includes(notice),
      DELIVERY_MS,
    );
    const organise = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(hr) &&
        JSON.stringify(activity.attachments ?? []).includes('startCaseFromRequest'),
      DELIVERY_MS,
    );
    expect(textOf(organise)).toContain(cards('organiseRequest.title', { employeeName: EMPLOYEE_NAME }));
    const start = objectsOf(cardOf(organise).actions).find((object) => object.type === 'Action.Submit');
    expect(start?.data).toEqual({ startCaseFromRequest: requestId });

    // Another HR person clicks too (in local mode with no HR_ADMINS, everyone of the tenant is HR): same card,
    // nothing queued, no second notice.
    await drained();
    const rowsBefore = (await outboxRows()).length;
    const again = await execute(secondHr, 'request.acknowledge', { caseId: requestId });
    expect(again.card).toEqual(acknowledgedCard);
    await pause(1_500);
    expect((await outboxRows()).length).toBe(rowsBefore);
    expect(inConversation(conversationOf(employee), notice)).toHaveLength(1);
    expect(
      channel.received.filter(
        (activity) =>
          activity.conversationId === conversationOf(secondHr) ||
          (activity.conversationId === conversationOf(hr) &&
            JSON.stringify(activity.attachments ?? []).includes('startCaseFromRequest')),
      ),
    ).toHaveLength(1);
  });

  test("5. HR organises it: the form comes with the request filled in; a health detail in the place is refused; the invitation names the employee's manager", async () => {
    expect(requestId).not.toBe('');
    const started = await submit(hr, { startCaseFromRequest: requestId }, dialog('form.intro'));
    const formCard = cardOf(started.replies.at(-1)!);
    // The employee, their manager, who asked and when come from the stored request: facts, not inputs.
    const inputs = inputIdsOf(formCard.body);
    for (const locked of ['employee', 'employeeName', 'manager', 'initiator', 'requestDate'])
      expect(inputs).not.toContain(locked);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'contractKind',
        'absenceKind1',
        'meetingDate',
        'meetingPlace',
        'spstAttendance',
      ]),
    );
    const formText = textOf(started.replies.at(-1)!);
    expect(formText).toContain(EMPLOYEE_NAME);
    expect(formText).toContain(MANAGER_NAME);
    expect(formText).toContain(
      dialog('summary.values.initiator', {
        initiator: dialog('initiators.employee'),
        day: formatIsoDate(today, cards),
      }),
    );
    const values = {
      contractKind: 'cdi',
      absenceKind1: 'maladie',
      absenceStart1: leaveStart,
      absenceEnd1: leaveEnd,
      meetingDate: meetingDay,
      meetingTime: '14:30',
      meetingMode: 'on_site',
      meetingPlace: story.place,
      spstAttendance: 'attend',
    };

    // #12.14 a health detail typed as the place: refused under the place, nothing opened.
    const refused = await submit(
      hr,
      submission(formCard, { ...values, meetingPlace: story.medicalComment }),
      dialog('form.fixErrors'),
    );
    expect(textOf(refused.replies.at(-1)!)).toContain(dialog('errors.health'));
    expect(refused.answered).not.toContain(dialog('summary.values.employee', { name: EMPLOYEE_NAME }));
    expect(await db.query('SELECT id FROM cases')).toEqual([]);

    const checked = await submit(
      hr,
      submission(cardOf(refused.replies.at(-1)!), values),
      dialog('summary.values.meetingAt', { day: formatIsoDate(meetingDay, cards), time: '14:30' }),
    );
    expect(checked.answered).toContain(dialog('summary.values.where.on_site', { where: story.place }));
    const sent = await submit(hr, submission(cardOf(checked.replies.at(-1)!), {}), dialog('summary.sent'));
    expect(sent.answered).not.toContain(dialog('summary.failed'));

    const invitation = await channel.waitFor(isInvitation, DELIVERY_MS);
    const invitationText = textOf(invitation);
    expect(invitationText).toContain(cards('invitation.title'));
    expect(invitationText).toContain(formatIsoDate(meetingDay, cards));
    // #12.7 HR organising a request is not the manager: the invitation names the manager the employee named.
    expect(invitationText).toContain(cards('case.manager', { name: MANAGER_NAME }));
    expect(invitationText).not.toContain(cards('case.manager', { name: hr.name }));
    const accept = executeAction(cardOf(invitation), 'invitation.accept').data as Record<string, unknown>;
    caseId = String(accept.caseId ?? '');
    expect(caseId).not.toBe('');
    expect(Number(accept.offer)).toBe(1);
    // The "another date" form: days, part of the day, toggles — no free-text comment any more.
    const rescheduleInputs = inputIdsOf(cardOf(invitation));
    expect(rescheduleInputs).toEqual(
      expect.arrayContaining(['preferredDate1', 'preferredDate2', 'partOfDay', 'withoutManager']),
    );
    expect(rescheduleInputs).not.toContain('comment');

    const [stored] = await db.query<{ state: string; document: string }>(
      'SELECT state, document FROM cases WHERE id = $1',
      [caseId],
    );
    expect(stored?.state).toBe('invited');
    expect(JSON.parse(stored!.document)).toMatchObject({
      manager: { aadObjectId: manager.aadObjectId, name: MANAGER_NAME },
      openedBy: { aadObjectId: hr.aadObjectId, role: 'hr' },
    });
    // #12.7 the manager's status card goes to the employee's manager, not to HR who organised it.
    const openNews = cards('managerStatus.news.open', { employeeName: EMPLOYEE_NAME });
    const status = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) && textOf(activity).includes(openNews),
      DELIVERY_MS,
    );
    expect(textOf(status)).toContain(cards('managerStatus.states.invited'));
    // #12.16 HR is told at the opening.
    await channel.waitFor(
      (activity) =>
        activity.conversationId === HR_CHANNEL &&
        textOf(activity).includes(cards('hrUpdate.news.open', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
    await until(
      async () => smtp.messages.length,
      (count) => count >= 1,
      DELIVERY_MS,
    );
    await drained();
    expect(inConversation(conversationOf(hr), openNews)).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
    expect(calendarOf(smtp.messages[0]!)).toContain('\r\nMETHOD:REQUEST\r\n');
  });

  test('6. another date: a passed day is refused and nothing changes; then the wishes reach the manager and HR', async () => {
    expect(caseId).not.toBe('');
    const invitation = channel.received.find(isInvitation)!;
    const reschedule = executeAction(cardOf(invitation), 'invitation.reschedule');
    expect(Number((reschedule.data as { offer?: unknown }).offer)).toBe(1);
    const rescheduleData = (typed: Record<string, string>) => ({
      ...(reschedule.data as Record<string, unknown>),
      referentRequested: 'false',
      withoutManager: 'false',
      partOfDay: '',
      ...typed,
    });
    await drained();
    const rowsBefore = (await outboxRows()).length;
    const [{ version: versionBefore } = { version: -1 }] = await db.query<{ version: number }>(
      'SELECT version FROM cases WHERE id = $1',
      [caseId],
    );

    const refused = await execute(
      employee,
      'invitation.reschedule',
      rescheduleData({ preferredDate1: addDays(today, -1), preferredDate2: '' }),
    );
    expect(refused.text).toContain(cards('case.errorPastDate'));
    // Still the invitation, still awaiting an answer.
    expect(JSON.stringify(refused.card)).toContain('invitation.reschedule');
    await pause(1_500);
    expect((await outboxRows()).length).toBe(rowsBefore);
    const [after] = await db.query<{ version: number; state: string }>(
      'SELECT version, state FROM cases WHERE id = $1',
      [caseId],
    );
    expect(after).toMatchObject({ version: versionBefore, state: 'invited' });

    const asked = await execute(
      employee,
      'invitation.reschedule',
      rescheduleData({
        preferredDate1: preferredDay1,
        preferredDate2: preferredDay2,
        partOfDay: 'morning',
        withoutManager: 'true',
      }),
    );
    expect(asked.text).toContain(cards('invitationAnswered.otherDateAsked'));
    const [stored] = await db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [caseId]);
    expect(stored?.state).toBe('other_date_asked');

    const wishes = [formatIsoDate(preferredDay1, cards), formatIsoDate(preferredDay2, cards)];
    const status = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) &&
        textOf(activity).includes(
          cards('managerStatus.news.ask_other_date', { employeeName: EMPLOYEE_NAME }),
        ),
      DELIVERY_MS,
    );
    for (const wish of wishes) expect(textOf(status)).toContain(wish);
    expect(textOf(status)).toContain(cards('managerStatus.states.other_date_asked'));
    expect(textOf(status)).toContain(cards('managerStatus.withoutManager'));
    // The new date is proposed from this card: day, time, on site or remote, place.
    const propose = executeAction(cardOf(status), 'case.propose');
    expect(propose.data).toEqual({ caseId });
    expect(inputIdsOf(cardOf(status))).toEqual(
      expect.arrayContaining(['meetingDate', 'meetingTime', 'meetingMode', 'meetingPlace']),
    );

    const hrUpdate = await channel.waitFor(
      (activity) =>
        activity.conversationId === HR_CHANNEL &&
        textOf(activity).includes(cards('hrUpdate.news.ask_other_date', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
    expect(textOf(hrUpdate)).toContain(cards('hrUpdate.title', { employeeName: EMPLOYEE_NAME }));
    for (const wish of wishes) expect(textOf(hrUpdate)).toContain(wish);
    expect(textOf(hrUpdate)).toContain(cards('case.partsOfDay.morning'));
  });

  test('7. the manager proposes a new date (offer 2, SPST change); the old card is refused; the employee declines: closed for the manager, declined for HR, the SPST told', async () => {
    expect(caseId).not.toBe('');
    const proposal = (place: string) => ({
      caseId,
      meetingDate: newMeetingDay,
      meetingTime: '10:00',
      meetingMode: 'on_site',
      meetingPlace: place,
    });
    // #12.14 the place typed on the status card passes the health guard too: refused, nothing changes.
    const refused = await execute(manager, 'case.propose', proposal(story.medicalComment));
    expect(refused.text).toContain(cards('managerStatus.errorPlace'));
    expect(refused.text).not.toContain(story.medicalComment);
    const [still] = await db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [caseId]);
    expect(still?.state).toBe('other_date_asked');

    const proposed = await execute(manager, 'case.propose', proposal(story.place));
    expect(proposed.text).toContain(
      cards('managerStatus.news.propose_again', { employeeName: EMPLOYEE_NAME }),
    );
    const newInvitation = await channel.waitFor(
      (activity) => isInvitation(activity) && textOf(activity).includes(formatIsoDate(newMeetingDay, cards)),
      DELIVERY_MS,
    );
    expect(textOf(newInvitation)).toContain('10:00');
    // #12.4 the wishes stay: "rather without my manager" is honoured by the new invitation.
    expect(textOf(newInvitation)).not.toContain(cards('case.manager', { name: MANAGER_NAME }));
    expect(textOf(newInvitation)).toContain(cards('case.companyRepresentative'));
    const decline = executeAction(cardOf(newInvitation), 'invitation.decline').data as Record<
      string,
      unknown
    >;
    expect(Number(decline.offer)).toBe(2);
    expect(channel.received.filter(isInvitation)).toHaveLength(2);

    // #12.3 the SPST gets a change, naming the meeting it replaces; the same calendar event, updated.
    await until(
      async () => smtp.messages.length,
      (count) => count >= 2,
      DELIVERY_MS,
    );
    const frCards = translatorFor('fr', 'cards');
    const change = parseMime(smtp.messages[1]!);
    expect(decodeHeader(change.headers.get('subject') ?? '')).toBe(
      frEmail('spstNotice.subjectChange', {
        date: formatIsoDate(newMeetingDay, frCards),
        replacesDate: formatIsoDate(meetingDay, frCards),
        companyName: 'Boulangerie Dupain',
      }),
    );
    const changeCalendar = calendarOf(smtp.messages[1]!);
    expect(changeCalendar).toContain(`\r\nUID:${caseId}\r\n`);
    expect(changeCalendar).toContain('\r\nSEQUENCE:1\r\n');
    expect(changeCalendar).toContain(
      `\r\nDTSTART;TZID=Europe/Paris:${newMeetingDay.replace(/-/g, '')}T100000\r\n`,
    );

    // #12.8 the first invitation's card acts on offer 1: refused kindly, the current invitation shown.
    const stale = await execute(employee, 'invitation.accept', { caseId, offer: 1 });
    expect(stale.text).toContain(cards('case.refusalStale'));
    const [notAccepted] = await db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [
      caseId,
    ]);
    expect(notAccepted?.state).toBe('invited');

    const declined = await execute(employee, 'invitation.decline', decline);
    expect(declined.text).toContain(cards('invitationAnswered.declined'));

    // #12.5 the manager sees "closed", never "declined"; HR sees the answer.
    const closed = await channel.waitFor(
      (activity) =>
        activity.conversationId === conversationOf(manager) &&
        textOf(activity).includes(cards('managerStatus.news.decline', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
    expect(textOf(closed)).toContain(cards('managerStatus.states.closed'));
    expect(textOf(closed)).not.toContain(cards('hrUpdate.states.declined'));
    expect(textOf(closed)).not.toContain(cards('hrUpdate.news.decline', { employeeName: EMPLOYEE_NAME }));
    const hrUpdate = await channel.waitFor(
      (activity) =>
        activity.conversationId === HR_CHANNEL &&
        textOf(activity).includes(cards('hrUpdate.news.decline', { employeeName: EMPLOYEE_NAME })),
      DELIVERY_MS,
    );
    expect(textOf(hrUpdate)).toContain(cards('hrUpdate.states.declined'));
    expect(textOf(hrUpdate)).toContain(cards('hrUpdate.next.declined'));
    const [stored] = await db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [caseId]);
    expect(stored?.state).toBe('declined');

    // #12.3 the SPST is told the meeting will not take place: a cancellation, and its calendar event removed.
    await until(
      async () => smtp.messages.length,
      (count) => count >= 3,
      DELIVERY_MS,
    );
    const cancellation = parseMime(smtp.messages[2]!);
    expect(decodeHeader(cancellation.headers.get('subject') ?? '')).toBe(
      frEmail('spstNotice.subjectCancellation', {
        date: formatIsoDate(newMeetingDay, frCards),
        companyName: 'Boulangerie Dupain',
      }),
    );
    const cancelCalendar = calendarOf(smtp.messages[2]!);
    expect(cancelCalendar).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(cancelCalendar).toContain(`\r\nUID:${caseId}\r\n`);
    expect(cancelCalendar).toContain('\r\nSEQUENCE:2\r\n');
    await drained();
    expect(smtp.messages).toHaveLength(3);
  });

  test('8. the health detail is nowhere: no text column of any table holds it, nor the log', async () => {
    await drained();
    const tables = await db.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['bot_state', 'outbox', 'cases', 'case_audit', 'employee_requests']),
    );
    const scan = await scanDatabase([
      ...story.medicalWords,
      story.medicalComment,
      story.medicalQuestion,
      requestId,
      EMPLOYEE_NAME,
    ]);
    expect(scan.cells).toBeGreaterThan(20);
    expect(scan.hits.filter((hit) => !hit.endsWith(requestId) && !hit.endsWith(EMPLOYEE_NAME))).toEqual([]);
    // The scan can fail: what may be stored is found where it is stored.
    expect(scan.hits).toEqual(
      expect.arrayContaining([
        `employee_requests.document: ${requestId}`,
        `cases.document: ${EMPLOYEE_NAME}`,
      ]),
    );

    const log = bot.output().toLowerCase();
    expect(log).toContain('liaison listening');
    for (const word of [...story.medicalWords, story.medicalComment, story.medicalQuestion]) {
      expect(log).not.toContain(word.toLowerCase());
    }
  });
});
