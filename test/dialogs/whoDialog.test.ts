import {
  ConversationState,
  MemoryStorage,
  TeamsInfo,
  TestAdapter,
  type Activity,
  type TeamsChannelAccount,
} from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { translatorFor } from '../../language/i18n';
import { CaseDialogRunner } from '../../dialogs';
import { WhoDialog } from '../../dialogs/whoDialog';

const NOW = new Date('2026-11-23T10:00:00Z');
const PICKED_ID = '6f0c2b1e-8d3a-4c5b-9e7f-1a2b3c4d5e6f';
const LANGUAGES = [
  { locale: 'fr-FR', t: translatorFor('fr', 'caseDialog'), cards: translatorFor('fr', 'cards') },
  { locale: 'en-US', t: translatorFor('en', 'caseDialog'), cards: translatorFor('en', 'cards') },
];

type Card = Record<string, unknown> & { body: Record<string, unknown>[]; actions: Record<string, unknown>[] };

/** The who step on its own: what it sends, and what it ends with. */
function whoStep(locale: string) {
  const client = new DialogTestClient('msteams', new WhoDialog(), { draft: {} });
  return {
    client,
    /** Every reply to one message (text or card submission). */
    async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
      const replies: Partial<Activity>[] = [];
      let reply = (await client.sendActivity({ type: 'message', locale, ...activity })) as
        Partial<Activity> | undefined;
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      return replies;
    },
    get status() {
      return client.dialogTurnResult.status;
    },
    get outcome() {
      return client.dialogTurnResult.result as unknown;
    },
  };
}

function submit(value: Record<string, unknown>): Partial<Activity> {
  return { value: { personForm: true, ...value } };
}

function cardOf(replies: Partial<Activity>[]): Card {
  const attachment = replies.map((reply) => reply.attachments?.[0]).find(Boolean);
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Card;
}

function inputOf(card: Card, id: string): Record<string, unknown> {
  const input = card.body.find((element) => element.id === id);
  expect(input).toBeDefined();
  return input!;
}

const texts = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '').join('\n');

afterEach(() => jest.restoreAllMocks());

