import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../bot/paths';

/** A service (the echo bot or Liaison) running in a child process of the bench. */
export interface ServiceProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServiceOptions {
  /** The entry file, relative to the project root (run with tsx, like `npm run dev`). */
  entry: string;
  env: Record<string, string>;
  /** Node flags before the entry, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** A line of output that says the service listens; its first group is the port. */
  ready: RegExp;
  timeoutMs?: number;
}

/** The pattern of Liaison's "listening" log line (bot/index.ts). */
export const LIAISON_READY = /"port":(\d+)[^\n]*Liaison listening/;
/** The pattern of bench/echoBot.ts's "listening" line. */
export const ECHO_READY = /echo bot listening on port (\d+)/;

/**
 * Starts a Node service in a child process on a free port (PORT=0) and waits until it says it listens. Its
 * output is read (so that its logs never block it) but only the last few kilobytes are kept, for errors.
 */
export function startService({
  entry,
  env,
  nodeArgs = [],
  ready,
  timeoutMs = 30_000,
}: ServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(PROJECT_ROOT, entry)], {
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

/** Liaison itself (bot/index.ts), as `npm run dev` starts it, on the given DATABASE_URL. */
export function startLiaison(
  databaseUrl: string,
  options: { nodeArgs?: string[]; logLevel?: string } = {},
): Promise<ServiceProcess> {
  return startService({
    entry: path.join('bot', 'index.ts'),
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: options.logLevel ?? 'info' },
    nodeArgs: options.nodeArgs,
    ready: LIAISON_READY,
  });
}

/** The bare echo bot, the floor every figure is compared with. */
export function startEchoBot(options: { nodeArgs?: string[] } = {}): Promise<ServiceProcess> {
  return startService({
    entry: path.join('bench', 'echoBot.ts'),
    env: {},
    nodeArgs: options.nodeArgs,
    ready: ECHO_READY,
  });
}
