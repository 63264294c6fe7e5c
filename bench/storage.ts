// `npm run bench:storage`: whether Liaison slows down as stored cases pile up.
/**
 * `npm run bench:storage`: does Liaison slow down as cases pile up?
 *
 *   npm run bench:storage                    5 s per measure, 100 and 100 000 stored cases, SQLite and PostgreSQL
 *   npm run bench:storage -- --quick         2 s per measure
 *   npm run bench:storage -- --sizes 100,10000 --duration 10 --storage sqlite
 *
 *   npm run bench:storage -- --no-build      reuse the build of the last run (dist/bench)
 *
 * For each storage and each size: a fresh database with that many cases (bulk-inserted, spread over 1 000
 * tenants, all states), Liaison (built JavaScript, as `npm start` runs it) started on it; then, the sizes
 * interleaved, the latency of one conversation at a time (N = 1) for a FAQ turn, a case-dialog turn and a card
 * action, every reply checked as in `npm run bench`. `npm run bench` runs this too (its summary has the ratios). Then, Liaison stopped,
 * the reminder jobs those cases call for are stored and the scheduler's sweep is timed (bot/services/reminders: claim
 * every due job in batches and complete it, with handlers that do nothing — the cost of the machinery, not of
 * rendering reminders), followed by an idle sweep (nothing due: what every poll costs). PostgreSQL runs when
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) answers, in a schema of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { PROJECT_ROOT } from '../bot/platform/paths';
import { Scheduler } from '../bot/services/reminders';
import type { Database } from '../bot/platform/storage';
import { addDays, parisToday } from '../domain';
import type { LiaisonCase } from '../bot/services/cases';
import {
  freshPostgres,
  freshSqlite,
  postgresAvailable,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from '../test/support/databases';
import { measure, type CellResult } from './harness';
import { buildServers, startLiaison, type ServiceProcess } from './processes';
import { machine, type StorageRatio } from './report';
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

export interface SizeResult {
  storage: 'sqlite' | 'postgres';
  cases: number;
  seedMs: number;
  turns: CellResult[];
  sweep: SweepResult;
}

export interface StorageBenchOptions {
  sizes: number[];
  seconds: number;
  /** Pin each Liaison to this CPU (taskset). */
  cpu?: number;
}

/**
 * One storage, every size: a fresh database each, seeded and settled, one Liaison on each, all started before
 * anything is measured; then each turn is measured on every size in turn (faq on 100, faq on 100 000, case on
 * 100…), so that a change in the machine's load hits the sizes alike. Then the Liaisons stop and the sweeps run.
 */
async function benchStorage(
  storage: 'sqlite' | 'postgres',
  { sizes, seconds, cpu }: StorageBenchOptions,
): Promise<SizeResult[]> {
  const stores: Array<{ cases: number; store: TestDatabase; invitations: LiaisonCase[]; seedMs: number }> =
    [];
  const liaisons: ServiceProcess[] = [];
  const now = new Date();
  try {
    for (const cases of sizes) {
      process.stdout.write(`  ${storage}, ${cases.toLocaleString('en')} cases: seeding… `);
      const store = storage === 'sqlite' ? await freshSqlite() : await freshPostgres();
      stores.push({ cases, store, invitations: [], seedMs: 0 });
      const entry = stores[stores.length - 1]!;
      entry.invitations = await seedInvitations(store.db, INVITATIONS, now);
      entry.seedMs = await seedBulkCases(store.db, Math.max(0, cases - INVITATIONS), now);
      await settle(store.db);
      process.stdout.write(`${(entry.seedMs / 1000).toFixed(1)} s\n`);
    }
    for (const { store } of stores) liaisons.push(await startLiaison(store.url, { cpu }));
    const turns = stores.map(() => [] as CellResult[]);
    const scenarios = [
      () => faqScenario(),
      () => caseFlowScenario(now),
      (invitations: LiaisonCase[]) => cardActionScenario(invitations),
    ];
    for (const make of scenarios) {
      for (const [i, { invitations }] of stores.entries()) {
        turns[i]!.push(
          await measure(liaisons[i]!.baseUrl, make(invitations), {
            connections: 1,
            seconds,
            warmupSeconds: 1,
            serverPid: liaisons[i]!.child.pid,
          }),
        );
      }
    }
    for (const liaison of liaisons.splice(0)) await liaison.stop();
    const results: SizeResult[] = [];
    for (const [i, { cases, store, seedMs }] of stores.entries()) {
      const sweep = await timeSweep(store.db, now);
      results.push({ storage, cases, seedMs: round(seedMs), turns: turns[i]!, sweep });
    }
    return results;
  } finally {
    for (const liaison of liaisons) await liaison.stop();
    for (const { store } of stores) await store.dispose();
  }
}

