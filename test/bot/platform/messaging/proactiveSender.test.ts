import { MAX_ACTIVITY_BYTES } from '../../../../bot/platform/messaging';
import { personalConversationId } from '../../../support/localChannel';
import { messagingHarness, TENANT, type MessagingHarness } from './harness';

describe('ProactiveSender against the local channel', () => {
  let harness: MessagingHarness;
  beforeEach(async () => {
    harness = await messagingHarness();
  });
  afterEach(() => harness.dispose());

  test("a message reaches the person's 1:1 conversation and its id comes back", async () => {
    await harness.knownUser('user-1');
    const result = await harness.sender.send(
      TENANT,
      { aadObjectId: 'user-1' },
      { type: 'message', text: 'Hi' },
    );
    const received = await harness.channel.waitFor((activity) => activity.text === 'Hi');
    expect(received.conversationId).toBe(personalConversationId('user-1'));
    expect(result).toEqual({ status: 'sent', activityId: received.activityId });
  });

  test('someone who never wrote to the bot has no reference', async () => {
    expect(await harness.sender.send(TENANT, { aadObjectId: 'stranger' }, { text: 'Hi' })).toEqual({
      status: 'no_reference',
    });
    expect(harness.channel.requests).toEqual([]);
  });

  test('403 (the app is not installed) is reported as forbidden', async () => {
    await harness.knownUser('user-1');
    harness.channel.fail(personalConversationId('user-1'), { status: 403 });
    expect(await harness.sender.send(TENANT, { aadObjectId: 'user-1' }, { text: 'Hi' })).toEqual({
      status: 'forbidden',
    });
  });

  test('404 (the conversation is gone) is reported as not_found', async () => {
    await harness.knownUser('user-1');
    harness.channel.fail(personalConversationId('user-1'), { status: 404 });
    expect(await harness.sender.send(TENANT, { aadObjectId: 'user-1' }, { text: 'Hi' })).toEqual({
      status: 'not_found',
    });
  });

  test('a throttled send (429 twice) is sent once Retry-After has passed', async () => {
    await harness.knownUser('user-1');
    harness.channel.fail(personalConversationId('user-1'), { status: 429, times: 2 });
    const result = await harness.sender.send(TENANT, { aadObjectId: 'user-1' }, { text: 'Hi' });
    expect(result).toMatchObject({ status: 'sent' });
    expect(harness.channel.requests.map((request) => request.status)).toEqual([429, 429, 201]);
    expect(harness.channel.received).toHaveLength(1);
  });

  test('a message of 100 KB or more is not sent', async () => {
    await harness.knownUser('user-1');
    const result = await harness.sender.send(
      TENANT,
      { aadObjectId: 'user-1' },
      { text: 'x'.repeat(MAX_ACTIVITY_BYTES) },
    );
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/too large/) });
    expect(harness.channel.requests).toEqual([]);
  });
});

describe('ProactiveSender pacing', () => {
  test('a burst to one conversation is spaced out; another conversation does not wait', async () => {
    const waits: number[] = [];
    const harness = await messagingHarness({
      minIntervalPerConversationMs: 200,
      sleep: async (ms) => void waits.push(ms),
    });
    try {
      await harness.knownUser('user-1');
      await harness.knownUser('user-2');
      const burst = [1, 2, 3].map((n) =>
        harness.sender.send(TENANT, { aadObjectId: 'user-1' }, { text: `${n}` }),
      );
      const other = harness.sender.send(TENANT, { aadObjectId: 'user-2' }, { text: 'other' });
      await Promise.all([...burst, other]);
      expect(waits).toHaveLength(2);
      expect(waits.every((ms) => ms > 0 && ms <= 400)).toBe(true);
      expect(harness.channel.received).toHaveLength(4);
    } finally {
      await harness.dispose();
    }
  });
});
