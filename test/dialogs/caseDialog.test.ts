import { ConversationState, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { translatorFor } from '../../language/i18n';
import type { OpenCaseRequest } from '../../bot/services/caseFlow';
import { caseFromRequest } from '../../bot/services/requests/caseFromRequest';
import { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogDeps } from '../../dialogs';

/** Monday 23 November 2026, 11:00 in Paris. */
const NOW = new Date('2026-11-23T10:00:00Z');
const fr = translatorFor('fr', 'caseDialog');
const en = translatorFor('en', 'caseDialog');

const MANAGER = { id: 'manager-1', aadObjectId: 'aad-manager-1', name: 'Alex Martin' };
const APPLIED = { outcome: 'applied', case: {}, warnings: [] };

/** One manager's 1:1 chat with the case flow; `say` returns every text the bot answered in that turn. */
function chat(
  options: {
    locale?: string;
    storage?: Storage;
    openCase?: jest.Mock;
    companySettings?: CaseDialogDeps['companySettings'];
    mayOpenFor?: CaseDialogDeps['mayOpenFor'];
    answerQuestion?: CaseDialogDeps['answerQuestion'];
    remindOn?: jest.Mock;
  } = {},
) {
  const openCase = options.openCase ?? jest.fn().mockResolvedValue(APPLIED);
  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());
  const submitRequest = jest.fn().mockRejectedValue(new Error('no employee request in these tests'));
  // A company whose headcount and référent are already known, unless the test says otherwise.
  const companySettings = options.companySettings ?? {
    get: async () => ({ headcount: 300, referentDesignated: true }),
    upsert: async () => ({}),
  };
  const runner = new CaseDialogRunner({
    conversationState,
    now: () => NOW,
    openCase,
    submitRequest,
    companySettings,
    ...(options.mayOpenFor ? { mayOpenFor: options.mayOpenFor } : {}),
    ...(options.answerQuestion ? { answerQuestion: options.answerQuestion } : {}),
    ...(options.remindOn ? { remindOn: options.remindOn } : {}),
  });
  const handled: boolean[] = [];
  // As LiaisonBot.run: the runner, then the conversation state saved at the end of every turn.
  const adapter = new TestAdapter(async (context) => {
    handled.push(await runner.continueOrStart(context));
    await conversationState.saveChanges(context, false);
  });
  return {
    openCase,
    handled,
    async say(text: string): Promise<string> {
      const activity: Partial<Activity> = {
        type: 'message',
        text,
        locale: options.locale,
        from: MANAGER,
        channelData: { tenant: { id: 'tenant-1' } },
      };
      await adapter.receiveActivity(activity);
      return adapter.activeQueue.splice(0).map(readableText).join('\n');
    },
  };
}

/** The activity's text, or the text of its hero card (choices may be rendered as one), or its card's speak. */
function readableText(activity: Partial<Activity>): string {
  const card = activity.attachments?.[0]?.content as
    { text?: string; speak?: string; buttons?: { title: string }[] } | undefined;
  return [
    activity.text,
    card?.text,
    card?.speak,
    ...(card?.buttons ?? []).map((button) => button.title),
    ...(activity.suggestedActions?.actions ?? []).map((action) => action.title),
  ]
    .filter(Boolean)
    .join('\n');
}

async function sayAll(conversation: ReturnType<typeof chat>, answers: string[]): Promise<string> {
  let last = '';
  for (const answer of answers) last = await conversation.say(answer);
  return last;
}

/** From the command to the meeting day's question, guided, in French. */
const FRENCH_TO_MEETING_DAY = [
  'Nouveau rendez-vous de liaison',
  'pas à pas',
  'CDI',
  'Camille Durand',
  'camille.durand@example.fr',
  'Louis Bernard',
  'Arrêt maladie',
  '2026-10-01',
  '31/12/2026',
  'non',
  'oui',
  "L'employeur",
  '20/11/2026',
];
const FRENCH_AFTER_MEETING_DAY = ['14:30', 'Sur place', 'Salle 2, siège', 'Est invité à participer'];