describe.each(LANGUAGES)('the who step in $locale', ({ locale, t, cards }) => {
  const cardText = (key: string) => cards(`personPicker.${key}`);

  test('sends the people picker card: Data.Query on graph users, labelled and required inputs', async () => {
    const step = whoStep(locale);
    const card = cardOf(await step.send({ text: 'start' }));
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: t('who.askName'), style: 'heading' });
    expect(card.speak).toContain(t('who.askName'));
    expect(inputOf(card, 'person')).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: false,
      label: cardText('employee.person'),
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    const name = inputOf(card, 'name');
    expect(name).toMatchObject({ type: 'Input.Text', isRequired: true, label: cardText('employee.name') });
    expect(name.errorMessage).toBe(cardText('employee.nameRequired'));
    const email = inputOf(card, 'email');
    expect(email).toMatchObject({ type: 'Input.Text', isRequired: true, label: cardText('employee.email') });
    expect(email.errorMessage).toBe(cardText('emailInvalid'));
    const pattern = new RegExp(email.regex as string);
    expect(pattern.test('camille.durand@example.fr')).toBe(true);
    expect(pattern.test('camille')).toBe(false);
    for (const input of card.body.filter((element) => String(element.type).startsWith('Input.'))) {
      expect(input.label).toEqual(expect.any(String));
      expect(input.placeholder).toEqual(expect.any(String));
    }
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: cardText('continue'), data: { personForm: true } },
    ]);
  });

  test('a submission with a picked person, name and email ends the step with the Entra object id', async () => {
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    const getMember = jest.spyOn(TeamsInfo, 'getMember');
    const replies = await step.send(
      submit({ person: PICKED_ID, name: ' Camille Durand ', email: 'camille.durand@example.fr' }),
    );
    expect(replies).toEqual([]);
    expect(step.status).toBe(DialogTurnStatus.complete);
    expect(step.outcome).toEqual({
      answers: {
        employee: { name: 'Camille Durand', email: 'camille.durand@example.fr', aadObjectId: PICKED_ID },
        openerRole: 'hr',
      },
    });
    expect(getMember).not.toHaveBeenCalled();
  });

  test('a submission with a bad email is refused with the reason and the card again; nothing moves on', async () => {
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    const replies = await step.send(submit({ person: PICKED_ID, name: 'Camille Durand', email: 'camille@' }));
    expect(texts(replies)).toContain(t('errors.email'));
    expect(step.status).toBe(DialogTurnStatus.waiting);
    const again = cardOf(replies);
    expect(again.body[0]).toMatchObject({ text: t('who.askName') });
    // What was given stays in the card, the picked person included.
    expect(inputOf(again, 'name').value).toBe('Camille Durand');
    expect(inputOf(again, 'email').value).toBe('camille@');
    expect(inputOf(again, 'person')).toMatchObject({
      value: PICKED_ID,
      choices: [{ title: 'Camille Durand', value: PICKED_ID }],
    });
    await step.send(
      submit({ person: PICKED_ID, name: 'Camille Durand', email: 'camille.durand@example.fr' }),
    );
    expect(step.status).toBe(DialogTurnStatus.complete);
  });

  test('typing the name, then the email, still works (no picker)', async () => {
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    expect(texts(await step.send({ text: 'Sam Taylor' }))).toBe(t('who.askEmail', { name: 'Sam Taylor' }));
    expect(texts(await step.send({ text: 'sam' }))).toContain(t('errors.email'));
    expect(step.status).toBe(DialogTurnStatus.waiting);
    await step.send({ text: 'sam.taylor@example.com' });
    expect(step.outcome).toEqual({
      answers: { employee: { name: 'Sam Taylor', email: 'sam.taylor@example.com' }, openerRole: 'hr' },
    });
  });

  test('a picked person without a name: Teams fills the name and email when it can', async () => {
    const member = { id: '29:x', name: 'Camille Durand', email: 'camille.durand@example.fr' };
    const getMember = jest.spyOn(TeamsInfo, 'getMember').mockResolvedValue(member as TeamsChannelAccount);
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    expect(await step.send(submit({ person: PICKED_ID, name: '', email: '' }))).toEqual([]);
    // (the turn's context is revoked once the turn is over: only the id is compared)
    expect(getMember.mock.calls.map((call) => call[1])).toEqual([PICKED_ID]);
    expect(step.outcome).toEqual({
      answers: {
        employee: { name: 'Camille Durand', email: 'camille.durand@example.fr', aadObjectId: PICKED_ID },
        openerRole: 'hr',
      },
    });
  });

  test('a picked person without a name, Teams silent (1:1 chat): the name is asked, the email kept', async () => {
    jest.spyOn(TeamsInfo, 'getMember').mockRejectedValue(new Error('Member not found'));
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    const replies = await step.send(submit({ person: PICKED_ID, email: 'camille.durand@example.fr' }));
    expect(texts(replies)).toBe(t('who.askPickedName'));
    await step.send({ text: 'Camille Durand' });
    expect(step.outcome).toEqual({
      answers: {
        employee: { name: 'Camille Durand', email: 'camille.durand@example.fr', aadObjectId: PICKED_ID },
        openerRole: 'hr',
      },
    });
  });

  test('a submission with no one picked and no name, or an oversized name, is refused', async () => {
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    const empty = await step.send(submit({ person: '', name: '  ', email: 'camille.durand@example.fr' }));
    expect(texts(empty)).toContain(translatorFor(locale, 'cards')('personPicker.employee.nameRequired'));
    expect(inputOf(cardOf(empty), 'email').value).toBe('camille.durand@example.fr');
    const long = await step.send(submit({ name: 'x'.repeat(301), email: 'camille.durand@example.fr' }));
    expect(texts(long)).toContain(t('errors.textLength', { max: 300 }));
    expect(inputOf(cardOf(long), 'name').value).toBe('');
    expect(step.status).toBe(DialogTurnStatus.waiting);
  });

  test('a person id that is not an Entra object id is not kept', async () => {
    const step = whoStep(locale);
    await step.send({ text: 'start' });
    await step.send(
      submit({ person: 'not-an-id', name: 'Camille Durand', email: 'camille.durand@example.fr' }),
    );
    expect(step.outcome).toEqual({
      answers: { employee: { name: 'Camille Durand', email: 'camille.durand@example.fr' }, openerRole: 'hr' },
    });
  });
});

test('the picked employee reaches openCase with their Entra object id (guided dialog)', async () => {
  const openCase = jest.fn().mockResolvedValue({ outcome: 'applied', case: {}, warnings: [] });
  const conversationState = new ConversationState(new MemoryStorage());
  const submitRequest = jest.fn().mockRejectedValue(new Error('no employee request here'));
  const companySettings = {
    get: async () => ({ headcount: 300, referentDesignated: true }),
    upsert: async () => ({}),
  };
  const runner = new CaseDialogRunner({
    conversationState,
    now: () => NOW,
    openCase,
    submitRequest,
    companySettings,
  });
  const adapter = new TestAdapter(async (context) => {
    await runner.continueOrStart(context);
  });
  const say = (activity: Partial<Activity>) =>
    adapter.receiveActivity({
      type: 'message',
      locale: 'en-US',
      from: { id: 'manager-1', aadObjectId: 'aad-manager-1', name: 'Alex Martin' },
      channelData: { tenant: { id: 'tenant-1' } },
      ...activity,
    });
  await say({ text: 'new liaison meeting' });
  await say({ text: 'step by step' });
  await say({ text: 'CDI' });
  await say(submit({ person: PICKED_ID, name: 'Sam Taylor', email: 'sam.taylor@example.com' }));
  for (const text of [
    "I don't know",
    'Sick leave',
    '2026-09-15',
    '2027-01-15',
    'no',
    'yes',
    'The employer',
    '2026-11-20',
    '2026-12-10',
    '10:00',
    'Remotely',
    'https://teams.example/meet/1',
    'Is only informed',
    'yes',
  ]) {
    await say({ text });
  }
  expect(openCase).toHaveBeenCalledTimes(1);
  expect(openCase.mock.calls[0]?.[0].employee).toEqual({
    name: 'Sam Taylor',
    email: 'sam.taylor@example.com',
    aadObjectId: PICKED_ID,
  });
  expect(openCase.mock.calls[0]?.[0]).not.toHaveProperty('manager');
});
