/**
 * End to end in the Microsoft 365 Agents Playground (a local Teams-like web client), driven headless with
 * playwright-core and Debian's chromium: what a manager, an employee and HR see and click, in French and English.
 *
 * The Playground cannot switch its current user, so each person gets their own Playground (same mock tenant, own
 * port), all pointed at one bot. It always sends `locale: "en-US"`; the French run puts scripts/playground.ts's
 * locale proxy in front of the bot, as `npm run playground -- --locale fr-FR` does.
 *
 * Screenshots of every step: out/e2e/<lang>/. Run with `npm run test:e2e` (jest.e2e.config.js).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { translatorFor } from '../../bot/i18n';
import { addDays, parisToday, planMeeting } from '../../domain';
import {
  PLAYGROUND_USERS,
  PROJECT_ROOT,
  freePort,
  readPlaygroundTenant,
  startLocaleProxy,
  startPlayground,
  type PlaygroundRole,
  type RunningPlayground,
} from '../../scripts/playground';
import { startBot, type BotProcess } from '../support/botProcess';
import { PlaygroundChat, launchChromium } from './support/playgroundChat';

const OUT = path.join(PROJECT_ROOT, 'out', 'e2e');
const DOCS_SHOTS = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const tenant = readPlaygroundTenant();
const person = (id: string) => {
  const found = tenant.people.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`${id} is not in .m365agentsplayground.yml`);
  return found;
};
const EMPLOYEE = person(PLAYGROUND_USERS.employee);
const SPST = person(PLAYGROUND_USERS.spst);

/** The part of a sentence before its first {{placeholder}}: what stays true however values are formatted. */
const lead = (sentence: string) => sentence.split('{{')[0]?.trim() ?? sentence;

/** Dates relative to the bot's real clock: the leave began 60 days ago and ends in 60 days. */
function caseDates() {
  const today = parisToday(new Date());
  // The earliest day with 8 days' notice to the SPST that is a plain business day (no warning to read past).
  let valid = addDays(today, 8);
  for (;;) {
    const plan = planMeeting({
      requestDate: today,
      spstNoticeDate: today,
      proposalDate: today,
      meetingDate: valid,
    });
    if (plan.meetingValid && plan.warnings.length === 0) break;
    valid = addDays(valid, 1);
  }
  return {
    today,
    leaveStart: addDays(today, -60),
    leaveEnd: addDays(today, 60),
    refused: addDays(today, 7), // 7 days' notice to the SPST: refused
    valid,
  };
}

let bot: BotProcess;
let browser: Browser;
let dbDir: string;

