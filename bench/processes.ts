// The services the bench measures, built and started as child processes like production.
/**
 * The services the bench measures, as child processes running built JavaScript like production (`npm start` runs
 * `node dist/server.js`): Liaison and the echo bot are bundled together by `buildServers` (scripts/build-server.mjs,
 * what `npm run build` runs, into dist/bench/), then started with plain `node`, optionally pinned to one core,
 * both with Node's compile cache in the same folder. Also: their resident memory (from /proc) and the cold start
 * to a healthy `/healthz`.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { COMPILE_CACHE_DIR } from '../bot/platform/compileCache';
import { PROJECT_ROOT } from '../bot/platform/paths';
import { rssMb } from './harness';

export { rssMb };

/** Where `buildServers` writes the compiled services (git-ignored with the rest of dist/). */
export const BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'bench');
/** Liaison's entry in the build: the file `npm start` runs in dist/ (it requires the bundle, liaison.js). */
export const LIAISON_ENTRY = 'server.js';
/** The echo bot's entry in the build: bench/echoServer.ts bundled with the same options. */
export const ECHO_ENTRY = 'echoServer.js';

/** The Node flags of a start script of the shape `node [--flag[=value]…] dist/server.js`. */
export function startFlags(script: string): string[] {
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/server\.js$/.exec(script);
  if (!match) throw new Error(`the start script is not "node [flags] dist/server.js": ${script}`);
  return match[1]!.split(' ').filter(Boolean);
}

/**
 * The flags `npm start` gives Liaison (package.json's start script, their one home: the old-space cap, see
 * docs/performance.md), so that the bench runs Liaison as production does. The echo bot runs with Node's defaults.
 */
export const LIAISON_NODE_ARGS = startFlags(
  (
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    }
  ).scripts.start,
);

/**
 * Bundles Liaison and the echo bot with scripts/build-server.mjs — exactly what `npm run build` runs for dist/,
 * plus bench/echoServer.ts bundled alike — into `dir` (BUILD_DIR unless told). Returns how long it took, in
 * milliseconds. Like esbuild, it does not type-check: `npm run build` and `npm run typecheck` do.
 */
export async function buildServers(dir: string = BUILD_DIR): Promise<number> {
  const started = performance.now();
  // A clean build: no file of an older build left beside the new one.
  fs.rmSync(dir, { recursive: true, force: true });
  const script = path.join('scripts', 'build-server.mjs');
  const echo = path.join('bench', 'echoServer.ts');
  await promisify(execFile)(process.execPath, [script, '--outdir', dir, echo], { cwd: PROJECT_ROOT });
  for (const entry of [LIAISON_ENTRY, ECHO_ENTRY])
    if (!fs.existsSync(path.join(dir, entry))) throw new Error(`the build wrote no ${entry}`);
  return performance.now() - started;
}

/** A service (the echo bot or Liaison) running in a child process of the bench. */
export interface ServiceProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServiceOptions {
  /** The entry file, relative to the build folder or absolute (built JavaScript, run with plain node). */
  entry: string;
  env: Record<string, string>;
  /** Node flags before the entry, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** A line of output that says the service listens; its first group is the port. */
  ready: RegExp;
  /** Run the service on this CPU only (taskset), as the figures were measured. */
  cpu?: number;
  timeoutMs?: number;
}

/** The pattern of Liaison's "listening" log line (bot/index.ts). */
export const LIAISON_READY = /"port":(\d+)[^\n]*Liaison listening/;
/** The pattern of bench/echoServer.ts's "listening" line. */
export const ECHO_READY = /echo bot listening on port (\d+)/;

/** The command line of a built service: node (under taskset when pinned), its flags, its entry. */
function commandOf(entry: string, nodeArgs: string[], cpu: number | undefined): [string, string[]] {
  const node = [...nodeArgs, path.resolve(BUILD_DIR, entry)];
  return cpu === undefined
    ? [process.execPath, node]
    : ['taskset', ['--cpu-list', String(cpu), process.execPath, ...node]];
}

/**
 * Starts a built service in a child process on a free port (PORT=0) and waits until it says it listens. Its
 * output is read (so that its logs never block it) but only the last few kilobytes are kept, for errors.
 */
