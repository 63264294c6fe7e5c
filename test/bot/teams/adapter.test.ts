import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createAdapter } from '../../../bot/teams/adapter';
import { loadConfig } from '../../../bot/platform/config';

describe('onTurnError', () => {
  test.each([
    ['en-US', /something went wrong/],
    ['fr-FR', /quelque chose s'est mal passé/],
  ])('apologises in %s, logs the failure, and never shows a stack', async (locale, expected) => {
    const logLines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }),
    );
    const adapter = createAdapter(loadConfig({}), new ConversationState(new MemoryStorage()), logger);
    const channel = new TestAdapter();
    const activity = { ...channel.makeActivity('secret words of the user'), locale } as Activity;
    const context = new TurnContext(channel, activity);

    await adapter.onTurnError(context, new Error('database exploded'));

    const reply = channel.activeQueue[0];
    expect(reply?.text).toMatch(expected);
    expect(reply?.text).not.toMatch(/database exploded|at .*\.ts/);
    expect(logLines.join('')).toMatch(/turn failed/);
    expect(logLines.join('')).not.toContain('secret words');
  });
});