const EXPECTED_FRENCH_CASE: OpenCaseRequest = {
  caseId: expect.any(String) as string,
  tenantId: 'tenant-1',
  companyId: 'tenant-1',
  initiator: 'employer',
  requestDate: '2026-11-20',
  employee: { name: 'Camille Durand', email: 'camille.durand@example.fr' },
  manager: { name: 'Louis Bernard' },
  contract: { kind: 'cdi' },
  absences: [{ kind: 'maladie', start: '2026-10-01', end: '2026-12-31' }],
  meeting: { date: '2026-12-03', time: '14:30', mode: 'on_site', place: 'Salle 2, siège' },
  spstAttendance: 'attend',
  referentOffered: true,
};
const EXPECTED_CALLER = { aadObjectId: 'aad-manager-1', name: 'Alex Martin', via: 'teams' };

describe('recognizesNewCaseCommand', () => {
  test.each(['nouveau rendez-vous de liaison', 'Nouveau Rendez-vous de liaison !', 'new liaison meeting'])(
    'recognizes %p',
    (text) => expect(recognizesNewCaseCommand(text)).toBe(true),
  );
  test.each(['rendez-vous', 'new meeting', ''])('ignores %p', (text) =>
    expect(recognizesNewCaseCommand(text)).toBe(false),
  );
});

