/**
 * `npm run bench:storage`: does Liaison slow down as cases pile up?
 *
 *   npm run bench:storage                    5 s per measure, 100 and 100 000 stored cases, SQLite and PostgreSQL
 *   npm run bench:storage -- --quick         2 s per measure
 *   npm run bench:storage -- --sizes 100,10000 --duration 10 --storage sqlite
 *
 * For each storage and each size: a fresh database with that many cases (bulk-inserted, spread over 1 000
 * tenants, all states), Liaison started on it, then the latency of one conversation at a time (N = 1) for a FAQ
 * turn, a case-dialog turn and a card action, every reply checked as in `npm run bench`. Then, Liaison stopped,
 * the reminder jobs those cases call for are stored and the scheduler's sweep is timed (bot/scheduler: claim
 * every due job in batches and complete it, with handlers that do nothing — the cost of the machinery, not of
 * rendering reminders), followed by an idle sweep (nothing due: what every poll costs). PostgreSQL runs when
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) answers, in a schema of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { PROJECT_ROOT } from '../bot/paths';
import { Scheduler } from '../bot/scheduler';
import type { Database } from '../bot/storage';
import { addDays, parisToday } from '../domain';
import { freshPostgres, freshSqlite, postgresAvailable, TEST_POSTGRES_URL } from '../test/support/databases';
import { measure, type CellResult } from './harness';
import { startLiaison } from './processes';
import { machine } from './report';
import { cardActionScenario, caseFlowScenario, faqScenario } from './scenarios';
import { seedBulkCases, seedInvitations, seedReminderJobs } from './seed';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const INVITATIONS = 10;

export interface SweepResult {
  jobsStored: number;
  jobsSeedMs: number;
  /** Claimed and completed in the sweep. */
  jobsRun: number;
  sweepMs: number;
  idleSweepMs: number;
}

/** Times the scheduler's sweep at the end of tomorrow (Paris), so that today's and tomorrow's jobs are due. */
async function timeSweep(db: Database, now: Date): Promise<SweepResult> {
  const seedStarted = performance.now();
  const jobsStored = await seedReminderJobs(db, now);
  const jobsSeedMs = performance.now() - seedStarted;
  const tomorrowEvening = new Date(`${addDays(parisToday(now), 1)}T21:00:00Z`);
  const scheduler = new Scheduler({ db, logger: pino({ level: 'silent' }), now: () => tomorrowEvening });
  const kinds = (
    await db.query<{ kind: string }>("SELECT DISTINCT kind FROM scheduled_jobs WHERE status = 'pending'")
  ).map((row) => row.kind);
  for (const kind of kinds) scheduler.handle(kind, async () => null);
  const started = performance.now();
  const jobsRun = await scheduler.runDue();
  const sweepMs = performance.now() - started;
  const idleStarted = performance.now();
  await scheduler.runDue();
  const idleSweepMs = performance.now() - idleStarted;
  return {
    jobsStored,
    jobsSeedMs: round(jobsSeedMs),
    jobsRun,
    sweepMs: round(sweepMs),
    idleSweepMs: round(idleSweepMs),
  };
}

interface SizeResult {
  storage: 'sqlite' | 'postgres';
  cases: number;
  seedMs: number;
  turns: CellResult[];
  sweep: SweepResult;
}

async function benchOne(storage: 'sqlite' | 'postgres', cases: number, seconds: number): Promise<SizeResult> {
  const store = storage === 'sqlite' ? await freshSqlite() : await freshPostgres();
  try {
    const now = new Date();
    const invitations = await seedInvitations(store.db, INVITATIONS, now);
    const seedMs = await seedBulkCases(store.db, Math.max(0, cases - INVITATIONS), now);
    await settle(store.db);
    const liaison = await startLiaison(store.url);
    const turns: CellResult[] = [];
    try {
      for (const scenario of [faqScenario(), caseFlowScenario(), cardActionScenario(invitations)]) {
        turns.push(
          await measure(liaison.baseUrl, scenario, {
            connections: 1,
            seconds,
            warmupSeconds: 1,
            serverPid: liaison.child.pid,
          }),
        );
      }
    } finally {
      await liaison.stop();
    }
    const sweep = await timeSweep(store.db, now);
    return { storage, cases, seedMs: round(seedMs), turns, sweep };
  } finally {
    await store.dispose();
  }
}

/**
 * After a bulk load, lets the database settle before measuring (statistics, checkpoint), so that the figures are
 * those of a database that holds this many cases, not of one still digesting their insertion.
 */
async function settle(db: Database): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.execute('VACUUM ANALYZE');
    await db.execute('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint
  } else {
    await db.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.execute('ANALYZE');
  }
}

function formatResults(results: SizeResult[]): string {
  const header = [
    'storage',
    'cases',
    'turn',
    'turns/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'CPU ms/turn',
  ];
  const lines: string[][] = [];
  for (const result of results) {
    for (const turn of result.turns) {
      lines.push([
        result.storage,
        result.cases.toLocaleString('en'),
        turn.scenario,
        turn.turnsPerSecond.toFixed(0),
        turn.p50.toFixed(1),
        turn.p95.toFixed(1),
        turn.p99.toFixed(1),
        String(turn.errors),
        turn.cpuMsPerTurn !== undefined ? turn.cpuMsPerTurn.toFixed(2) : '—',
      ]);
    }
  }
  const sweepHeader = ['storage', 'cases', 'jobs stored', 'jobs due', 'sweep ms', 'idle sweep ms', 'seed ms'];
  const sweepLines = results.map((r) => [
    r.storage,
    r.cases.toLocaleString('en'),
    r.sweep.jobsStored.toLocaleString('en'),
    String(r.sweep.jobsRun),
    r.sweep.sweepMs.toFixed(0),
    r.sweep.idleSweepMs.toFixed(1),
    r.seedMs.toFixed(0),
  ]);
  return `${table(header, lines)}\n\nreminder sweep (scheduler.runDue, no-op handlers)\n${table(sweepHeader, sweepLines)}`;
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`;
  return [
    format(header),
    `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}

const round = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      storage: { type: 'string' },
    },
  });
  const seconds = Number(values.duration ?? (values.quick ? 2 : 5));
  const sizes = (values.sizes ?? '100,100000').split(',').map(Number);
  if (!(seconds > 0) || sizes.some((n) => !(n >= INVITATIONS))) throw new Error('bad --duration or --sizes');
  const wanted = values.storage ? values.storage.split(',') : ['sqlite', 'postgres'];
  const storages: Array<'sqlite' | 'postgres'> = [];
  if (wanted.includes('sqlite')) storages.push('sqlite');
  if (wanted.includes('postgres')) {
    if (await postgresAvailable()) storages.push('postgres');
    else console.log(`PostgreSQL SKIPPED: ${TEST_POSTGRES_URL} does not answer`);
  }

  const results: SizeResult[] = [];
  for (const storage of storages) {
    for (const cases of sizes) {
      process.stdout.write(`${storage}, ${cases.toLocaleString('en')} cases… `);
      const result = await benchOne(storage, cases, seconds);
      results.push(result);
      process.stdout.write(`seeded in ${(result.seedMs / 1000).toFixed(1)} s, measured\n`);
    }
  }
  console.log(`\n${formatResults(results)}\n`);
  for (const result of results)
    for (const turn of result.turns)
      for (const sample of turn.samples) console.log(`  wrong reply: ${sample}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), seconds, results }, null, 2)}\n`,
  );
  console.log(`written: ${path.relative(PROJECT_ROOT, out)}`);
  if (results.some((result) => result.turns.some((turn) => turn.errors > 0))) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
