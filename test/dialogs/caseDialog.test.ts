import { ConversationState, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { translatorFor } from '../../bot/i18n';
import {
  CaseDialogRunner,
  recognizesNewCaseCommand,
  type CaseDialogDeps,
  type CaseStartRequest,
} from '../../dialogs';

/** Monday 23 November 2026, 11:00 in Paris. */
const NOW = new Date('2026-11-23T10:00:00Z');
const fr = translatorFor('fr', 'caseDialog');
const en = translatorFor('en', 'caseDialog');

const MANAGER = { id: 'manager-1', aadObjectId: 'aad-manager-1', name: 'Alex Martin' };

/** One manager's 1:1 chat with the case flow; `say` returns every text the bot answered in that turn. */
function chat(
  options: {
    locale?: string;
    storage?: Storage;
    startCase?: jest.Mock;
    companySettings?: CaseDialogDeps['companySettings'];
  } = {},
) {
  const startCase = options.startCase ?? jest.fn().mockResolvedValue({ status: 'started' });
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
    startCase,
    submitRequest,
    companySettings,
  });
  const handled: boolean[] = [];
  const adapter = new TestAdapter(async (context) => {
    handled.push(await runner.continueOrStart(context));
  });
  return {
    startCase,
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
  return [activity.text, card?.text, card?.speak, ...(card?.buttons ?? []).map((button) => button.title)]
    .filter(Boolean)
    .join('\n');
}

async function sayAll(conversation: ReturnType<typeof chat>, answers: string[]): Promise<string> {
  let last = '';
  for (const answer of answers) last = await conversation.say(answer);
  return last;
}

const FRENCH_TO_MEETING_DAY = [
  'Nouveau rendez-vous de liaison',
  'Camille Durand',
  'camille.durand@example.fr',
  'CDI',
  'Arrêt maladie',
  '2026-10-01',
  '31/12/2026',
  'non',
  'oui',
  "L'employeur",
  '20/11/2026',
];
const FRENCH_AFTER_MEETING_DAY = ['14:30', 'Sur place', 'Salle 2, siège', 'Est invité à participer'];

const EXPECTED_FRENCH_CASE: CaseStartRequest = {
  draftId: expect.any(String) as string,
  tenantId: 'tenant-1',
  companyId: 'tenant-1',
  initiator: 'employer',
  requestDate: '2026-11-20',
  employee: { name: 'Camille Durand', email: 'camille.durand@example.fr' },
  manager: { aadObjectId: 'aad-manager-1', name: 'Alex Martin' },
  meeting: { date: '2026-12-03', time: '14:30', mode: 'in_person', place: 'Salle 2, siège' },
  spstAttendance: 'attend',
  referentRequested: false,
  referentOffered: true,
  leaveEnd: '2026-12-31',
};

describe('recognizesNewCaseCommand', () => {
  test.each(['nouveau rendez-vous de liaison', 'Nouveau Rendez-vous de liaison !', 'new liaison meeting'])(
    'recognizes %p',
    (text) => expect(recognizesNewCaseCommand(text)).toBe(true),
  );
  test.each(['rendez-vous', 'new meeting', ''])('ignores %p', (text) =>
    expect(recognizesNewCaseCommand(text)).toBe(false),
  );
});

