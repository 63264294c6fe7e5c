import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import * as AdaptiveCards from 'adaptivecards';
import { translatorFor } from '../../language/i18n';
import { CaseDialogRunner, type CaseDialogDeps } from '../../dialogs';
import { cardTexts } from '../support/bot';

/** Monday 23 November 2026, 11:00 in Paris. */
const NOW = new Date('2026-11-23T10:00:00Z');
const PICKED_ID = '6f0c2b1e-8d3a-4c5b-9e7f-1a2b3c4d5e6f';
const MANAGER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const fr = translatorFor('fr', 'caseDialog');
const en = translatorFor('en', 'caseDialog');
const HR = { id: 'hr-1', aadObjectId: 'aad-hr-1', name: 'Claire RH' };
const APPLIED = { outcome: 'applied', case: {}, warnings: [] };

type Card = { type: string; version: string; body: Node[]; actions: Node[]; speak?: string };
type Node = Record<string, unknown>;

/** A clean form, as Teams submits it: every input a string. */
const CLEAN: Record<string, string> = {
  employee: PICKED_ID,
  employeeName: 'Camille Durand',
  employeeEmail: 'camille.durand@example.fr',
  manager: MANAGER_ID,
  managerName: 'Louis Bernard',
  contractKind: 'cdi',
  absenceKind1: 'maladie',
  absenceStart1: '2026-10-01',
  absenceEnd1: '2026-12-31',
  initiator: 'employer',
  requestDate: '2026-11-20',
  meetingDate: '2026-12-03',
  meetingTime: '14:30',
  meetingMode: 'on_site',
  meetingPlace: 'Salle 2, siège',
  spstAttendance: 'attend',
};

function formChat(
  options: {
    locale?: string;
    openCase?: jest.Mock;
    mayOpenFor?: CaseDialogDeps['mayOpenFor'];
    remindOn?: jest.Mock;
  } = {},
) {
  const openCase = options.openCase ?? jest.fn().mockResolvedValue(APPLIED);
  const runner = new CaseDialogRunner({
    conversationState: new ConversationState(new MemoryStorage()),
    now: () => NOW,
    openCase,
    submitRequest: jest.fn(),
    companySettings: {
      get: async () => ({ headcount: 300, referentDesignated: true }),
      upsert: async () => ({}),
    },
    ...(options.mayOpenFor ? { mayOpenFor: options.mayOpenFor } : {}),
    ...(options.remindOn ? { remindOn: options.remindOn } : {}),
  });
  const adapter = new TestAdapter(async (context) => {
    await runner.continueOrStart(context);
  });
  let interactions = 0;
  const send = async (activity: Partial<Activity>) => {
    interactions += 1;
    await adapter.receiveActivity({
      type: 'message',
      locale: options.locale ?? 'fr-FR',
      from: HR,
      channelData: { tenant: { id: 'tenant-1' } },
      ...activity,
    });
    return adapter.activeQueue.splice(0);
  };
  return {
    openCase,
    get interactions() {
      return interactions;
    },
    say: (text: string) => send({ text }),
    submit: (value: Record<string, unknown>) => send({ value }),
  };
}

const textsOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '').join('\n');
function cardOf(replies: Partial<Activity>[]): Card {
  const attachment = replies.map((reply) => reply.attachments?.[0]).find(Boolean);
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content as Card;
}
/** Every element of the card, depth first, in reading order (what a screen reader walks). */
function elementsOf(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (!node || typeof node !== 'object') return [];
  const element = node as Node;
  return [element, ...elementsOf(element.items), ...elementsOf(element.body)];
}
const inputOf = (card: Card, id: string) => elementsOf(card.body).find((element) => element.id === id);
/** The text shown right under an input (where the card puts its error). */
function textAfter(card: Card, id: string): string {
  const all = elementsOf(card.body);
  const index = all.findIndex((element) => element.id === id);
  const next = all[index + 1];
  return next?.type === 'TextBlock' ? String(next.text) : '';
}
const actionData = (card: Card) => card.actions.map((action) => action.data as Record<string, unknown>);

