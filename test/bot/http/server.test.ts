import { CloudAdapter } from 'botbuilder';
import { loadConfig } from '../../../bot/platform/config';
import { LiaisonBot } from '../../../bot/teams/liaisonBot';
import { createServer, isLoopback, type LiaisonServer } from '../../../bot/http/server';
import type { Database } from '../../../bot/platform/storage';
import { silentLogger, testBotDeps } from '../../support/bot';

test.each([
  ['127.0.0.1', true],
  ['127.8.9.10', true],
  ['::1', true],
  ['::ffff:127.0.0.1', true],
  ['10.0.0.4', false],
  ['::ffff:192.168.1.2', false],
  ['2001:db8::1', false],
  [undefined, false],
])('isLoopback(%s) is %s', (address, expected) => {
  expect(isLoopback(address)).toBe(expected);
});

describe('GET /healthz', () => {
  let http: LiaisonServer;
  let storageAnswers = true;
  beforeAll(async () => {
    const db = {
      ping: async () => {
        if (!storageAnswers) throw new Error('down');
      },
    } as unknown as Database;
    http = createServer({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1' }),
      adapter: new CloudAdapter(),
      bot: new LiaisonBot(await testBotDeps()),
      db,
      logger: silentLogger,
    });
    await http.listen();
  });
  afterAll(() => http.drain());

  const health = () => fetch(`http://127.0.0.1:${http.server.address().port}/healthz`);

  test('503 while storage does not answer, 200 once it does', async () => {
    storageAnswers = false;
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
    storageAnswers = true;
    expect((await health()).status).toBe(200);
  });
});
