import type { AddressInfo } from 'node:net';
import { messageActivity } from '../../bench/activities';
import { createEchoServer, echoScenario } from '../../bench/echoBot';
import { jsonText, measure, type Conversation } from '../../bench/harness';
import { formatTable, withRatios } from '../../bench/report';

// Proves that the bench harness works and that its checks can fail; timings are NOT asserted (npm run bench).
describe('the bench harness, on the echo bot for a fraction of a second', () => {
  const server = createEchoServer();
  let baseUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('counts correct replies as turns, each connection in its own conversation, and no error', async () => {
    const echo = echoScenario();
    const turn = echo.turns[0]!;
    const seen = new Set<string>();
    const scenario = {
      ...echo,
      turns: [{ ...turn, activity: (c: Conversation) => (seen.add(c.id), turn.activity(c)) }],
    };
    const cell = await measure(baseUrl, scenario, { connections: 3, seconds: 0.5 });
    expect(cell.scenario).toBe('echo');
    expect(cell.turns).toBeGreaterThan(3);
    expect(cell.errors).toBe(0);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(cell.p50).toBeGreaterThan(0);
    expect(cell.p99).toBeGreaterThanOrEqual(cell.p50);
  });

  test('counts a wrong reply as an error, not as a turn', async () => {
    const wrong = {
      name: 'wrong',
      description: 'expects what the echo bot never says',
      turns: [
        {
          activity: (c: { id: string }) =>
            messageActivity(c.id, { id: 'u', aadObjectId: 'aad-u', name: 'U' }, 'bonjour'),
          expect: () => [jsonText('au revoir')],
        },
      ],
    };
    const cell = await measure(baseUrl, wrong, { connections: 1, seconds: 0.3 });
    expect(cell.turns).toBe(0);
    expect(cell.errors).toBeGreaterThan(0);
    expect(cell.samples[0]).toContain('bonjour');
  });

  test('puts each Liaison figure beside the echo bot at the same N', () => {
    const cell = { seconds: 1, turns: 1, p50: 1, p99: 1, mean: 1, errors: 0, samples: [] };
    const rows = withRatios([
      { ...cell, scenario: 'echo', connections: 10, turnsPerSecond: 1000, p95: 10 },
      { ...cell, scenario: 'faq', connections: 10, turnsPerSecond: 900, p95: 12 },
    ]);
    expect(rows[1]?.ratioToEcho).toEqual({ throughput: 0.9, p95: 1.2 });
    expect(formatTable(rows)).toContain('| faq      | 10 |');
  });
});