describe('the guided case dialog', () => {
  test('leaves other messages to the bot when no flow is under way', async () => {
    const conversation = chat();
    expect(await conversation.say('bonjour')).toBe('');
    expect(conversation.handled).toEqual([false]);
  });

  test('the command offers the form first, and "pas à pas" the guided dialog, contract first', async () => {
    const conversation = chat();
    const offer = await conversation.say('Nouveau rendez-vous de liaison');
    expect(offer).toContain(fr('form.intro'));
    const guided = await conversation.say('pas à pas');
    expect(guided).toContain(fr('started'));
    expect(guided).toContain(fr('eligibility.askContract'));
  });

  test('happy path in French, up to CaseService.open with the draft', async () => {
    const conversation = chat();
    const window = await sayAll(conversation, FRENCH_TO_MEETING_DAY);
    expect(window).toContain(fr('meeting.window', { earliest: '01/12/2026', latest: '31/12/2026' }));
    expect(window).toContain(
      fr('meeting.proposalDeadline', { due: '05/12/2026', recommended: '04/12/2026' }),
    );
    expect(await conversation.say('2026-12-03')).toContain(fr('meeting.askTime'));
    const summary = await sayAll(conversation, FRENCH_AFTER_MEETING_DAY);
    expect(summary).toContain(fr('attendees.referentOffered'));
    expect(summary).toContain(
      `${fr('summary.labels.employee')} : ${fr('summary.values.employee', { name: 'Camille Durand', email: 'camille.durand@example.fr' })}`,
    );
    expect(summary).toContain(`${fr('summary.labels.meeting')} : 03/12/2026 à 14:30`);
    expect(summary).toContain(`${fr('summary.labels.manager')} : Louis Bernard`);
    expect(summary).toContain(fr('summary.askSend'));
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(conversation.openCase).toHaveBeenCalledTimes(1);
    expect(conversation.openCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
    expect(conversation.openCase.mock.calls[0]?.[1]).toEqual(EXPECTED_CALLER);
    expect(conversation.handled.every(Boolean)).toBe(true);
    expect(await conversation.say('bonjour')).toBe('');
  });

  test('choice buttons show the labels in the user language, never the codes', async () => {
    const conversation = chat();
    const question = await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', '14:30']);
    expect(question).toContain(fr('modes.on_site'));
    expect(question).not.toMatch(/on_site|remote/);
  });

  test('happy path in English, remote, HR is the manager', async () => {
    const conversation = chat({ locale: 'en-US' });
    await sayAll(conversation, ['new liaison meeting', 'step by step']);
    await sayAll(conversation, [
      'Fixed-term contract (CDD)',
      '2027-03-31',
      'Sam Taylor',
      'sam.taylor@example.com',
    ]);
    const eligibility = await sayAll(conversation, [
      "It's me",
      'Work accident',
      '2026-09-15',
      '2027-01-15',
      'no',
    ]);
    expect(eligibility).toContain(en('eligibility.eligible', { days: 70 }));
    expect(eligibility).toContain(en('briefing.text'));
    await sayAll(conversation, ['yes', 'The employee', '2026-11-23', '2026-12-10', '9h05', 'Remotely']);
    const summary = await sayAll(conversation, ['https://teams.example/meet/1', 'Is only informed']);
    expect(summary).toContain(en('summary.values.where.remote', { where: 'https://teams.example/meet/1' }));
    expect(summary).toContain(`${en('summary.labels.meeting')} : 10 December 2026`);
    expect(await conversation.say('yes')).toContain(en('summary.sent'));
    expect(conversation.openCase.mock.calls[0]?.[0]).toEqual({
      ...EXPECTED_FRENCH_CASE,
      initiator: 'employee',
      requestDate: '2026-11-23',
      employee: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      manager: { aadObjectId: 'aad-manager-1', name: 'Alex Martin' },
      contract: { kind: 'cdd', end: '2027-03-31' },
      absences: [{ kind: 'accident_travail', start: '2026-09-15', end: '2027-01-15' }],
      meeting: { date: '2026-12-10', time: '09:05', mode: 'remote', link: 'https://teams.example/meet/1' },
      spstAttendance: 'informed',
    });
  });

  test('a day 7 days ahead is refused with the reason and the nearest valid day; a weekend is only warned', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY);
    const refusal = await conversation.say('2026-11-30');
    expect(refusal).toContain(fr('meeting.refused', { day: '30/11/2026' }));
    expect(refusal).toContain(fr('planProblems.spst_notice_too_short'));
    expect(refusal).toContain(fr('meeting.nearest', { day: '01/12/2026' }));
    expect(refusal).toContain(fr('meeting.askDay'));
    const accepted = await conversation.say('05/12/2026');
    expect(accepted).toContain(fr('planWarnings.weekend'));
    expect(accepted).toContain(fr('meeting.askTime'));
  });

  test('bad dates get a clear answer and the question again', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 7));
    for (const badDay of ['31-12-2026', '2026-02-30', 'demain']) {
      const answer = await conversation.say(badDay);
      expect(answer).toContain(fr('errors.dayFormat'));
      expect(answer).toContain(fr('absences.askStart'));
    }
    await conversation.say('2026-10-01');
    expect(await conversation.say('2026-09-30')).toContain(
      fr('errors.endBeforeStart', { day: '01/10/2026' }),
    );
    await sayAll(conversation, ['2026-12-31', 'non', 'oui', "L'employeur"]);
    expect(await conversation.say('2026-11-24')).toContain(fr('errors.dayInFuture', { day: '23/11/2026' }));
    expect(await conversation.say('2026-11-23')).toContain(fr('meeting.askDay'));
  });

  test('a bad email or time is refused and asked again; the time is required', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 4));
    expect(await conversation.say('camille')).toContain(fr('errors.email'));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(4));
    await conversation.say('2026-12-03');
    expect(await conversation.say('vers midi')).toContain(fr('errors.timeFormat'));
    expect(await conversation.say('non')).toContain(fr('errors.timeFormat'));
    expect(await conversation.say('9h05')).toContain(fr('meeting.askMode'));
  });

  test('an oversized answer is refused, never kept', async () => {
    const conversation = chat();
    await sayAll(conversation, ['nouveau rendez-vous de liaison', 'pas à pas', 'CDI']);
    const answer = await conversation.say('x'.repeat(2 * 1024 * 1024));
    expect(answer).toContain(fr('errors.textLength', { max: 300 }));
    expect(answer.length).toBeLessThan(2000);
  });

  test('help explains the step and asks again', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 2));
    const help = await conversation.say('aide');
    expect(help).toContain(fr('help.eligibility'));
    expect(help).toContain(fr('eligibility.askContract'));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(2));
    expect(await conversation.say('help')).toContain(fr('help.meeting'));
  });

  test('cancel ends the flow at any step, and nothing is created', async () => {
    const conversation = chat({ locale: 'en-GB' });
    await sayAll(conversation, [
      'new liaison meeting',
      'step by step',
      'CDI',
      'Sam Taylor',
      'sam.taylor@example.com',
    ]);
    expect(await conversation.say('Cancel')).toContain(en('cancelled'));
    expect(await conversation.say('2026-10-01')).toBe('');
    expect(conversation.openCase).not.toHaveBeenCalled();
  });

  test('a failing open is told plainly; "oui" again retries with the same case id', async () => {
    const openCase = jest
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValueOnce(APPLIED);
    const conversation = chat({ openCase });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    const answer = await conversation.say('oui');
    expect(answer).toContain(fr('summary.failed'));
    expect(answer).not.toContain(fr('summary.sent'));
    expect(answer).toContain(fr('summary.askSend'));
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(openCase).toHaveBeenCalledTimes(2);
    expect(openCase.mock.calls[1]?.[0].caseId).toBe(openCase.mock.calls[0]?.[0].caseId);
  });

  test('a day the engine refuses is asked again, then the summary comes back with a new case id', async () => {
    const openCase = jest
      .fn()
      .mockResolvedValueOnce({
        outcome: 'refused',
        reason: 'meeting_invalid',
        details: ['spst_notice_too_short'],
        case: null,
      })
      .mockResolvedValueOnce(APPLIED);
    const conversation = chat({ openCase });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-01', ...FRENCH_AFTER_MEETING_DAY]);
    const refusal = await conversation.say('oui');
    expect(refusal).toContain(fr('refusals.meeting_invalid'));
    expect(refusal).toContain(fr('planProblems.spst_notice_too_short'));
    expect(refusal).toContain(fr('meeting.askDay'));
    expect(await conversation.say('2026-12-03')).toContain(fr('summary.askSend'));
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(openCase.mock.calls[1]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
    expect(openCase.mock.calls[1]?.[0].caseId).not.toBe(openCase.mock.calls[0]?.[0].caseId);
  });

  test('a question starts nothing and writes no dialog state; a command then starts the form', async () => {
    const storage = new MemoryStorage();
    const write = jest.spyOn(storage, 'write');
    const conversation = chat({ storage });
    expect(await conversation.say('Le rendez-vous de liaison est-il obligatoire ?')).toBe('');
    expect(conversation.handled).toEqual([false]);
    expect(write).not.toHaveBeenCalled();
    expect(await conversation.say('Nouveau rendez-vous de liaison')).toContain(fr('form.intro'));
    expect(conversation.handled).toEqual([false, true]);
    expect(write).toHaveBeenCalled();
  });

  test('a restart resumes at the same step (a new runner over the same storage)', async () => {
    const storage = new MemoryStorage();
    const before = chat({ storage });
    expect(await sayAll(before, FRENCH_TO_MEETING_DAY.slice(0, 6))).toContain(
      fr('absences.askKind', { number: 1 }),
    );
    const after = chat({ storage });
    expect(await after.say('Arrêt maladie')).toContain(fr('absences.askStart'));
    await sayAll(after, [
      ...FRENCH_TO_MEETING_DAY.slice(7),
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
      'oui',
    ]);
    expect(after.openCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
  });

  test('the headcount and the référent are asked once, remembered, and decide whether the référent is offered', async () => {
    const saved: object[] = [];
    const companySettings = {
      get: async () => Object.assign({}, ...saved),
      upsert: async (_tenant: string, _company: string, changes: object) => (saved.push(changes), {}),
    };
    const conversation = chat({ companySettings });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    expect(await conversation.say('12 salariés')).toContain(fr('errors.headcount'));
    expect(await conversation.say('120')).toContain(fr('attendees.askReferentDesignated'));
    const answer = await conversation.say('non');
    expect(answer).toContain(fr('attendees.referentNotOffered', { threshold: 250 }));
    expect(saved).toEqual([{ headcount: 120, referentDesignated: false }]);
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(conversation.openCase.mock.calls[0]?.[0]).toMatchObject({ referentOffered: false });
  });
});

