// `npm run bench`: Liaison against a bare echo bot, side by side, and the targets of issue #16.
/**
 * `npm run bench`: Liaison against a bare echo bot, side by side, on this machine, and the targets of issue #16.
 *
 *   npm run bench                      10 s per cell, N = 1, 10, 50 connections (one conversation each), cold
 *                                      starts, memory, then bench:storage (100 vs 100 000 cases, 3 s a measure)
 *   npm run bench -- --quick           3 s per cell (storage: 2 s a measure)
 *   npm run bench -- --duration 20     20 s per cell
 *   npm run bench -- --connections 10  only N = 10 (comma-separated list)
 *   npm run bench -- --only faq,case   only these scenarios (echo always runs: it is the floor)
 *   npm run bench -- --storage none    no storage bench (or: sqlite, postgres, sqlite,postgres)
 *   npm run bench -- --storage-sizes 100,10000
 *   npm run bench -- --no-build        reuse the build of the last run (dist/bench)
 *   npm run bench -- --unpinned        do not pin the bots to one core and the load generator to the other
 *   npm run bench -- --profile faq     Liaison under --cpu-prof with the FAQ load at N = 10; prints where the
 *                                      CPU time goes (profile kept under bench/results/profiles/)
 *
 * Both bots are built first (bundled by scripts/build-server.mjs, as `npm run build` builds dist/) and run as built
 * JavaScript with plain node, as `npm start` runs Liaison; each in a child process on a free port, pinned to the
 * second CPU (taskset) while this process, the load generator, is pinned to the first, when the machine has two.
 * Liaison runs on a fresh SQLite file in a temporary folder, with the cases of the card scenario seeded before it
 * starts. Results: the table of every cell, the target table (each figure of the issue, its target, pass or FAIL)
 * and bench/results/<timestamp>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../bot/platform/paths';
import { openDatabase } from '../bot/platform/storage';
import { measure, type CellResult, type Scenario } from './harness';
import {
  formatTable,
  formatTargets,
  machine,
  targetConnections,
  targetRows,
  withRatios,
  type BenchSummary,
} from './report';
import { printProfileSummary, summarizeProfile } from './profile';
import {
  buildServers,
  canPin,
  echoColdStart,
  liaisonColdStart,
  pinSelf,
  rssMb,
  startEchoBot,
  startLiaison,
  type ServiceProcess,
} from './processes';
import { echoScenario } from './echoBot';
import { cardActionScenario, caseFlowScenario, faqScenario } from './scenarios';
import { seedInvitations } from './seed';
import { formatResults, runStorageBench, storageRatios } from './storage';

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');

/** The CPU the bots run on when pinned; the load generator takes CPU 0. */
const SERVICE_CPU = 1;
const COLD_STARTS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      quick: { type: 'boolean', default: false },
      connections: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
      storage: { type: 'string' },
      'storage-sizes': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      unpinned: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration ?? (values.quick ? 3 : 10));
  const warmupSeconds = values.quick ? 1 : 2;
  const connectionCounts = (values.connections ?? '1,10,50').split(',').map(Number);
  if (!(seconds > 0) || connectionCounts.some((n) => !(n > 0)))
    throw new Error('bad --duration or --connections');
  const storages = (values.storage ?? 'sqlite,postgres')
    .split(',')
    .filter((name): name is 'sqlite' | 'postgres' => name === 'sqlite' || name === 'postgres');
  const storageSizes = (values['storage-sizes'] ?? '100,100000').split(',').map(Number);

  if (!values['no-build']) {
    process.stdout.write('building Liaison and the echo bot (esbuild)… ');
    process.stdout.write(`${((await buildServers()) / 1000).toFixed(1)} s\n`);
  }
  const pinned = !values.unpinned && canPin(os.cpus().length);
  const cpu = pinned ? SERVICE_CPU : undefined;
  if (pinned) pinSelf(0);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const file = path.join(dir, 'liaison.db');
  const seedDb = await openDatabase({ kind: 'sqlite', path: file });
  const invitations = await seedInvitations(seedDb, Math.max(...connectionCounts, 10));
  await seedDb.close();

  const all: Record<string, () => Scenario> = {
    faq: () => faqScenario(),
    case: () => caseFlowScenario(),
    card: () => cardActionScenario(invitations),
  };
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  const services: ServiceProcess[] = [];
  try {
    if (values.profile) {
      const make = all[values.profile];
      if (!make) throw new Error(`--profile: one of ${Object.keys(all).join(', ')}`);
      fs.mkdirSync(profileDir, { recursive: true });
      const before = new Set(fs.readdirSync(profileDir));
      const liaison = await startLiaison(`sqlite:${file}`, {
        nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
        cpu,
      });
      services.push(liaison);
      const cell = await measure(liaison.baseUrl, make(), {
        connections: 10,
        seconds,
        warmupSeconds,
        serverPid: liaison.child.pid,
      });
      console.log(formatTable([cell]));
      await liaison.stop();
      const written = fs
        .readdirSync(profileDir)
        .filter((name) => !before.has(name) && name.endsWith('.cpuprofile'));
      if (!written[0]) throw new Error('no CPU profile was written');
      console.log(`profile: ${path.join(profileDir, written[0])}`);
      printProfileSummary(summarizeProfile(path.join(profileDir, written[0]), { top: 30, window: seconds }));
      return;
    }

    const chosen = values.only ? values.only.split(',') : Object.keys(all);
    const scenarios = chosen.map((name) => {
      const make = all[name];
      if (!make) throw new Error(`--only: unknown scenario ${name}`);
      return make();
    });
    console.log(
      `bench: ${seconds} s per cell after ${warmupSeconds} s of warm-up, N = ${connectionCounts.join(', ')}; ` +
        (pinned ? `bots pinned to CPU ${SERVICE_CPU}, load generator to CPU 0` : 'not pinned') +
        `; load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    for (const scenario of [echoScenario(), ...scenarios])
      console.log(`  ${scenario.name}: ${scenario.description}`);

    process.stdout.write(`cold starts (${COLD_STARTS} each)… `);
    const coldStart = {
      liaison: await liaisonColdStart(`sqlite:${file}`, { starts: COLD_STARTS, cpu }),
      echo: await echoColdStart({ starts: COLD_STARTS, cpu }),
    };
    process.stdout.write(`Liaison ${coldStart.liaison.medianMs} ms, echo ${coldStart.echo.medianMs} ms\n`);

    const echo = await startEchoBot({ cpu });
    const liaison = await startLiaison(`sqlite:${file}`, { cpu });
    services.push(echo, liaison);
    await sleep(2000); // idle: whatever runs after start (timers, the scheduler's first poll) has run
    const rss: NonNullable<BenchSummary['rss']> = {
      echoIdleMb: rssMb(echo.child.pid),
      liaisonIdleMb: rssMb(liaison.child.pid),
    };
    console.log(`RSS idle: Liaison ${rss.liaisonIdleMb} MB, echo ${rss.echoIdleMb} MB`);

    const cells: CellResult[] = [];
    // Interleaved by N so that a change in the machine's load hits the echo bot and Liaison alike.
    for (const connections of connectionCounts) {
      cells.push(
        await measure(echo.baseUrl, echoScenario(), {
          connections,
          seconds,
          warmupSeconds,
          serverPid: echo.child.pid,
        }),
      );
      for (const scenario of scenarios) {
        cells.push(
          await measure(liaison.baseUrl, scenario, {
            connections,
            seconds,
            warmupSeconds,
            serverPid: liaison.child.pid,
          }),
        );
      }
      process.stdout.write(`  N = ${connections} done\n`);
    }
    for (const service of services.splice(0)) await service.stop();
    const rows = withRatios(cells);
    const n = targetConnections(rows);
    const loaded = rows
      .filter((row) => row.scenario !== 'echo' && row.connections === n && row.peakRssMb !== undefined)
      .map((row) => row.peakRssMb!);
    if (loaded.length) rss.liaisonLoadedMb = Math.max(...loaded);
    const echoLoaded = rows.find((row) => row.scenario === 'echo' && row.connections === n)?.peakRssMb;
    if (echoLoaded !== undefined) rss.echoLoadedMb = echoLoaded;

    let storage: BenchSummary['storage'];
    let storageTable = '';
    if (storages.length) {
      console.log(`storage: ${storageSizes.join(' vs ')} cases, ${values.quick ? 2 : 3} s a measure, N = 1`);
      const { results, skipped } = await runStorageBench(storages, {
        sizes: storageSizes,
        seconds: values.quick ? 2 : 3,
        cpu,
      });
      storage = { ratios: storageRatios(results), skipped };
      storageTable = formatResults(results);
      for (const result of results) for (const turn of result.turns) if (turn.errors > 0) cells.push(turn); // counted as wrong below
    }

    const summary: BenchSummary = { rows, coldStart, rss, storage };
    const targets = targetRows(summary);
    console.log(`\n${formatTable(rows)}\n`);
    if (storageTable) console.log(`${storageTable}\n`);
    console.log(`targets of issue #16 (N = ${n})\n${formatTargets(targets)}\n`);
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const cell of cells) for (const sample of cell.samples) console.log(`  wrong reply: ${sample}`);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      out,
      `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), pinned, seconds, warmupSeconds, ...summary, targets }, null, 2)}\n`,
    );
    console.log(`written: ${path.relative(PROJECT_ROOT, out)}`);
    if (cells.some((cell) => cell.errors > 0)) process.exitCode = 1;
  } finally {
    for (const service of services) await service.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
