/**
 * `npm run bench`: Liaison against a bare echo bot, side by side, on this machine.
 *
 *   npm run bench                      10 s per cell, N = 1, 10, 50 connections (one conversation each)
 *   npm run bench -- --quick           3 s per cell
 *   npm run bench -- --duration 20     20 s per cell
 *   npm run bench -- --connections 10  only N = 10 (comma-separated list)
 *   npm run bench -- --only faq,case   only these scenarios (echo always runs: it is the floor)
 *   npm run bench -- --profile faq     Liaison under --cpu-prof with the FAQ load at N = 10; prints where the
 *                                      CPU time goes (profile kept under bench/results/profiles/)
 *
 * Both bots run as child processes on free ports (tsx, like `npm run dev`); Liaison on a fresh SQLite file in
 * a temporary folder, with the cases of the card scenario seeded before it starts. Results: a table on the
 * terminal and bench/results/<timestamp>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../bot/paths';
import { openDatabase } from '../bot/storage';
import { measure, type CellResult, type Scenario } from './harness';
import { formatTable, machine, withRatios } from './report';
import { printProfileSummary, summarizeProfile } from './profile';
import { startEchoBot, startLiaison, type ServiceProcess } from './processes';
import { echoScenario } from './echoBot';
import { cardActionScenario, caseFlowScenario, faqScenario } from './scenarios';
import { seedInvitations } from './seed';

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      quick: { type: 'boolean', default: false },
      connections: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const seconds = Number(values.duration ?? (values.quick ? 3 : 10));
  const warmupSeconds = values.quick ? 1 : 2;
  const connectionCounts = (values.connections ?? '1,10,50').split(',').map(Number);
  if (!(seconds > 0) || connectionCounts.some((n) => !(n > 0)))
    throw new Error('bad --duration or --connections');

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
      });
      services.push(liaison);
      const cell = await measure(liaison.baseUrl, make(), { connections: 10, seconds, warmupSeconds });
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

    const echo = await startEchoBot();
    const liaison = await startLiaison(`sqlite:${file}`);
    services.push(echo, liaison);
    const chosen = values.only ? values.only.split(',') : Object.keys(all);
    const scenarios = chosen.map((name) => {
      const make = all[name];
      if (!make) throw new Error(`--only: unknown scenario ${name}`);
      return make();
    });
    console.log(
      `bench: ${seconds} s per cell after ${warmupSeconds} s of warm-up, N = ${connectionCounts.join(', ')}`,
    );
    for (const scenario of [echoScenario(), ...scenarios])
      console.log(`  ${scenario.name}: ${scenario.description}`);

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
    const rows = withRatios(cells);
    console.log(`\n${formatTable(rows)}\n`);
    for (const row of rows) for (const sample of row.samples) console.log(`  wrong reply: ${sample}`);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      out,
      `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), seconds, warmupSeconds, rows }, null, 2)}\n`,
    );
    console.log(`written: ${path.relative(PROJECT_ROOT, out)}`);
    if (rows.some((row) => row.errors > 0)) process.exitCode = 1;
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
