import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { handleCardAction } from '../../../../bot/teams/cardActions';
import {
  executeHandlerFor,
  registeredKinds,
  registeredVerbs,
  submitHandlerFor,
} from '../../../../bot/teams/cardActions/registry';
import { LiaisonBot } from '../../../../bot/teams/liaisonBot';
import { translatorFor } from '../../../../language/i18n';
import { cardTexts, testBotDeps } from '../../../support/bot';

const CARDS = path.join(__dirname, '../../../../cards');

/** Every Action.Execute verb and Action.Submit data of the card templates, with the file each is in. */
function cardActions() {
  const executes: Array<{ file: string; verb: unknown }> = [];
  const submits: Array<{ file: string; data: unknown }> = [];
  const walk = (file: string, node: unknown) => {
    if (Array.isArray(node)) return node.forEach((child) => walk(file, child));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') executes.push({ file, verb: element.verb });
    if (element.type === 'Action.Submit') submits.push({ file, data: element.data });
    Object.values(element).forEach((child) => walk(file, child));
  };
  for (const file of readdirSync(CARDS).filter((name) => name.endsWith('.json'))) {
    walk(file, JSON.parse(readFileSync(path.join(CARDS, file), 'utf8')));
  }
  return { executes, submits };
}

describe('every card action has exactly one handler', () => {
  const { executes, submits } = cardActions();

  test('the templates were read (a walk that finds nothing proves nothing)', () => {
    expect(executes.length).toBeGreaterThanOrEqual(10);
    expect(submits.length).toBeGreaterThanOrEqual(10);
  });

  test('each registered verb and kind is registered once', () => {
    expect(new Set(registeredVerbs()).size).toBe(registeredVerbs().length);
    expect(new Set(registeredKinds()).size).toBe(registeredKinds().length);
  });

  test.each(executes.map(({ file, verb }) => [file, verb]))(
    '%s: Action.Execute %j has its handler',
    (_file, verb) => {
      expect(typeof verb).toBe('string');
      expect(executeHandlerFor(verb as string)?.verb).toBe(verb);
    },
  );

  test.each(submits.filter(({ data }) => typeof data === 'object').map(({ file, data }) => [file, data]))(
    '%s: Action.Submit %j carries exactly one marker, whose handler takes it',
    (_file, data) => {
      const markers = Object.keys(data as object).filter((key) => registeredKinds().includes(key));
      expect(markers).toHaveLength(1);
      expect(submitHandlerFor(data as Record<string, unknown>)?.kind).toBe(markers[0]);
    },
  );

  test("the summary card's buttons, bound by the case form (dialogs/caseFormDialog), are the form's", () => {
    // caseSummary.json's data is "${data}": the only template whose data is given when the card is bound.
    expect(submits.filter(({ data }) => typeof data !== 'object')).toEqual([
      { file: 'caseSummary.json', data: '${data}' },
    ]);
    expect(submitHandlerFor({ caseForm: 'confirm', caseId: 'c-1' })?.kind).toBe('caseForm');
    expect(submitHandlerFor({ caseForm: 'edit' })?.kind).toBe('caseForm');
  });

  test('no handler without a card that sends it', () => {
    const verbs = new Set(executes.map(({ verb }) => verb));
    expect(registeredVerbs().filter((verb) => !verbs.has(verb))).toEqual([]);
    const markers = new Set(
      submits.flatMap(({ data }) => (typeof data === 'object' && data ? Object.keys(data) : [])),
    );
    expect(registeredKinds().filter((kind) => !markers.has(kind))).toEqual([]);
  });

  test('a forged name finds nothing, whatever it looks like', () => {
    for (const verb of ['invitation.delete', 'constructor', '__proto__', 'toString', '']) {
      expect(executeHandlerFor(verb)).toBeUndefined();
    }
    expect(submitHandlerFor({})).toBeUndefined();
    expect(submitHandlerFor({ constructor: true, hasOwnProperty: 'x' })).toBeUndefined();
    // A marker with a value no card sends, or two markers: no kind (the list's order never decides).
    expect(submitHandlerFor({ liaisonPrivacy: 'erase.everything' })).toBeUndefined();
    expect(submitHandlerFor({ settingsForm: 'true' })).toBeUndefined();
    expect(submitHandlerFor({ settingsForm: true, liaisonPrivacy: 'erase.confirm' })).toBeUndefined();
  });
});