export function startService({
  entry,
  env,
  nodeArgs = [],
  ready,
  cpu,
  timeoutMs = 30_000,
}: ServiceOptions): Promise<ServiceProcess> {
  const [command, args] = commandOf(entry, nodeArgs, cpu);
  // taskset execs node in its own process: the child's pid is the service's.
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let port: number | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${tail}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      if (port !== undefined) return;
      tail = (tail + chunk.toString()).slice(-8192);
      const match = ready.exec(tail);
      if (!match) return;
      clearTimeout(timer);
      port = Number(match[1]);
      resolve({
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        child,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      if (port === undefined)
        reject(new Error(`${entry} exited with code ${code} before listening:\n${tail}`));
    });
  });
}

export interface StartOptions {
  nodeArgs?: string[];
  cpu?: number;
}

/** The environment Liaison runs with in the bench. */
const liaisonEnv = (databaseUrl: string, logLevel = 'info') => ({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: logLevel,
});

/** Liaison itself, as `npm start` runs it (node on the built server.js), on the given DATABASE_URL. */
export function startLiaison(
  databaseUrl: string,
  options: StartOptions & { logLevel?: string } = {},
): Promise<ServiceProcess> {
  return startService({
    entry: LIAISON_ENTRY,
    env: liaisonEnv(databaseUrl, options.logLevel),
    nodeArgs: [...LIAISON_NODE_ARGS, ...(options.nodeArgs ?? [])],
    cpu: options.cpu,
    ready: LIAISON_READY,
  });
}

/**
 * The echo bot's environment: Liaison's entry turns the compile cache on itself (bot/index.ts); the echo bot gets
 * it, in the same folder, from Node (NODE_COMPILE_CACHE), so that both start from a cache alike.
 */
const echoEnv = { NODE_COMPILE_CACHE: COMPILE_CACHE_DIR };

/** The bare echo bot, the floor every figure is compared with, built and run the same way. */
export function startEchoBot(options: StartOptions = {}): Promise<ServiceProcess> {
  return startService({
    entry: ECHO_ENTRY,
    env: echoEnv,
    nodeArgs: options.nodeArgs,
    cpu: options.cpu,
    ready: ECHO_READY,
  });
}

/** Whether `taskset` can pin a process here (Linux with util-linux) and there are at least two CPUs. */
export function canPin(cpus: number): boolean {
  if (cpus < 2) return false;
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins the bench process itself (the load generator) to `cpu`, away from the service's core. */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['--cpu-list', '--pid', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One GET of /healthz: its status, or 0 when nothing answers yet. */
function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.setTimeout(1000, () => request.destroy());
  });
}

export interface ColdStart {
  /** From the spawn of `node <entry>` to the first 200 of /healthz, each start, in milliseconds. */
  runsMs: number[];
  medianMs: number;
}

/**
 * Times `starts` cold starts of a built service: spawn `node <entry>` (no tsx, no npm: what `npm start` runs
 * once built) and poll GET /healthz every 5 ms until it answers 200; then stop it (SIGTERM) and wait for its exit
 * before the next start. The first start after a build fills the compile cache (when Node has one); the next
 * ones read it back, as every start after the first does in production.
 */
export async function coldStart(
  entry: string,
  env: Record<string, string>,
  {
    starts = 3,
    cpu,
    timeoutMs = 30_000,
    nodeArgs = [],
  }: { starts?: number; cpu?: number; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ColdStart> {
  const runsMs: number[] = [];
  for (let run = 0; run < starts; run += 1) {
    const port = await freePort();
    const [command, args] = commandOf(entry, nodeArgs, cpu);
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      for (;;) {
        if ((await healthStatus(port)) === 200) break;
        if (child.exitCode !== null) throw new Error(`${entry} exited with code ${child.exitCode} at start`);
        if (performance.now() - started > timeoutMs)
          throw new Error(`${entry}: not healthy in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      runsMs.push(Math.round(performance.now() - started));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)]! };
}

/** Liaison's cold start on the given DATABASE_URL (see coldStart). */
export const liaisonColdStart = (databaseUrl: string, options: { starts?: number; cpu?: number } = {}) =>
  coldStart(LIAISON_ENTRY, liaisonEnv(databaseUrl), { ...options, nodeArgs: LIAISON_NODE_ARGS });

/** The echo bot's cold start, for comparison. */
export const echoColdStart = (options: { starts?: number; cpu?: number } = {}) =>
  coldStart(ECHO_ENTRY, echoEnv, options);
