// `npm run playground`: the bot and one Microsoft 365 Agents Playground per person.
/**
 * `npm run playground`: the bot (built, on PORT or 3978) and the Microsoft 365 Agents Playground — a local
 * Teams-like web client, no Microsoft account — pointed at it, one Playground per person you want to act as.
 *
 *   npm run playground                          # manager, employee, HR and SPST contact, one page each
 *   npm run playground -- --as manager          # only the manager
 *   npm run playground -- --locale fr-FR        # the Playground always says en-US; this makes the bot see fr-FR
 *
 * Why one Playground per person: the Playground's "current user" is fixed by its configuration file and cannot be
 * switched in the browser. `.m365agentsplayground.yml` makes the manager the current user; for another role the
 * script writes a copy whose current user is that person (under out/playground/) and starts another Playground
 * on the next port. All of them share the mock tenant, so the bot sees one company.
 *
 * Why a locale proxy: the Playground stamps every activity with `locale: "en-US"` (no setting changes it), and the
 * bot answers in the language of `activity.locale`. With --locale, the Playgrounds talk to a small local proxy
 * that rewrites the locale before passing the activity on to the bot.
 *
 * The functions are exported for the browser tests (test/browser/).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const PLAYGROUND_CONFIG = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = path.join(
  PROJECT_ROOT,
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);

/**
 * The people of `.m365agentsplayground.yml`, by the role they play for Liaison: their Playground user ids, which
 * are also their Entra object ids (the Playground's people picker submits the id).
 */
export const PLAYGROUND_USERS = {
  manager: '11111111-1111-4111-8111-111111111111',
  employee: '22222222-2222-4222-8222-222222222222',
  hr: '33333333-3333-4333-8333-333333333333',
  spst: '44444444-4444-4444-8444-444444444444',
} as const;
export type PlaygroundRole = keyof typeof PLAYGROUND_USERS;