describe('the manager case dialog', () => {
  test('leaves other messages to the bot when no flow is under way', async () => {
    const conversation = chat();
    expect(await conversation.say('bonjour')).toBe('');
    expect(conversation.handled).toEqual([false]);
  });

  test('happy path in French, up to startCase with the draft', async () => {
    const conversation = chat();
    const window = await sayAll(conversation, FRENCH_TO_MEETING_DAY);
    expect(window).toContain(fr('meeting.window', { earliest: '01/12/2026', latest: '31/12/2026' }));
    expect(window).toContain(
      fr('meeting.proposalDeadline', { due: '05/12/2026', recommended: '04/12/2026' }),
    );
    await conversation.say('2026-12-03');
    const summary = await sayAll(conversation, FRENCH_AFTER_MEETING_DAY);
    expect(summary).toContain(fr('attendees.referentOffered'));
    expect(summary).toContain(
      `${fr('summary.labels.employee')} : ${fr('summary.values.employee', { name: 'Camille Durand', email: 'camille.durand@example.fr' })}`,
    );
    expect(summary).toContain(`${fr('summary.labels.meeting')} : 03/12/2026 à 14:30`);
    expect(summary).toContain(fr('summary.askSend'));
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(conversation.startCase).toHaveBeenCalledTimes(1);
    expect(conversation.startCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
    expect(conversation.handled.every(Boolean)).toBe(true);
    expect(await conversation.say('bonjour')).toBe('');
  });

  test('choice buttons show the labels in the user language, never the codes', async () => {
    const conversation = chat();
    const question = await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', '14:30']);
    expect(question).toContain(fr('modes.in_person'));
    expect(question).not.toMatch(/in_person|remote/);
  });

  test('happy path in English, remote, without a time', async () => {
    const conversation = chat({ locale: 'en-US' });
    expect(await conversation.say('new liaison meeting')).toContain(en('who.askName'));
    const eligibility = await sayAll(conversation, [
      'Sam Taylor',
      'sam.taylor@example.com',
      'Fixed-term contract (CDD)',
      '2027-03-31',
      'Work accident',
      '2026-09-15',
      '2027-01-15',
      'no',
    ]);
    expect(eligibility).toContain(en('eligibility.eligible', { days: 70 }));
    expect(eligibility).toContain(en('briefing.text'));
    await sayAll(conversation, ['yes', 'The employee', '2026-11-23', '2026-12-10', 'no', 'Remotely']);
    const summary = await sayAll(conversation, ['https://teams.example/meet/1', 'Is only informed']);
    expect(summary).toContain(en('summary.values.where.remote', { where: 'https://teams.example/meet/1' }));
    expect(summary).toContain(`${en('summary.labels.meeting')} : 10 December 2026`);
    expect(await conversation.say('yes')).toContain(en('summary.sent'));
    expect(conversation.startCase.mock.calls[0]?.[0]).toEqual({
      ...EXPECTED_FRENCH_CASE,
      initiator: 'employee',
      requestDate: '2026-11-23',
      employee: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      meeting: { date: '2026-12-10', mode: 'remote', link: 'https://teams.example/meet/1' },
      spstAttendance: 'informed',
      leaveEnd: '2027-01-15',
      contractEnd: '2027-03-31',
    });
  });

  test('not yet eligible: says from when, and stopping creates nothing', async () => {
    const conversation = chat();
    const verdict = await sayAll(conversation, [
      'nouveau rendez-vous de liaison',
      'Camille Durand',
      'camille.durand@example.fr',
      'CDI',
      'Arrêt maladie',
      '2026-11-10',
      '2026-12-31',
      'non',
    ]);
    expect(verdict).toContain(fr('eligibility.notYetFrom', { days: 14, day: '10/12/2026' }));
    expect(verdict).toContain(fr('eligibilityNotes.below_threshold'));
    expect(verdict).toContain(fr('eligibility.askGoOn'));
    expect(await conversation.say('non')).toContain(fr('eligibility.stopped'));
    expect(conversation.startCase).not.toHaveBeenCalled();
    expect(await conversation.say('bonjour')).toBe('');
  });

  test('out of scope (fonctionnaire): the reason, then the flow ends', async () => {
    const conversation = chat();
    const verdict = await sayAll(conversation, [
      'nouveau rendez-vous de liaison',
      'Camille Durand',
      'camille.durand@example.fr',
      'Fonctionnaire',
      'Arrêt maladie',
      '2026-09-01',
      '2026-12-31',
      'non',
    ]);
    expect(verdict).toContain(fr('eligibility.outOfScope'));
    expect(verdict).toContain(fr('eligibilityNotes.contract_not_covered'));
    expect(verdict).toContain(fr('eligibility.stopped'));
    expect(await conversation.say('oui')).toBe('');
    expect(conversation.startCase).not.toHaveBeenCalled();
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
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 5));
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

  test('a bad email or time is refused and asked again', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 2));
    expect(await conversation.say('camille')).toContain(fr('errors.email'));
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(2));
    await conversation.say('2026-12-03');
    expect(await conversation.say('vers midi')).toContain(fr('errors.timeFormat'));
    expect(await conversation.say('9h05')).toContain(fr('meeting.askMode'));
  });

  test('an oversized answer is refused, never kept', async () => {
    const conversation = chat();
    await conversation.say('nouveau rendez-vous de liaison');
    const answer = await conversation.say('x'.repeat(2 * 1024 * 1024));
    expect(answer).toContain(fr('errors.textLength', { max: 300 }));
    expect(answer).toContain(fr('who.askName'));
    expect(answer.length).toBeLessThan(1000);
  });

  test('help explains the step and asks again; back returns to the previous step', async () => {
    const conversation = chat();
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(0, 3));
    const help = await conversation.say('aide');
    expect(help).toContain(fr('help.eligibility'));
    expect(help).toContain(fr('eligibility.askContract'));
    expect(await conversation.say('Retour')).toContain(fr('who.askName'));
    await sayAll(conversation, ['Camille Durand-Petit', 'camille.durand@example.fr']);
    await sayAll(conversation, FRENCH_TO_MEETING_DAY.slice(3));
    expect(await conversation.say('help')).toContain(fr('help.meeting'));
    expect(await conversation.say('retour')).toContain(fr('initiator.askWho'));
    await sayAll(conversation, [
      "L'employeur",
      '20/11/2026',
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
      'oui',
    ]);
    expect(conversation.startCase.mock.calls[0]?.[0].employee.name).toBe('Camille Durand-Petit');
  });

  test('cancel ends the flow at any step, and nothing is created', async () => {
    const conversation = chat({ locale: 'en-GB' });
    await sayAll(conversation, [
      'new liaison meeting',
      'Sam Taylor',
      'sam.taylor@example.com',
      'CDI',
      'Sick leave',
    ]);
    expect(await conversation.say('Cancel')).toContain(en('cancelled'));
    expect(await conversation.say('2026-10-01')).toBe('');
    expect(conversation.startCase).not.toHaveBeenCalled();
  });

  test('a failing startCase is told plainly', async () => {
    const conversation = chat({ startCase: jest.fn().mockRejectedValue(new Error('database down')) });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    const answer = await conversation.say('oui');
    expect(answer).toContain(fr('summary.failed'));
    expect(answer).not.toContain(fr('summary.sent'));
  });

  test('a day startCase refuses is asked again, then the case starts', async () => {
    const startCase = jest
      .fn()
      .mockResolvedValueOnce({
        status: 'refused',
        refusal: {
          reason: 'meeting_date_invalid',
          problems: ['spst_notice_too_short'],
          earliestMeetingDate: '2026-12-02',
        },
      })
      .mockResolvedValueOnce({ status: 'started' });
    const conversation = chat({ startCase });
    await sayAll(conversation, [...FRENCH_TO_MEETING_DAY, '2026-12-01', ...FRENCH_AFTER_MEETING_DAY]);
    const refusal = await conversation.say('oui');
    expect(refusal).toContain(fr('summary.refusedDay', { earliest: '02/12/2026' }));
    expect(refusal).toContain(fr('meeting.askDay'));
    await sayAll(conversation, ['2026-12-03', ...FRENCH_AFTER_MEETING_DAY]);
    expect(await conversation.say('oui')).toContain(fr('summary.sent'));
    expect(startCase.mock.calls[1]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
    expect(startCase.mock.calls[1]?.[0].draftId).not.toBe(startCase.mock.calls[0]?.[0].draftId);
  });

  test('a restart resumes at the same step (a new runner over the same storage)', async () => {
    const storage = new MemoryStorage();
    const before = chat({ storage });
    expect(await sayAll(before, FRENCH_TO_MEETING_DAY.slice(0, 3))).toContain(fr('eligibility.askContract'));
    const after = chat({ storage });
    expect(await after.say('CDI')).toContain(fr('absences.askKind', { number: 1 }));
    await sayAll(after, [
      ...FRENCH_TO_MEETING_DAY.slice(4),
      '2026-12-03',
      ...FRENCH_AFTER_MEETING_DAY,
      'oui',
    ]);
    expect(after.startCase.mock.calls[0]?.[0]).toEqual(EXPECTED_FRENCH_CASE);
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
    expect(conversation.startCase.mock.calls[0]?.[0]).toMatchObject({ referentOffered: false });

    // The next case of the same company asks neither question again.
    const next = chat({ companySettings });
    await sayAll(next, [...FRENCH_TO_MEETING_DAY, '2026-12-03']);
    expect(await sayAll(next, FRENCH_AFTER_MEETING_DAY)).toContain(
      fr('attendees.referentNotOffered', { threshold: 250 }),
    );
  });

  describe('started from an employee request', () => {
    const prefill = {
      requestId: 'request-1',
      employee: { name: 'Camille Durand', aadObjectId: 'aad-employee-1' },
      initiator: 'employee' as const,
      requestDate: '2026-11-20',
    };

    function chatFromRequest(found: typeof prefill | null) {
      const startCase = jest.fn().mockResolvedValue({ status: 'started' });
      const conversationState = new ConversationState(new MemoryStorage());
      const runner = new CaseDialogRunner({
        conversationState,
        now: () => NOW,
        startCase,
        submitRequest: jest.fn(),
        companySettings: {
          get: async () => ({ headcount: 300, referentDesignated: true }),
          upsert: async () => ({}),
        },
        prefillFromRequest: async () => found,
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
      return { say, startCase };
    }

    test('skips who and when, and the case answers the request', async () => {
      const { say, startCase } = chatFromRequest(prefill);
      expect(await say({ value: { startCaseFromRequest: 'request-1' } })).toContain(
        fr('eligibility.askContract'),
      );
      for (const answer of FRENCH_TO_MEETING_DAY.slice(3, 8)) await say({ text: answer });
      // No question about who initiated the meeting: the window comes right after the briefing.
      expect(await say({ text: 'oui' })).toContain(fr('meeting.askDay'));
      for (const answer of ['2026-12-03', ...FRENCH_AFTER_MEETING_DAY]) await say({ text: answer });
      expect(await say({ text: 'oui' })).toContain(fr('summary.sent'));
      expect(startCase.mock.calls[0]?.[0]).toMatchObject({
        requestId: 'request-1',
        initiator: 'employee',
        requestDate: '2026-11-20',
        employee: { name: 'Camille Durand', aadObjectId: 'aad-employee-1' },
      });
    });

    test('someone who may not organise it is told, and nothing starts', async () => {
      const { say, startCase } = chatFromRequest(null);
      expect(await say({ value: { startCaseFromRequest: 'request-1' } })).toBe(fr('fromRequestRefused'));
      expect(await say({ text: 'CDI' })).toBe('');
      expect(startCase).not.toHaveBeenCalled();
    });
  });
});