describe("the manager's one-card form", () => {
  test('the command sends the form: AC 1.5, every input labelled, required ones with an error message', async () => {
    const chat = formChat();
    const replies = await chat.say('nouveau rendez-vous de liaison');
    expect(textsOf(replies)).toContain(fr('form.intro'));
    const card = cardOf(replies);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.speak).toEqual(expect.any(String));
    const inputs = elementsOf(card.body).filter((element) => String(element.type).startsWith('Input.'));
    expect(inputs.map((input) => input.id)).toEqual(
      expect.arrayContaining([
        'employee',
        'employeeName',
        'employeeEmail',
        'manager',
        'managerName',
        'contractKind',
        'contractEnd',
        'absenceKind1',
        'absenceStart1',
        'absenceEnd1',
        'absenceKind4',
        'initiator',
        'requestDate',
        'meetingDate',
        'meetingTime',
        'meetingMode',
        'meetingPlace',
        'meetingLink',
        'spstAttendance',
      ]),
    );
    for (const input of inputs) {
      expect(input.label).toEqual(expect.any(String));
      if (input.isRequired) expect(input.errorMessage).toEqual(expect.any(String));
    }
    expect(inputOf(card, 'employee')).toMatchObject({
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(inputOf(card, 'manager')).toMatchObject({
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(inputOf(card, 'meetingTime')).toMatchObject({ type: 'Input.Time', isRequired: true });
    // Rows 2 to 4 are one "add a period" away.
    expect(elementsOf(card.body).find((element) => element.id === 'absenceRow2')).toMatchObject({
      isVisible: false,
    });
    expect(JSON.stringify(card)).toContain('"targetElements":["absenceRow2"]');
    expect(actionData(card)).toEqual([
      { caseForm: 'submit' },
      { caseForm: 'guided' },
      { caseForm: 'cancel' },
    ]);
    const parsed = new AdaptiveCards.AdaptiveCard();
    const context = new AdaptiveCards.SerializationContext();
    parsed.parse(card, context);
    expect(context.eventCount).toBe(0);
  });

  test('a case in three interactions: command → form → confirm, through CaseService.open', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const summary = await chat.submit({ caseForm: 'submit', ...CLEAN });
    const card = cardOf(summary);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Louis Bernard', '03/12/2026 à 14:30']));
    const [send] = actionData(card);
    expect(send).toMatchObject({ caseForm: 'confirm', caseId: expect.any(String) });
    expect(chat.openCase).not.toHaveBeenCalled();
    expect(textsOf(await chat.submit(send!))).toContain(fr('summary.sent'));
    expect(chat.interactions).toBe(3);
    expect(chat.openCase).toHaveBeenCalledTimes(1);
    expect(chat.openCase.mock.calls[0]).toEqual([
      {
        caseId: send!.caseId,
        tenantId: 'tenant-1',
        companyId: 'tenant-1',
        initiator: 'employer',
        requestDate: '2026-11-20',
        employee: { name: 'Camille Durand', email: 'camille.durand@example.fr', aadObjectId: PICKED_ID },
        manager: { name: 'Louis Bernard', aadObjectId: MANAGER_ID },
        contract: { kind: 'cdi' },
        absences: [{ kind: 'maladie', start: '2026-10-01', end: '2026-12-31' }],
        meeting: { date: '2026-12-03', time: '14:30', mode: 'on_site', place: 'Salle 2, siège' },
        spstAttendance: 'attend',
        referentOffered: true,
      },
      { aadObjectId: 'aad-hr-1', name: 'Claire RH', via: 'teams' },
    ]);
  });

  test('a refused day comes back under the field with the nearest valid day, values kept: four interactions', async () => {
    const chat = formChat({ locale: 'en-US' });
    await chat.say('new liaison meeting');
    const corrected = await chat.submit({ caseForm: 'submit', ...CLEAN, meetingDate: '2026-11-30' });
    expect(textsOf(corrected)).toContain(en('form.fixErrors'));
    const card = cardOf(corrected);
    const error = textAfter(card, 'meetingDate');
    expect(error).toContain(en('meeting.refused', { day: '30 November 2026' }));
    expect(error).toContain(en('planProblems.spst_notice_too_short'));
    expect(error).toContain(en('meeting.nearest', { day: '1 December 2026' }));
    expect(inputOf(card, 'meetingDate')?.value).toBe('2026-11-30');
    expect(inputOf(card, 'meetingPlace')?.value).toBe('Salle 2, siège');
    expect(inputOf(card, 'absenceStart1')?.value).toBe('2026-10-01');
    const [send] = actionData(
      cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN, meetingDate: '2026-12-01' })),
    );
    expect(textsOf(await chat.submit(send!))).toContain(en('summary.sent'));
    expect(chat.interactions).toBe(4);
  });

  test('"step by step" switches to the guided dialog', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const guided = await chat.submit({ caseForm: 'guided' });
    expect(textsOf(guided)).toContain(fr('eligibility.askContract'));
    const typed = formChat();
    await typed.say('nouveau rendez-vous de liaison');
    expect(textsOf(await typed.say('pas à pas'))).toContain(fr('started'));
  });

  test('#12.1 not eligible: no way through; the reason under the absences and a reminder for the first eligible day', async () => {
    const remindOn = jest.fn().mockResolvedValue(undefined);
    const chat = formChat({ remindOn });
    await chat.say('nouveau rendez-vous de liaison');
    const card = cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN, absenceStart1: '2026-11-10' }));
    const errors = cardTexts(card).join('\n');
    expect(errors).toContain(fr('eligibility.notYetFrom', { days: 14, day: '10/12/2026' }));
    expect(errors).toContain(fr('eligibility.comeBack', { day: '10/12/2026' }));
    const remind = actionData(card).find((data) => data.caseForm === 'remind');
    expect(remind).toEqual({ caseForm: 'remind', day: '2026-12-10' });
    expect(actionData(card).some((data) => data.caseForm === 'confirm')).toBe(false);
    expect(textsOf(await chat.submit(remind!))).toContain(
      fr('eligibility.reminderSet', { day: '10/12/2026' }),
    );
    expect(remindOn).toHaveBeenCalledWith(
      expect.objectContaining({ day: '2026-12-10', aadObjectId: 'aad-hr-1' }),
    );
    expect(chat.openCase).not.toHaveBeenCalled();
  });

  test('#12.11 no valid date: the R-DL-04 redirection under the meeting day', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const card = cardOf(
      await chat.submit({
        caseForm: 'submit',
        ...CLEAN,
        absenceEnd1: '2026-11-27',
        meetingDate: '2026-11-26',
      }),
    );
    expect(textAfter(card, 'meetingDate')).toContain(
      fr('meeting.noValidDate', { earliest: '01/12/2026', latest: '27/11/2026' }),
    );
    expect(textAfter(card, 'meetingDate')).toMatch(/préreprise/);
  });

  test('#12.12 an excluded contract is told under the contract with the right pointer', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const card = cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN, contractKind: 'stagiaire' }));
    expect(textAfter(card, 'contractKind')).toBe(fr('excludedContracts.stagiaire'));
  });

  test('#12.12 an intérim contract: the temp agency is the employer, said before the confirmation', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const replies = await chat.submit({
      caseForm: 'submit',
      ...CLEAN,
      contractKind: 'interim',
      contractEnd: '2027-01-31',
    });
    expect(textsOf(replies)).toContain(fr('interim.formNotice'));
  });

  test('#12.13 someone who is not HR is told under the employee that HR opens it; nothing is opened', async () => {
    const chat = formChat({ mayOpenFor: async () => null });
    await chat.say('nouveau rendez-vous de liaison');
    const card = cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN }));
    expect(cardTexts(card).join('\n')).toContain(fr('access.hrOpens', { name: 'Camille Durand' }));
    expect(actionData(card).some((data) => data.caseForm === 'confirm')).toBe(false);
    expect(chat.openCase).not.toHaveBeenCalled();
  });

  test('#12.6 the engine refuses a second case: the form comes back with the pointer under the employee', async () => {
    const openCase = jest.fn().mockResolvedValue({
      outcome: 'refused',
      reason: 'open_case_exists',
      details: [],
      case: null,
      openCaseId: 'case-42',
    });
    const chat = formChat({ openCase });
    await chat.say('nouveau rendez-vous de liaison');
    const [send] = actionData(cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN })));
    const card = cardOf(await chat.submit(send!));
    expect(cardTexts(card).join('\n')).toContain(fr('refusals.open_case_exists', { caseId: 'case-42' }));
    expect(inputOf(card, 'employeeName')?.value).toBe('Camille Durand');
  });

  test('#12.14 every free-text field of the form is screened: place, names; the link must be https', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const card = cardOf(
      await chat.submit({
        caseForm: 'submit',
        ...CLEAN,
        meetingPlace: "salle calme, il fait des crises d'angoisse",
        managerName: 'Louis, en burn-out',
      }),
    );
    expect(textAfter(card, 'meetingLink')).toBe(fr('errors.health'));
    expect(textAfter(card, 'managerName')).toBe(fr('errors.health'));
    // Refused, and neither kept nor shown back: the card comes back with those fields empty.
    expect(JSON.stringify(card)).not.toMatch(/angoisse|burn-out/);
    expect(inputOf(card, 'meetingPlace')?.value ?? '').toBe('');
    const remote = cardOf(
      await chat.submit({
        caseForm: 'submit',
        ...CLEAN,
        meetingMode: 'remote',
        meetingLink: 'javascript:alert(1)',
      }),
    );
    expect(textAfter(remote, 'meetingLink')).toBe(fr('errors.link'));
    expect(chat.openCase).not.toHaveBeenCalled();
  });

  test('#12.10 a late proposal is said plainly before the confirmation', async () => {
    const chat = formChat();
    await chat.say('nouveau rendez-vous de liaison');
    const replies = await chat.submit({ caseForm: 'submit', ...CLEAN, requestDate: '2026-11-01' });
    expect(textsOf(replies)).toContain(fr('meeting.proposalLate', { count: 7, days: 7, due: '16/11/2026' }));
    expect(textsOf(replies)).not.toContain(fr('planWarnings.proposal_due_not_business_day'));
  });

  test('a failed opening keeps the same case id: sending again cannot open two cases; an old summary is refused', async () => {
    const openCase = jest
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValueOnce(APPLIED);
    const chat = formChat({ openCase });
    await chat.say('nouveau rendez-vous de liaison');
    const [send] = actionData(cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN })));
    expect(textsOf(await chat.submit(send!))).toContain(fr('summary.failed'));
    expect(textsOf(await chat.submit({ caseForm: 'confirm', caseId: 'an-old-card' }))).toContain(
      fr('form.staleConfirm'),
    );
    expect(textsOf(await chat.submit(send!))).toContain(fr('summary.sent'));
    expect(openCase.mock.calls.map((call) => call[0].caseId)).toEqual([send!.caseId, send!.caseId]);
  });
});

test('a button of a form no longer under way does nothing twice: it says so and sends a fresh form', async () => {
  const chat = formChat();
  await chat.say('nouveau rendez-vous de liaison');
  const [send] = actionData(cardOf(await chat.submit({ caseForm: 'submit', ...CLEAN })));
  await chat.submit(send!);
  const replies = await chat.submit(send!);
  expect(textsOf(replies)).toContain(fr('form.expired'));
  expect(cardOf(replies)).toMatchObject({ version: '1.5' });
  expect(chat.openCase).toHaveBeenCalledTimes(1);
});
