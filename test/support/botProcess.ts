import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../bot/platform/paths';

export interface BotProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process wrote so far (JSON log lines on stdout, errors on stderr). */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real bot (bot/index.ts) in a child process on a free port and waits until it listens. */
export function startBot(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bot', 'index.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"port":(\d+)[^\n]*Liaison listening/.exec(output);
      if (listening) {
        clearTimeout(timer);
        const port = Number(listening[1]);
        resolve({
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with code ${code} before listening:\n${output}`));
    });
  });
}

/** Runs the bot expecting it to refuse to start; resolves with its exit code and output. */
export function runBotExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return startBot(env).then(
    async (bot) => {
      await bot.stop();
      throw new Error('the bot started although it should not have');
    },
    (error: Error) => {
      const match = /exited with code (\S+) before listening:\n([\s\S]*)$/.exec(error.message);
      if (!match) throw error;
      return { code: match[1] === 'null' ? null : Number(match[1]), output: match[2] ?? '' };
    },
  );
}