/** Every storage asked for that answers (PostgreSQL when TEST_DATABASE_URL answers), every size. */
export async function runStorageBench(
  storages: Array<'sqlite' | 'postgres'>,
  options: StorageBenchOptions,
): Promise<{ results: SizeResult[]; skipped: Array<{ storage: string; why: string }> }> {
  const results: SizeResult[] = [];
  const skipped: Array<{ storage: string; why: string }> = [];
  for (const storage of storages) {
    if (storage === 'postgres' && !(await postgresAvailable())) {
      skipped.push({ storage, why: `SKIPPED: ${TEST_POSTGRES_URL} does not answer` });
      continue;
    }
    results.push(...(await benchStorage(storage, options)));
  }
  return { results, skipped };
}

/** Each turn's p50 on the largest size over its p50 on the smallest, per storage. */
export function storageRatios(results: SizeResult[]): StorageRatio[] {
  const ratios: StorageRatio[] = [];
  for (const storage of ['sqlite', 'postgres'] as const) {
    const ofStorage = results.filter((result) => result.storage === storage);
    if (ofStorage.length < 2) continue;
    const small = ofStorage.reduce((a, b) => (b.cases < a.cases ? b : a));
    const large = ofStorage.reduce((a, b) => (b.cases > a.cases ? b : a));
    for (const turn of small.turns) {
      const other = large.turns.find((cell) => cell.scenario === turn.scenario);
      if (!other || !(turn.p50 > 0)) continue;
      ratios.push({
        storage,
        turn: turn.scenario,
        smallCases: small.cases,
        largeCases: large.cases,
        p50Small: turn.p50,
        p50Large: other.p50,
        ratio: Math.round((other.p50 / turn.p50) * 100) / 100,
      });
    }
  }
  return ratios;
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

export function formatResults(results: SizeResult[]): string {
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
      'no-build': { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration ?? (values.quick ? 2 : 5));
  const sizes = (values.sizes ?? '100,100000').split(',').map(Number);
  if (!(seconds > 0) || sizes.some((n) => !(n >= INVITATIONS))) throw new Error('bad --duration or --sizes');
  const wanted = values.storage ? values.storage.split(',') : ['sqlite', 'postgres'];
  const storages = (['sqlite', 'postgres'] as const).filter((storage) => wanted.includes(storage));
  if (!values['no-build']) console.log(`built in ${((await buildServers()) / 1000).toFixed(1)} s`);
  const { results, skipped } = await runStorageBench([...storages], { sizes, seconds });
  for (const { storage, why } of skipped)
    console.log(`${storage === 'postgres' ? 'PostgreSQL' : storage} ${why}`);
  console.log(`\n${formatResults(results)}\n`);
  for (const ratio of storageRatios(results))
    console.log(
      `  ${ratio.storage} ${ratio.turn}: p50 ${ratio.p50Large} ms vs ${ratio.p50Small} ms = ${ratio.ratio} ×`,
    );
  for (const result of results)
    for (const turn of result.turns)
      for (const sample of turn.samples) console.log(`  wrong reply: ${sample}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), seconds, results, ratios: storageRatios(results) }, null, 2)}\n`,
  );
  console.log(`written: ${path.relative(PROJECT_ROOT, out)}`);
  if (results.some((result) => result.turns.some((turn) => turn.errors > 0))) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
