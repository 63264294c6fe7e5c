import { Outbox } from '../../bot/services/cases';
import { PLAIN_MESSAGE_KIND } from '../../bot/platform/messaging';
import { openDatabase, type Database } from '../../bot/platform/storage';
import { startBot, type BotProcess } from '../support/botProcess';
import { freshSqlite, type TestDatabase } from '../support/databases';
import { LocalChannel, personalConversationId, type TeamsUser } from '../support/localChannel';
import { cardOf, stringsOf } from '../support/teamsCards';
import { translatorFor } from '../../language/i18n';

/** Starts a real bot process (tsx compiles it first): seconds, more on a busy machine. */
jest.setTimeout(60_000);

const employee: TeamsUser = { aadObjectId: 'employee-1', tenantId: 'tenant-a', locale: 'en-US' };

describe('the real bot with a local Teams channel', () => {
  let database: TestDatabase;
  let db: Database;
  let channel: LocalChannel;
  let bot: BotProcess;

  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    channel = await LocalChannel.start();
    bot = await startBot({ DATABASE_URL: database.url });
    // A second connection to the bot's SQLite file, as another instance would have.
    db = await openDatabase({ kind: 'sqlite', path: database.url.slice('sqlite:'.length) });
  });
  afterAll(async () => {
    await db?.close();
    await bot?.stop();
    await channel?.close();
    await database?.dispose();
  });

  test("a user's message is answered through the channel, and their conversation reference is stored", async () => {
    const response = await channel.postMessage(bot.baseUrl, employee, 'something odd');
    expect(response.status).toBeLessThan(300);
    // Close to no FAQ entry: the suggestions card (cards/faqSuggestions), as a reply in the user's chat.
    const intro = translatorFor('en', 'faq')('reply.suggestions');
    const reply = await channel.waitFor(
      (activity) => stringsOf(activity.attachments ?? []).includes(intro),
      15_000,
    );
    expect(reply).toMatchObject({ conversationId: personalConversationId('employee-1'), operation: 'reply' });
    expect(cardOf(reply).type).toBe('AdaptiveCard');

    const rows = await db.query<{ reference: string }>(
      `SELECT reference FROM conversation_references
       WHERE tenant_id = 'tenant-a' AND target_kind = 'user' AND target_id = 'employee-1'`,
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.reference ?? '{}')).toMatchObject({
      serviceUrl: channel.serviceUrl,
      conversation: { id: personalConversationId('employee-1') },
    });
  });

  test('a message put in the outbox is delivered proactively to that user, once', async () => {
    await channel.postMessage(bot.baseUrl, employee, 'hello');
    const id = await db.transaction((tx) =>
      new Outbox(db).enqueue(tx, {
        tenantId: 'tenant-a',
        kind: PLAIN_MESSAGE_KIND,
        payload: {
          target: { aadObjectId: 'employee-1' },
          activity: { type: 'message', text: 'Proactive hello' },
        },
      }),
    );
    const delivered = await channel.waitFor((activity) => activity.text === 'Proactive hello', 15_000);
    expect(delivered.conversationId).toBe(personalConversationId('employee-1'));
    // A new message in the chat, not a reply to some earlier activity.
    expect(delivered.operation).toBe('send');
    await until(async () => {
      const [row] = await db.query<{ status: string }>('SELECT status FROM outbox WHERE id = $1', [id]);
      return row?.status === 'sent';
    });
    expect(channel.received.filter((activity) => activity.text === 'Proactive hello')).toHaveLength(1);
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