beforeAll(async () => {
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-'));
  fs.rmSync(OUT, { recursive: true, force: true });
  bot = await startBot({ DATABASE_URL: `sqlite:${path.join(dbDir, 'liaison.db')}` }, 60_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  // The bot's JSON log (ids and events, never message text): the first place to look when a step fails.
  if (bot) fs.writeFileSync(path.join(OUT, 'bot.log'), bot.output());
  fs.rmSync(dbDir, { recursive: true, force: true });
});

/**
 * Copies a few chosen screenshots into docs/screenshots/ when UPDATE_SCREENSHOTS=1 (so that a test run does not
 * leave the working tree changed); the copy happens only once the step passed, so the docs show what works.
 */
function publish(shot: string, name: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  fs.mkdirSync(DOCS_SHOTS, { recursive: true });
  fs.copyFileSync(shot, path.join(DOCS_SHOTS, `playground-${name}.png`));
}

describe.each([
  {
    lang: 'fr',
    locale: 'fr-FR',
    yes: 'oui',
    no: 'non',
    question: 'est-ce obligatoire ?',
    place: 'Salle 2, siège',
  },
  {
    lang: 'en',
    locale: 'en-US',
    yes: 'yes',
    no: 'no',
    question: 'do I have to take part?',
    place: 'Room 2, head office',
  },
] as const)('in the Agents Playground, in $lang', ({ lang, locale, yes, no, question, place }) => {
  const t = translatorFor(locale, 'caseDialog');
  const common = translatorFor(locale, 'common');
  const faq = translatorFor(locale, 'faq');
  const cards = translatorFor(locale, 'cards');
  const card = (name: string) => (key: string, values?: Record<string, unknown>) =>
    cards(`${name}.${key}`, values ?? {});
  const invitation = card('invitation');
  const answered = card('invitationAnswered');
  const hrUpdate = card('hrUpdate');
  const picker = card('personPicker');
  const shots = path.join(OUT, lang);
  const playgrounds: Partial<Record<PlaygroundRole, RunningPlayground>> = {};
  const chats: Partial<Record<PlaygroundRole, PlaygroundChat>> = {};
  let closeProxy: (() => Promise<void>) | undefined;
  const chat = (role: PlaygroundRole): PlaygroundChat => {
    const found = chats[role];
    if (!found) throw new Error(`no ${role} chat open (an earlier step failed)`);
    return found;
  };

  beforeAll(async () => {
    let endpoint = `${bot.baseUrl}/api/messages`;
    if (locale !== 'en-US') {
      const proxy = await startLocaleProxy(endpoint, locale);
      closeProxy = proxy.close;
      endpoint = proxy.url;
    }
    for (const role of ['manager', 'employee', 'hr', 'spst'] as const) {
      playgrounds[role] = await startPlayground({
        endpoint,
        role,
        port: await freePort(),
        workDir: path.join(OUT, lang, 'playground'),
        chatTag: `-${lang}`,
      });
    }
  });

  afterAll(async () => {
    for (const open of Object.values(chats)) await open.page.close();
    await Promise.all(Object.values(playgrounds).map((playground) => playground.stop()));
    await closeProxy?.();
  });

  test('the employee asks the FAQ; the answer and "learn more" show', async () => {
    const employee = await PlaygroundChat.open(browser, playgrounds.employee!.url, shots, 'employee');
    chats.employee = employee;
    // Opening the Playground adds the bot to the chat: its welcome. The Playground's conversationUpdate carries no
    // locale, so the welcome is in French (CONTRACT: French when the locale is absent), whatever the run's language.
    await employee.waitForTexts([lead(translatorFor('fr', 'common')('welcome'))], 'opening the Playground');
    await employee.shot('welcome');
    const entry = faq('entries.is-it-mandatory', { returnObjects: true }) as {
      title: string;
      answer: string;
      details: string;
    };
    await employee.say(question, [entry.title, entry.answer]);
    const answerShot = await employee.shot('faq-answer');
    expect(await employee.transcript()).not.toContain(entry.details);
    await employee.click(card('faqAnswer')('learnMore'), [entry.details]);
    const detailsShot = await employee.shot('faq-learn-more');
    if (lang === 'fr') publish(answerShot, 'faq-fr');
    else publish(detailsShot, 'faq-learn-more-en');
  });

  test('HR makes the RH channel the HR channel', async () => {
    const hr = await PlaygroundChat.open(browser, playgrounds.hr!.url, shots, 'hr');
    chats.hr = hr;
    await hr.openConversation('Contoso - RH');
    await hr.post('Liaison', lang === 'fr' ? 'canal RH' : 'HR channel', [common('settings.hrChannelSet')]);
    await hr.shot('hr-channel-set');
  });

  test("HR names the SPST's Teams contact in the company settings", async () => {
    // The SPST contact opens their chat first: the bot can only write to someone who has opened its chat, and it
    // writes in the language of their last message (the Playground's greeting activity carries no locale).
    const spst = await PlaygroundChat.open(browser, playgrounds.spst!.url, shots, 'spst');
    chats.spst = spst;
    await spst.say(lang === 'fr' ? 'aide' : 'help', [card('help')('title')]);
    const hr = chat('hr');
    const settings = card('companySettings');
    await hr.openConversation('Personal Chat');
    await hr.say(lang === 'fr' ? 'paramètres' : 'settings', [settings('title')]);
    await hr.pickPerson(SPST.name);
    const spstName = hr.page.getByLabel(settings('spstName')).last();
    if ((await spstName.inputValue()) === '') await spstName.fill(SPST.name);
    const settingsShot = await hr.shot('settings', settings('spstTeams'));
    if (lang === 'fr') publish(settingsShot, 'settings-spst-fr');
    await hr.click(settings('save'), [common('settings.saved')]);
  });

  test("the manager's case: eligibility, a refused date then a valid one, summary, send", async () => {
    const dates = caseDates();
    const manager = await PlaygroundChat.open(browser, playgrounds.manager!.url, shots, 'manager');
    chats.manager = manager;
    await manager.say(lang === 'fr' ? 'nouveau rendez-vous de liaison' : 'new liaison meeting', [
      lead(t('started')),
      t('who.askName'),
    ]);
    // The people picker: its Entra object id is what lets the bot reach the employee in Teams. Name and email are
    // typed too (in a 1:1 chat Teams does not tell the bot who the picked person is).
    await manager.pickPerson(EMPLOYEE.name);
    await manager.input(picker('employee.namePlaceholder')).fill(EMPLOYEE.name);
    await manager.input(picker('emailPlaceholder')).fill(EMPLOYEE.email);
    await manager.shot('employee-picked');
    await manager.click(picker('continue'), [t('eligibility.askContract')]);
    await manager.say(t('contractKinds.cdi'), [t('absences.askKind', { number: 1 })]);
    await manager.say(t('absenceKinds.maladie'), [t('absences.askStart')]);
    await manager.say(dates.leaveStart, [t('absences.askEnd')]);
    await manager.say(dates.leaveEnd, [t('absences.askAnother')]);
    await manager.say(no, [t('eligibility.eligible', { days: 61 }), t('briefing.askGoOn')]);
    const eligibilityShot = await manager.shot('eligibility');
    await manager.say(yes, [t('initiator.askWho')]);
    await manager.say(t('initiators.employer'), [t('initiator.askRequestDate.employer')]);
    await manager.say(dates.today, [t('meeting.askDay')]);
    await manager.say(dates.refused, [
      lead(t('meeting.refused')).length > 0
        ? lead(t('meeting.refused'))
        : t('planProblems.spst_notice_too_short'),
      t('planProblems.spst_notice_too_short'),
      lead(t('meeting.nearest')),
    ]);
    const refusedShot = await manager.shot('date-refused');
    await manager.say(dates.valid, [t('meeting.askTime')]);
    await manager.say('14:30', [t('meeting.askMode')]);
    await manager.say(t('modes.in_person'), [t('meeting.askWhere.in_person')]);
    await manager.say(place, [t('attendees.askSpst')]);
    const summaryTexts = [card('caseSummary')('title'), t('summary.askSend')];
    // The headcount and whether a référent handicap is designated are asked once per company.
    const asked = await manager.sayEither(t('spstAttendance.attend'), [
      [t('attendees.askHeadcount')],
      summaryTexts,
    ]);
    if (asked === 0) {
      await manager.say('120', [t('attendees.askReferentDesignated')]);
      await manager.say(no, [lead(t('attendees.referentNotOffered')), ...summaryTexts]);
    }
    const summary = await manager.transcript();
    expect(summary).toContain(EMPLOYEE.name);
    expect(summary).toContain(EMPLOYEE.email);
    expect(summary).toContain(place);
    const summaryShot = await manager.shot('summary');
    await manager.say(yes, [lead(t('summary.sent'))]);
    // The manager's status card, which follows the case.
    const status = card('managerStatus');
    await manager.waitForTexts(
      [
        status('title', { employeeName: EMPLOYEE.name }),
        status('news.started', { employeeName: EMPLOYEE.name }),
      ],
      'the status card',
    );
    await manager.shot('sent', status('news.started', { employeeName: EMPLOYEE.name }));
    if (lang === 'fr') {
      publish(eligibilityShot, 'case-eligibility-fr');
      publish(refusedShot, 'case-date-refused-fr');
      publish(summaryShot, 'case-summary-fr');
    } else publish(summaryShot, 'case-summary-en');
  });

  test('the SPST contact receives the notice and acknowledges it', async () => {
    const spst = chat('spst');
    const notice = card('spstNotice');
    await spst.waitForTexts([notice('title'), notice('noMedical'), EMPLOYEE.name], 'the SPST notice');
    const noticeShot = await spst.shot('spst-notice', notice('title'));
    if (lang === 'fr') publish(noticeShot, 'spst-notice-fr');
    await spst.click(notice('acknowledge'), [card('spstAcknowledged')('title')]);
    await spst.shot('spst-acknowledged', card('spstAcknowledged')('title'));
  });

  test('the employee receives the invitation and accepts it', async () => {
    const employee = chat('employee');
    // The invitation goes out through the bot's outbox, proactively, to the employee's 1:1 chat.
    await employee.waitForTexts([invitation('title'), invitation('whatItIsNot')], 'the invitation');
    expect(await employee.button(invitation('accept')).isVisible()).toBe(true);
    expect(await employee.button(invitation('decline')).isVisible()).toBe(true);
    const invitationShot = await employee.shot('invitation', invitation('title'));
    await employee.click(invitation('accept'), [answered('title'), answered('accepted')]);
    const acceptedShot = await employee.shot('invitation-accepted');
    publish(
      lang === 'fr' ? invitationShot : acceptedShot,
      `invitation-${lang === 'fr' ? 'fr' : 'accepted-en'}`,
    );
  });

  test("HR sees the employee's answer in the HR channel", async () => {
    const hr = chat('hr');
    await hr.openConversation('Contoso - RH');
    await hr.waitForTexts(
      [hrUpdate('title', { employeeName: EMPLOYEE.name }), hrUpdate('accepted'), hrUpdate('nextAccepted')],
      'the HR update',
    );
    const hrShot = await hr.shot('hr-update', hrUpdate('accepted'));
    if (lang === 'fr') publish(hrShot, 'hr-update-fr');
  });

  test("the manager's status card tells that the employee accepted", async () => {
    const manager = chat('manager');
    const accepted = card('managerStatus')('news.accepted', { employeeName: EMPLOYEE.name });
    await manager.waitForTexts([accepted], 'the status update');
    const statusShot = await manager.shot('status-accepted', accepted);
    if (lang === 'en') publish(statusShot, 'status-accepted-en');
  });
});

test("the bot's log holds ids and events, never what people typed nor their names", () => {
  const log = bot.output();
  expect(log).toContain('outbox message sent');
  for (const typed of [
    'est-ce obligatoire',
    'do I have to take part',
    EMPLOYEE.name,
    EMPLOYEE.email,
    SPST.name,
    'Salle 2',
    'Room 2',
  ]) {
    expect(log).not.toContain(typed);
  }
});