describe('an unknown verb or kind gets a clear answer in the person language', () => {
  test.each(['fr-FR', 'en-US'])('an unknown verb in %s: the refusal card, nothing read', async (locale) => {
    const get = jest.fn();
    const activity = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      locale,
      channelData: { tenant: { id: 'tenant-a' } },
      from: { id: '29:someone', aadObjectId: 'someone' },
      value: { action: { type: 'Action.Execute', verb: 'case.delete', data: { caseId: 'case-1' } } },
    } as Partial<Activity>;
    const response = await handleCardAction(
      new TurnContext(new TestAdapter(async () => undefined), activity),
      { cases: { get }, caseService: { change: jest.fn() } },
    );
    expect(response.statusCode).toBe(200);
    expect(cardTexts(response.value)).toContain(
      translatorFor(locale)('case.refusalNotAllowed', { ns: 'cards' }),
    );
    expect(get).not.toHaveBeenCalled();
  });

  test.each([
    ['fr-FR', { forged: true }],
    ['en-US', { forged: true }],
    ['en-US', { liaisonPrivacy: 'erase.everything', token: 'x' }],
    ['fr-FR', { settingsForm: true, liaisonPrivacy: 'erase.confirm' }],
  ])('a submission of no kind in %s (%j) is answered, and reaches no feature', async (locale, value) => {
    const deps = await testBotDeps();
    const features = {
      companySettings: { handle: jest.fn(async () => true) },
      privacy: { handle: jest.fn(async () => true) },
      caseDialogs: { continueOrStart: jest.fn(async () => false), startFromRequest: jest.fn() },
    };
    const bot = new LiaisonBot({ ...deps, ...features });
    await new TestAdapter((context) => bot.run(context))
      .send({ type: 'message', locale, value })
      .assertReply((reply) => expect(reply.text).toBe(translatorFor(locale)('emptyMessage')))
      .startTest();
    expect(features.companySettings.handle).not.toHaveBeenCalled();
    expect(features.privacy.handle).not.toHaveBeenCalled();
    expect(features.caseDialogs.startFromRequest).not.toHaveBeenCalled();
  });
});

describe('each kind reaches its one handler', () => {
  async function route(value: Record<string, unknown>, dialogUnderWay = false) {
    const features = {
      companySettings: { handle: jest.fn(async () => true) },
      privacy: { handle: jest.fn(async () => true) },
      caseDialogs: {
        continueOrStart: jest.fn(async () => dialogUnderWay),
        startFromRequest: jest.fn(async () => undefined),
      },
    };
    const bot = new LiaisonBot({ ...(await testBotDeps()), ...features });
    await new TestAdapter((context) => bot.run(context))
      .send({ type: 'message', locale: 'en-US', value })
      .startTest();
    return features;
  }

  test('settingsForm: the company settings, as a form (no command)', async () => {
    const { companySettings, privacy } = await route({ settingsForm: true, companyName: 'Acme' });
    // The turn's context is revoked once the turn ends: only the other arguments are compared.
    expect((companySettings.handle.mock.calls as unknown[][]).map(([, command]) => command)).toEqual([
      undefined,
    ]);
    expect(privacy.handle).not.toHaveBeenCalled();
  });

  test('liaisonPrivacy: the privacy commands', async () => {
    const { companySettings, privacy } = await route({ liaisonPrivacy: 'erase.cancel', token: 't' });
    expect(privacy.handle).toHaveBeenCalledTimes(1);
    expect(companySettings.handle).not.toHaveBeenCalled();
  });

  test('startCaseFromRequest: the case flow, from the request the card names', async () => {
    const { caseDialogs } = await route({ startCaseFromRequest: 'request-1' });
    expect((caseDialogs.startFromRequest.mock.calls as unknown[][]).map(([, id]) => id)).toEqual([
      'request-1',
    ]);
    expect(caseDialogs.continueOrStart).not.toHaveBeenCalled();
  });

  test.each([{ personForm: true, person: 'x' }, { caseForm: 'submit' }])(
    '%j: the dialog under way, and nothing else',
    async (value) => {
      const { caseDialogs, companySettings, privacy } = await route(value, true);
      expect(caseDialogs.continueOrStart).toHaveBeenCalledTimes(1);
      expect(caseDialogs.startFromRequest).not.toHaveBeenCalled();
      expect(companySettings.handle).not.toHaveBeenCalled();
      expect(privacy.handle).not.toHaveBeenCalled();
    },
  );

  test('question: the text path, with the question as the text', async () => {
    const { caseDialogs, privacy } = await route({ question: 'export data camille@example.com' });
    // The text path starts with HR's privacy commands, as for a typed message.
    expect((privacy.handle.mock.calls as unknown[][]).map(([, text]) => text)).toEqual([
      'export data camille@example.com',
    ]);
    expect(caseDialogs.continueOrStart).not.toHaveBeenCalled();
  });
});