describe('#12 findings on the guided dialog', () => {
  test('#12.1 not yet eligible: no "continue anyway"; the reason, and a reminder on the first eligible day', async () => {
    const remindOn = jest.fn().mockResolvedValue(undefined);
    const conversation = chat({ remindOn });
    const verdict = await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(0, 6),
      'Arrêt maladie',
      '2026-11-10',
      '2026-12-31',
      'non',
    ]);
    expect(verdict).toContain(fr('eligibility.notYetFrom', { days: 14, day: '10/12/2026' }));
    expect(verdict).toContain(fr('eligibilityNotes.below_threshold'));
    expect(verdict).toContain(fr('eligibility.askReminder', { day: '10/12/2026' }));
    expect(verdict).not.toContain(fr('briefing.text'));
    expect(await conversation.say('oui')).toContain(fr('eligibility.reminderSet', { day: '10/12/2026' }));
    expect(remindOn).toHaveBeenCalledWith({
      tenantId: 'tenant-1',
      aadObjectId: 'aad-manager-1',
      day: '2026-12-10',
      text: fr('eligibility.reminderText', { name: 'Camille Durand', day: '10/12/2026' }),
    });
    // The flow is over: nothing goes on, nothing is opened.
    expect(await conversation.say('oui')).toBe('');
    expect(conversation.openCase).not.toHaveBeenCalled();
  });

  test('#12.1 not yet eligible without a reminder service: the day to come back, and the flow stops', async () => {
    const conversation = chat();
    const verdict = await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(0, 6),
      'Arrêt maladie',
      '2026-11-10',
      '2026-12-31',
      'non',
    ]);
    expect(verdict).toContain(fr('eligibility.comeBack', { day: '10/12/2026' }));
    expect(await conversation.say('oui')).toBe('');
  });

  test('#12.1 maternity leave is not a leave that counts: the flow stops, no override', async () => {
    const conversation = chat();
    const verdict = await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(0, 6),
      'Congé maternité',
      '2026-09-01',
      '2026-12-31',
      'non',
    ]);
    expect(verdict).toContain(fr('eligibility.stopped'));
    expect(await conversation.say('oui')).toBe('');
    expect(conversation.openCase).not.toHaveBeenCalled();
  });

  test('#12.11 no valid date (the leave ends too soon): explained and redirected to the pré-reprise visit', async () => {
    const conversation = chat();
    const answer = await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(0, 7),
      '2026-10-01',
      '2026-11-27',
      ...FRENCH_TO_MEETING_DAY.slice(9),
    ]);
    expect(answer).toContain(fr('meeting.noValidDate', { earliest: '01/12/2026', latest: '27/11/2026' }));
    expect(answer).toMatch(/préreprise/);
    expect(answer).toMatch(/visite de reprise/);
    expect(answer).not.toContain(fr('meeting.askDay'));
    expect(await conversation.say('2026-11-26')).toBe('');
    expect(conversation.openCase).not.toHaveBeenCalled();
  });

  test('#12.12 the contract is asked first and an excluded one stops at once with the right pointer', async () => {
    const conversation = chat();
    await sayAll(conversation, ['nouveau rendez-vous de liaison', 'pas à pas']);
    const answer = await conversation.say('Fonctionnaire');
    expect(answer).toContain(fr('excludedContracts.fonctionnaire'));
    expect(answer).toContain(fr('eligibility.stopped'));
    expect(answer).not.toContain(fr('who.askName'));
    expect(await conversation.say('Camille Durand')).toBe('');
  });

  test('#12.12 an intérim contract says the temp agency is the employer; a user company is told to pass it on', async () => {
    const conversation = chat();
    await sayAll(conversation, ['nouveau rendez-vous de liaison', 'pas à pas']);
    const notice = await conversation.say('Intérim');
    expect(notice).toContain(fr('interim.notice'));
    expect(notice).toContain(fr('interim.askAgency'));
    expect(await conversation.say('non')).toContain(fr('interim.userCompany'));
    expect(await conversation.say('oui')).toBe('');

    const agency = chat();
    await sayAll(agency, ['nouveau rendez-vous de liaison', 'pas à pas', 'Intérim']);
    expect(await agency.say('oui')).toContain(fr('eligibility.askContractEnd'));
  });

  test("#12.13 a manager who is neither HR nor the employee's known manager is told HR opens it, right after the employee", async () => {
    const mayOpenFor = jest.fn().mockResolvedValue(null);
    const conversation = chat({ mayOpenFor });
    const answer = await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 5));
    expect(answer).toContain(fr('access.hrOpens', { name: 'Camille Durand' }));
    expect(mayOpenFor.mock.calls[0]?.[1]).toEqual({
      name: 'Camille Durand',
      email: 'camille.durand@example.fr',
    });
    expect(await conversation.say('Arrêt maladie')).toBe('');
    expect(conversation.openCase).not.toHaveBeenCalled();
  });

  test("#12.13 the employee's own manager opens it as that manager: not asked who the manager is", async () => {
    const conversation = chat({ mayOpenFor: async () => 'manager' });
    const next = await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 5));
    expect(next).toContain(fr('absences.askKind', { number: 1 }));
    await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(6),
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
      'oui',
    ]);
    expect(conversation.openCase.mock.calls[0]?.[0].manager).toEqual({
      aadObjectId: 'aad-manager-1',
      name: 'Alex Martin',
    });
  });

  test('#12.6 a second case for an employee who has one under way: refused with a pointer to it', async () => {
    const openCase = jest.fn().mockResolvedValue({
      outcome: 'refused',
      reason: 'open_case_exists',
      details: [],
      case: null,
      openCaseId: 'case-42',
    });
    const conversation = chat({ openCase });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    const answer = await conversation.say('oui');
    expect(answer).toContain(fr('refusals.open_case_exists', { caseId: 'case-42' }));
    expect(answer).toContain('case-42');
    expect(answer).not.toContain(fr('summary.sent'));
    expect(await conversation.say('oui')).toBe('');
  });

  test.each([
    ['not_allowed', 'refusals.not_allowed'],
    ['reoffer_too_soon', 'refusals.reoffer_too_soon'],
    ['reoffer_limit', 'refusals.reoffer_limit'],
  ])('every refusal of the engine is said plainly: %s', async (reason, key) => {
    const openCase = jest.fn().mockResolvedValue({ outcome: 'refused', reason, details: [], case: null });
    const conversation = chat({ openCase, locale: 'en-US' });
    await sayAll(conversation, [
      'new liaison meeting',
      'step by step',
      'CDI',
      'Sam Taylor',
      'sam.taylor@example.com',
      "I don't know",
      'Sick leave',
      '2026-10-01',
      '2026-12-31',
      'no',
      'yes',
      'The employer',
      '2026-11-20',
      '2026-12-03',
      '14:30',
      'On site',
      'Room 2',
      'Is asked to attend',
    ]);
    expect(await conversation.say('yes')).toContain(en(key));
  });

  test('#12.14 a place with a health detail gets the kind notice and is neither kept nor sent', async () => {
    const conversation = chat();
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', '14:30', 'Sur place']);
    const answer = await conversation.say("salle calme, il fait des crises d'angoisse");
    expect(answer).toContain(fr('errors.health'));
    expect(answer).not.toContain('angoisse');
    expect(answer).toContain(fr('meeting.askWhere.on_site'));
    await sayAll(conversation, ['Salle 2, siège', 'Est invité à participer', 'oui']);
    expect(JSON.stringify(conversation.openCase.mock.calls)).not.toContain('angoisse');
    expect(conversation.openCase.mock.calls[0]?.[0].meeting.place).toBe('Salle 2, siège');
  });

  test('#12.14 a remote meeting needs an https link; a typed employee or manager name is screened too', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 3));
    expect(await conversation.say('Camille, en dépression')).toContain(fr('errors.health'));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(3, 5));
    expect(await conversation.say('Louis, il a un cancer')).toContain(fr('errors.health'));
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY.slice(5), '2026-12-03', '14:30', 'À distance']);
    expect(await conversation.say('rendez-vous par téléphone')).toContain(fr('errors.link'));
    expect(await conversation.say('http://teams.example/meet/1')).toContain(fr('errors.link'));
    expect(await conversation.say('https://teams.example/meet/1')).toContain(fr('attendees.askSpst'));
    await sayAll(conversation, ['Est invité à participer', 'oui']);
    const request = conversation.openCase.mock.calls[0]?.[0] as OpenCaseRequest;
    expect(request.employee.name).toBe('Camille Durand');
    expect(request.manager).toEqual({ name: 'Louis Bernard' });
    expect(JSON.stringify(request)).not.toMatch(/cancer|dépression/);
  });

  test('#12.15 "non" on the summary offers to change one answer; the others are kept', async () => {
    const conversation = chat();
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    const offer = await conversation.say('non');
    expect(offer).toContain(fr('summary.askChange'));
    expect(offer).toContain(fr('summary.fields.meetingTime'));
    expect(offer).not.toContain(fr('cancelled'));
    expect(await conversation.say(fr('summary.fields.meetingTime'))).toContain(fr('meeting.askTime'));
    const summary = await conversation.say('10:00');
    expect(summary).toContain(`${fr('summary.labels.meeting')} : 03/12/2026 à 10:00`);
    expect(summary).toContain(fr('summary.askSend'));
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(conversation.openCase.mock.calls[0]?.[0]).toEqual({
      ...EXPECTED_FRENCH_CASE,
      meeting: { ...EXPECTED_FRENCH_CASE.meeting, time: '10:00' },
    });
  });

  test('#12.15 "retour" goes back to the question just before, not two steps', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 6));
    // At the first absence question: back to the manager, not to the employee.
    const back = await conversation.say('retour');
    expect(back).toContain(fr('manager.ask', { name: 'Camille Durand' }));
    expect(back).not.toContain(fr('who.askName'));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(5, 13));
    await sayAll(conversation, ['2026-12-03', '14:30']);
    // At the mode: back to the time.
    expect(await conversation.say('retour')).toContain(fr('meeting.askTime'));
    await sayAll(conversation, FRENCH_AFTER_MEETING_DAY);
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(conversation.openCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
  });

  test('#12.15 an unrecognised answer gets a hint with the expected form', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 2));
    const hint = await conversation.say('bof');
    expect(hint).toContain(fr('errors.choice', { example: 'CDI' }));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(2, 10));
    expect(await conversation.say('peut-être')).toContain(fr('errors.yesNo'));
  });

  test('#12.15 a question asked mid-dialog is answered and the dialog goes on where it was', async () => {
    const answerQuestion = jest.fn(async (context) => {
      await context.sendActivity('Pour le salarié, le rendez-vous est facultatif.');
      return true;
    });
    const conversation = chat({ answerQuestion });
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 7));
    const answer = await conversation.say('est-ce obligatoire ?');
    expect(answer).toContain('Pour le salarié, le rendez-vous est facultatif.');
    expect(answer).toContain(fr('resume'));
    expect(answer).toContain(fr('absences.askStart'));
    expect(answerQuestion).toHaveBeenCalledTimes(1);
    await sayAll(conversation, [
      ...FRENCH_TO_MEETING_DAY.slice(7),
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
      'oui',
    ]);
    expect(conversation.openCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
  });

  test('#12.15 a health detail typed into a date answer gets the kind notice, not "I did not understand this date"', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 7));
    const answer = await conversation.say('depuis le 1er octobre, pour une dépression');
    expect(answer).toContain(fr('errors.health'));
    expect(answer).not.toContain(fr('errors.dayFormat'));
    expect(answer).toContain(fr('absences.askStart'));
  });

  test('#12.10 a passed proposal deadline is said plainly: by how many days, and what to do now', async () => {
    const conversation = chat();
    const window = await sayAll(conversation, [...FRENCH_TO_MEETING_DAY.slice(0, 12), '01/11/2026']);
    expect(window).toContain(fr('meeting.proposalLate', { count: 7, days: 7, due: '16/11/2026' }));
    expect(window).toContain('7 jours de retard');
    expect(window).not.toContain(
      fr('meeting.proposalDeadline', { due: '16/11/2026', recommended: '16/11/2026' }),
    );
  });

  test("#12.10 a warning about the proposal deadline's day is not shown as if it concerned the meeting", async () => {
    const conversation = chat();
    // D0 7 November: the deadline (22 November) is a Sunday.
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY.slice(0, 12), '07/11/2026']);
    const afterDay = await conversation.say('2026-12-03');
    expect(afterDay).not.toContain(fr('planWarnings.proposal_due_not_business_day'));
    expect(afterDay).not.toContain(fr('planWarnings.proposal_late'));
    expect(afterDay).toContain(fr('meeting.askTime'));
  });

  test("#12.7 HR organising a request: the case's manager is the one the employee named, HR opens it", async () => {
    const request = {
      id: 'request-1',
      tenantId: 'tenant-1',
      companyId: 'tenant-1',
      state: 'acknowledged' as const,
      employee: { aadObjectId: 'aad-employee-1', name: 'Camille Durand' },
      manager: { name: 'Louis Bernard', aadObjectId: 'aad-louis' },
      requestDate: '2026-11-20',
      leaveStart: '2026-10-01',
      eligibleFrom: '2026-10-31',
      createdAt: '2026-11-20T08:00:00Z',
    };
    const prefillFromRequest = caseFromRequest({
      requests: { get: async () => request },
      access: { mayHandleRequest: async ({ aadObjectId }) => aadObjectId === 'aad-manager-1' },
    });
    const openCase = jest.fn().mockResolvedValue(APPLIED);
    const runner = new CaseDialogRunner({
      conversationState: new ConversationState(new MemoryStorage()),
      now: () => NOW,
      openCase,
      submitRequest: jest.fn(),
      companySettings: {
        get: async () => ({ headcount: 300, referentDesignated: true }),
        upsert: async () => ({}),
      },
      prefillFromRequest,
    });
    const adapter = new TestAdapter(async (context) => {
      const value = context.activity.value as { startCaseFromRequest?: string } | undefined;
      if (value?.startCaseFromRequest) await runner.startFromRequest(context, value.startCaseFromRequest);
      else await runner.continueOrStart(context);
    });
    const say = async (activity: Partial<Activity>): Promise<string> => {
      await adapter.receiveActivity({
        type: 'message',
        from: MANAGER,
        channelData: { tenant: { id: 'tenant-1' } },
        ...activity,
      });
      return adapter.activeQueue.splice(0).map(readableText).join('\n');
    };
    await say({ value: { startCaseFromRequest: 'request-1' } });
    // The guided dialog from the request: who and when are known, the contract comes first.
    expect(await say({ text: 'pas à pas' })).toContain(fr('eligibility.askContract'));
    for (const text of [
      'CDI',
      'Arrêt maladie',
      '2026-10-01',
      '2026-12-31',
      'non',
      'oui',
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
    ])
      await say({ text });
    expect(await say({ text: 'oui' })).toContain(fr('summary.sent'));
    expect(openCase.mock.calls[0]?.[0]).toMatchObject({
      requestId: 'request-1',
      initiator: 'employee',
      requestDate: '2026-11-20',
      employee: { name: 'Camille Durand', aadObjectId: 'aad-employee-1' },
      manager: { name: 'Louis Bernard', aadObjectId: 'aad-louis' },
    });
    // HR is the caller (openedBy), never the case's manager.
    expect(openCase.mock.calls[0]?.[1]).toEqual(EXPECTED_CALLER);
    expect(openCase.mock.calls[0]?.[0].manager.aadObjectId).not.toBe(MANAGER.aadObjectId);
  });

  test('someone who may not organise a request is told, and nothing starts', async () => {
    const runner = new CaseDialogRunner({
      conversationState: new ConversationState(new MemoryStorage()),
      now: () => NOW,
      openCase: jest.fn(),
      submitRequest: jest.fn(),
      prefillFromRequest: async () => null,
    });
    const adapter = new TestAdapter(async (context) => runner.startFromRequest(context, 'request-1'));
    await adapter.receiveActivity({
      type: 'message',
      from: MANAGER,
      value: { startCaseFromRequest: 'request-1' },
    });
    expect(adapter.activeQueue.splice(0).map(readableText).join('\n')).toBe(fr('fromRequestRefused'));
  });
});
