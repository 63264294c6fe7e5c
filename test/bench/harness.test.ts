import type { AddressInfo } from 'node:net';
import { messageActivity } from '../../bench/activities';
import { createEchoServer, echoScenario } from '../../bench/echoBot';
import { jsonText, measure, type Conversation } from '../../bench/harness';
import { formatTable, formatTargets, targetRows, withRatios } from '../../bench/report';
import { storageRatios, type SizeResult } from '../../bench/storage';

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

  describe('the target table of issue #16 (figures made up, no timing)', () => {
    const cell = { seconds: 1, turns: 1, p50: 1, mean: 1, errors: 0, samples: [] };
    const rows = withRatios([
      {
        ...cell,
        scenario: 'echo',
        connections: 50,
        turnsPerSecond: 1000,
        p95: 40,
        p99: 60,
        cpuMsPerTurn: 0.6,
      },
      { ...cell, scenario: 'faq', connections: 50, turnsPerSecond: 850, p95: 50, p99: 70, cpuMsPerTurn: 0.7 },
      {
        ...cell,
        scenario: 'case',
        connections: 50,
        turnsPerSecond: 500,
        p95: 60,
        p99: 90,
        cpuMsPerTurn: 1.2,
      },
      {
        ...cell,
        scenario: 'card',
        connections: 50,
        turnsPerSecond: 820,
        p95: 45,
        p99: 120,
        cpuMsPerTurn: 0.7,
      },
      // Another N does not count: the targets are read at 50 conversations.
      { ...cell, scenario: 'echo', connections: 1, turnsPerSecond: 1000, p95: 1, p99: 1 },
      { ...cell, scenario: 'faq', connections: 1, turnsPerSecond: 10, p95: 100, p99: 100 },
    ]);
    const verdicts = (summary: Parameters<typeof targetRows>[0]) =>
      Object.fromEntries(targetRows(summary).map((row) => [row.figure, row.verdict]));

    test('passes what meets its target and fails what does not, figure by figure', () => {
      const got = verdicts({
        rows,
        coldStart: { liaison: { runsMs: [900, 1200, 950], medianMs: 950 } },
        rss: { echoIdleMb: 100, liaisonIdleMb: 140, liaisonLoadedMb: 240 },
      });
      expect(got).toEqual({
        'FAQ turns/s, N = 50': 'pass',
        "Liaison's own CPU per FAQ question (FAQ − echo CPU/turn), N = 50": 'pass',
        'case-dialog turns/s, N = 50': 'FAIL',
        'card action (invoke) turns/s, N = 50': 'pass',
        'card action p99, N = 50': 'FAIL',
        'FAQ p95, N = 50': 'pass',
        'case-dialog p95, N = 50': 'FAIL',
        'card action p95, N = 50': 'pass',
        'cold start to healthy /healthz (node server.js, built), median': 'pass',
        'RSS idle after start': 'FAIL',
        'RSS under load, N = 50 (largest seen)': 'pass',
        'turn latency with 100,000 cases vs 100, SQLite': 'not measured',
        'turn latency with 100,000 cases vs 100, PostgreSQL': 'not measured',
      });
    });

    test('reads the storage ratios as the worst turn of each storage, and says what was skipped', () => {
      const turn = (scenario: string, p50: number) => ({
        ...cell,
        scenario,
        connections: 1,
        turnsPerSecond: 1,
        p50,
        p95: p50,
        p99: p50,
      });
      const sweep = { jobsStored: 0, jobsSeedMs: 0, jobsRun: 0, sweepMs: 0, idleSweepMs: 0 };
      const results: SizeResult[] = [
        { storage: 'sqlite', cases: 100, seedMs: 0, sweep, turns: [turn('faq', 2), turn('card', 1)] },
        { storage: 'sqlite', cases: 100_000, seedMs: 0, sweep, turns: [turn('faq', 2.1), turn('card', 1.2)] },
      ];
      const ratios = storageRatios(results);
      expect(ratios.map((r) => [r.turn, r.ratio])).toEqual([
        ['faq', 1.05],
        ['card', 1.2],
      ]);
      const targets = targetRows({
        rows,
        storage: { ratios, skipped: [{ storage: 'postgres', why: 'SKIPPED: no server' }] },
      });
      const sqlite = targets.find((row) => row.figure.includes('SQLite'))!;
      expect(sqlite).toMatchObject({ verdict: 'FAIL', measured: '1.20 × (faq 1.05, card 1.20)' });
      expect(sqlite.figure).toBe('turn p50 with 100,000 cases vs 100, SQLite (worst turn), N = 1');
      const postgres = targets.find((row) => row.figure.includes('PostgreSQL'))!;
      expect(postgres).toMatchObject({ verdict: 'not measured', measured: 'SKIPPED: no server' });
      expect(formatTargets(targets)).toContain('| not measured |');
    });
  });
});
