import type { Activity } from 'botbuilder';
import { freshSqlite, type TestDatabase } from '../support/databases';
import { runBotExpectingFailure, startBot, type BotProcess } from '../support/botProcess';
import { adaptiveCardOf, cardTexts } from '../support/bot';
import { objectsOf } from '../support/teamsCards';
import { translatorFor } from '../../language/i18n';

/** Each test starts a real bot process (tsx compiles it first): seconds, more on a busy machine. */
jest.setTimeout(60_000);

/** An activity as Teams posts it, asking for the replies in the HTTP response. */
function teamsMessage(text: string, locale: string): Partial<Activity> {
  return {
    type: 'message',
    id: `m-${Math.random()}`,
    text,
    locale,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: '29:user', name: 'User', aadObjectId: '00000000-0000-0000-0000-000000000001' },
    recipient: { id: '28:bot', name: 'Liaison' },
    conversation: {
      id: 'a:conversation',
      conversationType: 'personal',
      tenantId: 'tenant-a',
    } as Activity['conversation'],
    channelData: { tenant: { id: 'tenant-a' } },
  };
}

async function post(bot: BotProcess, activity: Partial<Activity>, headers: Record<string, string> = {}) {
  return fetch(`${bot.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

describe('the bot over HTTP, in local mode', () => {
  let database: TestDatabase;
  let bot: BotProcess;
  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    bot = await startBot({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.dispose();
  });

  test('GET /healthz answers ok once storage answers', async () => {
    const response = await fetch(`${bot.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  // "something odd" is close to no FAQ entry: the bot offers the closest ones as buttons (cards/faqSuggestions),
  // written in the language of the question (English), the card's own labels in the person's Teams language.
  test.each([
    ['en-US', translatorFor('en', 'cards')('faqSuggestions.rephrase')],
    ['fr-FR', translatorFor('fr', 'cards')('faqSuggestions.rephrase')],
  ])(
    'an expectReplies message in %s is answered in the body: the FAQ suggestions card, its labels in that language',
    async (locale, rephrase) => {
      const response = await post(bot, teamsMessage('something odd', locale));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { activities: Activity[] };
      expect(body.activities).toHaveLength(1);
      const card = adaptiveCardOf(body.activities[0]!);
      const texts = cardTexts(card);
      // The question is in English: so is the intro, whatever the client's language.
      expect(texts).toContain(translatorFor('en', 'faq')('reply.suggestions'));
      expect(texts).toContain(rephrase);
      // Each suggestion is a button that asks its question (Action.Submit with data.question).
      const questions = objectsOf(card.body)
        .filter((object) => object.type === 'Action.Submit')
        .map((object) => (object.data as { question?: unknown }).question);
      expect(questions.length).toBeGreaterThan(0);
      for (const question of questions) expect(typeof question === 'string' && question !== '').toBe(true);
      expect(questions).toEqual(
        expect.arrayContaining([translatorFor('en', 'faq')('entries.what-is-it.title')]),
      );
    },
  );

  test('logs never carry what the user typed', async () => {
    await post(bot, teamsMessage('my secret sentence 12345', 'en-US'));
    expect(bot.output()).not.toContain('secret sentence');
    expect(bot.output()).toMatch(/local mode/);
  });

  test('a body that is not an activity is refused with 400', async () => {
    const response = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    });
    expect(response.status).toBe(400);
  });
});

describe('the bot over HTTP, with a Microsoft app id', () => {
  let database: TestDatabase;
  let bot: BotProcess;
  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    bot = await startBot({
      DATABASE_URL: database.url,
      MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.dispose();
  });

  test('an activity without a token is refused with 401', async () => {
    const response = await post(bot, teamsMessage('help', 'en-US'));
    expect(response.status).toBe(401);
  });

  test('an activity with a forged token is refused with 401', async () => {
    const response = await post(bot, teamsMessage('help', 'en-US'), { authorization: 'Bearer abc.def.ghi' });
    expect(response.status).toBe(401);
  });
});

describe('start-up and shutdown', () => {
  test('a bad setting stops start-up with a message naming the variable', async () => {
    const { code, output } = await runBotExpectingFailure({ PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
  });

  test('SIGTERM stops the bot cleanly', async () => {
    const database = await freshSqlite();
    await database.db.close();
    const bot = await startBot({ DATABASE_URL: database.url });
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output()).toMatch(/"msg":"stopped"/);
    await database.dispose();
  });
});