export interface PlaygroundPerson {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

/** The mock tenant's id and people, read from the configuration file (a flat YAML: `key: value` lines). */
export function readPlaygroundTenant(configText = fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')): {
  tenantId: string;
  people: PlaygroundPerson[];
} {
  const tenantId = /^tenantId:\s*(\S+)/m.exec(configText)?.[1] ?? '';
  const people: PlaygroundPerson[] = [];
  let current: Record<string, string> | undefined;
  for (const line of configText.split('\n')) {
    const start = /^(?:currentUser:|\s+- id:\s*(\S+))\s*$/.exec(line);
    if (start) {
      current = start[1] ? { id: start[1] } : {};
      people.push(current as unknown as PlaygroundPerson);
      continue;
    }
    const field = /^\s{2,4}(\w+):\s*(.+?)\s*$/.exec(line);
    if (current && field?.[1] && field[2] !== undefined)
      current[field[1]] = field[2].replace(/^'(.*)'$/, '$1');
    else if (!/^\s/.test(line)) current = undefined;
  }
  return { tenantId, people: people.filter((person) => person.id && person.aadObjectId) };
}

/**
 * The configuration file's text with `role`'s person as the current user: their block and the current user's
 * block swap places, so the file still lists exactly five other users (the Playground's schema insists).
 */
export function playgroundConfigAs(
  role: PlaygroundRole,
  configText = fs.readFileSync(PLAYGROUND_CONFIG, 'utf8'),
  chatTag = '',
) {
  const userId = PLAYGROUND_USERS[role];
  const currentBlock = /^currentUser:\n((?: {2}\S.*\n)+)/m.exec(configText);
  if (!currentBlock?.[1]) throw new Error('no currentUser block in the Playground configuration');
  // Each person's 1:1 chat with the bot needs its own conversation id, or the bot would mix their dialogs.
  const text = configText.replace(/^(personalChat:\n {2}id: )(\S+)$/m, `$1$2-${role}${chatTag}`);
  if (new RegExp(`^ {2}id: ${userId}$`, 'm').test(currentBlock[1])) return text;
  const userBlock = new RegExp(`^ {2}- id: ${userId}\\n((?: {4}\\S.*\\n)*)`, 'm').exec(text);
  if (!userBlock) throw new Error(`no user ${userId} in the Playground configuration`);
  const asCurrent = `  id: ${userId}\n${userBlock[1]?.replace(/^ {4}/gm, '  ') ?? ''}`;
  const [firstLine = '', ...rest] = currentBlock[1].split('\n');
  const asListed = `  - ${firstLine.trim()}\n${rest.map((line) => (line ? `  ${line}` : line)).join('\n')}`;
  return text
    .replace(userBlock[0], '\u0000USER\u0000')
    .replace(currentBlock[0], `currentUser:\n${asCurrent}`)
    .replace('\u0000USER\u0000', asListed);
}

/** A free TCP port on loopback (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPlayground {
  role: PlaygroundRole;
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts one Playground (its own process) for `role`, pointed at `endpoint`, and resolves once it listens.
 * Its log file and the generated configuration go to `workDir` (under the git-ignored out/). `chatTag` is added to
 * the 1:1 chat's conversation id, so that runs against the same bot do not resume each other's conversations.
 */
export async function startPlayground(options: {
  endpoint: string;
  role: PlaygroundRole;
  port: number;
  workDir: string;
  chatTag?: string;
  timeoutMs?: number;
}): Promise<RunningPlayground> {
  const { endpoint, role, port, workDir, chatTag = '', timeoutMs = 60_000 } = options;
  fs.mkdirSync(workDir, { recursive: true });
  const configPath = path.resolve(workDir, `playground-${role}.yml`);
  fs.writeFileSync(configPath, playgroundConfigAs(role, undefined, chatTag));
  const child = spawn(
    process.execPath,
    [PLAYGROUND_CLI, '-e', endpoint, '-c', 'msteams', '--dt', '-p', String(port)],
    {
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none', // never open a browser by itself
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.resolve(workDir, `playground-${role}.log`),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const listeningPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Playground (${role}) did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the Playground (${role}) exited before listening:\n${output}`));
    });
  });
  return {
    role,
    port: listeningPort,
    url: `http://localhost:${listeningPort}`,
    child,
    output: () => output,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * A loopback HTTP proxy in front of the bot's /api/messages that sets every activity's locale (and the Teams
 * clientInfo entity's) to `locale`, since the Playground always sends en-US. Replies do not pass through it: the
 * bot answers the Playground's connector directly, as in Teams.
 */
export async function startLocaleProxy(
  target: string,
  locale: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        let body: string | undefined = Buffer.concat(chunks).toString();
        if (body) {
          try {
            const activity = JSON.parse(body) as {
              locale?: string;
              entities?: { type?: string; locale?: string }[];
            };
            activity.locale = locale;
            for (const entity of activity.entities ?? [])
              if (entity.type === 'clientInfo') entity.locale = locale;
            body = JSON.stringify(activity);
          } catch {
            // not JSON: passed on unchanged, the bot answers it as it would
          }
        } else body = undefined;
        try {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
              headers[name] = value;
          }
          const answer = await fetch(target, { method: request.method, headers, body });
          response.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'text/plain',
          });
          response.end(Buffer.from(await answer.arrayBuffer()));
        } catch (error) {
          response.writeHead(502).end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseArguments(argv: string[]): { roles: PlaygroundRole[]; locale?: string } {
  let roles: PlaygroundRole[] = ['manager', 'employee', 'hr', 'spst'];
  let locale: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--as' && value) {
      const asked = value.split(',').map((role) => role.trim());
      const unknown = asked.filter((role) => !(role in PLAYGROUND_USERS));
      if (unknown.length > 0)
        throw new Error(
          `--as: unknown role ${unknown.join(', ')} (${Object.keys(PLAYGROUND_USERS).join(', ')})`,
        );
      roles = asked as PlaygroundRole[];
      index += 1;
    } else if (argument === '--locale' && value) {
      locale = value;
      index += 1;
    } else {
      throw new Error(
        `unknown argument ${argument ?? ''}; usage: npm run playground -- [--as manager,employee,hr,spst] [--locale fr-FR]`,
      );
    }
  }
  return { roles, locale };
}

/** Waits until the bot answers /healthz, or fails after `timeoutMs`. */
async function waitForBot(baseUrl: string, bot: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error('the bot stopped during start-up (see its log above)');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the bot did not answer ${baseUrl}/healthz within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const { roles, locale } = parseArguments(process.argv.slice(2));
  const botPort = Number(process.env.PORT ?? 3978);
  const workDir = path.join(PROJECT_ROOT, 'out', 'playground');

  console.log('Building the bot (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const bot = spawn(process.execPath, [path.join('dist', 'bot', 'index.js')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(botPort) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const children: Array<{ stop(): Promise<void> }> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((child) => child.stop()));
    if (bot.exitCode === null) {
      bot.kill('SIGTERM');
      await new Promise((resolve) => bot.once('exit', resolve));
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  bot.on('exit', (code) => {
    if (!stopping) {
      console.error(`The bot stopped (exit code ${code}); stopping the Playground.`);
      void stopAll(1);
    }
  });

  const botBase = `http://localhost:${botPort}`;
  await waitForBot(botBase, bot);
  let endpoint = `${botBase}/api/messages`;
  if (locale) {
    const proxy = await startLocaleProxy(endpoint, locale);
    children.push({ stop: proxy.close });
    endpoint = proxy.url;
  }
  const { people } = readPlaygroundTenant();
  const lines: string[] = [];
  for (const [index, role] of roles.entries()) {
    const playground = await startPlayground({ endpoint, role, port: 56150 + index, workDir });
    children.push(playground);
    const person = people.find((candidate) => candidate.id === PLAYGROUND_USERS[role]);
    lines.push(`  ${role.padEnd(9)} ${person?.name ?? ''}: ${playground.url}`);
  }
  console.log(
    [
      '',
      `Liaison is running on ${botBase}; the Microsoft 365 Agents Playground${roles.length > 1 ? 's' : ''}:`,
      ...lines,
      '',
      locale
        ? `The bot sees the locale ${locale}.`
        : 'The Playground says en-US, so the bot answers in English (npm run playground -- --locale fr-FR for French).',
      'Open each URL in your browser (each page acts as that person), all of them before starting a case: the bot',
      'can only write to someone who has opened its chat. Try "help"; as HR, "@Liaison HR channel" in the RH channel',
      'and "settings" (pick the SPST contact); as the manager, "new liaison meeting". Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
