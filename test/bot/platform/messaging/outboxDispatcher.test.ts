import { Outbox, type ClaimedMessage } from '../../../../bot/services/cases';
import {
  OutboxDispatcher,
  PLAIN_MESSAGE_KIND,
  renderPlainMessage,
  type UndeliverableResult,
} from '../../../../bot/platform/messaging';
import { silentLogger } from '../../../support/bot';
import { personalConversationId } from '../../../support/localChannel';
import { messagingHarness, TENANT, type MessagingHarness } from './harness';

describe('OutboxDispatcher', () => {
  let harness: MessagingHarness;
  let outbox: Outbox;
  let dispatcher: OutboxDispatcher;
  let undeliverable: Array<{ message: ClaimedMessage; result: UndeliverableResult }>;

  beforeEach(async () => {
    harness = await messagingHarness();
    outbox = new Outbox(harness.db);
    undeliverable = [];
    dispatcher = new OutboxDispatcher({
      outbox,
      sender: harness.sender,
      renderers: new Map([[PLAIN_MESSAGE_KIND, renderPlainMessage]]),
      logger: silentLogger,
      onUndeliverable: (message, result) => void undeliverable.push({ message, result }),
      pollIntervalMs: 20,
    });
  });
  afterEach(async () => {
    await dispatcher.stop();
    await harness.dispose();
  });

  const enqueue = (aadObjectId: string, text: string, kind = PLAIN_MESSAGE_KIND) =>
    harness.db.transaction((tx) =>
      outbox.enqueue(tx, {
        tenantId: TENANT,
        kind,
        payload: { target: { aadObjectId }, activity: { type: 'message', text } },
      }),
    );
  const statuses = () =>
    harness.db.query<{ id: string; status: string; last_error: string | null }>(
      'SELECT id, status, last_error FROM outbox ORDER BY created_at, id',
    );

  test('each message is delivered once and marked sent', async () => {
    await harness.knownUser('user-1');
    const first = await enqueue('user-1', 'first');
    const second = await enqueue('user-1', 'second');
    expect(await dispatcher.dispatchDue()).toBe(2);
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(harness.channel.received.map((activity) => activity.text).sort()).toEqual(['first', 'second']);
    expect(await statuses()).toEqual(
      expect.arrayContaining([
        { id: first, status: 'sent', last_error: null },
        { id: second, status: 'sent', last_error: null },
      ]),
    );
    expect(undeliverable).toEqual([]);
  });

  test('a message to someone without the app is failed for good and reported', async () => {
    await harness.knownUser('no-app');
    harness.channel.fail(personalConversationId('no-app'), { status: 403 });
    const id = await enqueue('no-app', 'invitation');
    await dispatcher.dispatchDue();
    expect(await statuses()).toEqual([{ id, status: 'failed', last_error: 'forbidden' }]);
    expect(undeliverable).toEqual([
      { message: expect.objectContaining({ id }), result: { status: 'forbidden' } },
    ]);
  });

  test('a message to someone who never wrote to the bot, or of an unknown kind, is reported', async () => {
    await enqueue('stranger', 'invitation');
    await harness.knownUser('user-1');
    await enqueue('user-1', 'odd', 'unknown.kind');
    await dispatcher.dispatchDue();
    expect((await statuses()).map((row) => row.status)).toEqual(['failed', 'failed']);
    const results = undeliverable.map(({ result }) => result);
    expect(results).toHaveLength(2);
    expect(results).toEqual(
      expect.arrayContaining([
        { status: 'no_reference' },
        { status: 'failed', error: 'cannot render: no renderer for kind unknown.kind' },
      ]),
    );
  });

  test('a failed send is retried later, with backoff, and reported once the attempts are used up', async () => {
    let now = new Date('2026-11-03T08:00:00.000Z');
    const failing = new OutboxDispatcher({
      outbox: new Outbox(harness.db, () => now),
      sender: { send: async () => ({ status: 'failed', error: 'HTTP 502' }) },
      renderers: new Map([[PLAIN_MESSAGE_KIND, renderPlainMessage]]),
      logger: silentLogger,
      onUndeliverable: (message, result) => void undeliverable.push({ message, result }),
      maxAttempts: 2,
      now: () => now,
    });
    const id = await harness.db.transaction((tx) =>
      new Outbox(harness.db, () => now).enqueue(tx, {
        tenantId: TENANT,
        kind: PLAIN_MESSAGE_KIND,
        payload: { target: { aadObjectId: 'user-1' }, activity: { text: 'later' } },
      }),
    );
    expect(await failing.dispatchDue()).toBe(1);
    expect(await statuses()).toEqual([{ id, status: 'pending', last_error: 'HTTP 502' }]);
    expect(await failing.dispatchDue()).toBe(0);

    now = new Date(now.getTime() + 60 * 60_000);
    expect(await failing.dispatchDue()).toBe(1);
    expect(await statuses()).toEqual([{ id, status: 'failed', last_error: 'HTTP 502' }]);
    expect(undeliverable).toEqual([
      {
        message: expect.objectContaining({ id, attempts: 2 }),
        result: { status: 'failed', error: 'HTTP 502' },
      },
    ]);
  });

  test('an async renderer may reject (given up) or deliver the message itself (result recorded)', async () => {
    const delivering = new OutboxDispatcher({
      outbox,
      sender: harness.sender,
      renderers: new Map([
        [
          'by.email',
          () => Promise.resolve({ deliveredElsewhere: { status: 'sent', activityId: undefined } }),
        ],
        ['broken', () => Promise.reject(new Error('case gone'))],
      ]),
      logger: silentLogger,
      onUndeliverable: (message, result) => void undeliverable.push({ message, result }),
    });
    const emailed = await enqueue('user-1', 'mail', 'by.email');
    const broken = await enqueue('user-1', 'never', 'broken');
    expect(await delivering.dispatchDue()).toBe(2);
    expect(await statuses()).toEqual(
      expect.arrayContaining([
        { id: emailed, status: 'sent', last_error: null },
        { id: broken, status: 'failed', last_error: 'cannot render: case gone' },
      ]),
    );
    expect(harness.channel.received).toEqual([]);
    expect(undeliverable.map(({ result }) => result)).toEqual([
      { status: 'failed', error: 'cannot render: case gone' },
    ]);
  });

  test('started, it polls the outbox until stopped', async () => {
    await harness.knownUser('user-1');
    dispatcher.start();
    await enqueue('user-1', 'polled');
    await harness.channel.waitFor((activity) => activity.text === 'polled');
    await dispatcher.stop();
    expect((await statuses()).map((row) => row.status)).toEqual(['sent']);
  });
});
