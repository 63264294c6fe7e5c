// The bundled server (scripts/build-server.mjs, what `npm run build` writes) starts, finds its files and answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageActivity } from '../../bench/activities';
import {
  buildServers,
  ECHO_ENTRY,
  LIAISON_ENTRY,
  LIAISON_READY,
  startService,
  type ServiceProcess,
} from '../../bench/processes';
import { PROJECT_ROOT } from '../../bot/platform/paths';

// A build of its own (the bench's dist/bench/ may be in use), at the depth of dist/bench/.
const dir = path.join(PROJECT_ROOT, 'dist', `test-build-${process.pid}`);
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-build-'));
let liaison: ServiceProcess | undefined;

afterAll(async () => {
  await liaison?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

test('the bundle starts on plain node, is healthy and answers a question with its card', async () => {
  await buildServers(dir);
  // One entry that requires one bundle (plus the echo bot the bench bundles alike), each with its source map.
  const built = fs.readdirSync(dir).sort();
  expect(built).toEqual([
    ECHO_ENTRY,
    `${ECHO_ENTRY}.map`,
    'liaison.js',
    'liaison.js.map',
    LIAISON_ENTRY,
    `${LIAISON_ENTRY}.map`,
  ]);
  expect(fs.readFileSync(path.join(dir, LIAISON_ENTRY), 'utf8')).toContain('require("./liaison.js")');
  // ASCII only: V8 then keeps each file's source as one byte a character, not two.
  for (const file of built.filter((name) => name.endsWith('.js')))
    expect(/[\u0080-\uffff]/.test(fs.readFileSync(path.join(dir, file), 'utf8'))).toBe(false);

  liaison = await startService({
    entry: path.join(dir, LIAISON_ENTRY),
    env: { DATABASE_URL: `sqlite:${path.join(data, 'liaison.db')}`, LOG_LEVEL: 'info' },
    ready: LIAISON_READY,
    timeoutMs: 60_000,
  });
  expect((await fetch(`${liaison.baseUrl}/healthz`)).status).toBe(200);

  // The FAQ's index, the locales and the card templates are found from dist/, at run time or in the bundle.
  const question = messageActivity(
    'build-test',
    { id: 'u1', aadObjectId: 'aad-u1', name: 'Ana' },
    'Le rendez-vous de liaison est-il obligatoire ?',
  );
  const response = await fetch(`${liaison.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(question),
  });
  expect(response.status).toBe(200);
  const reply = JSON.stringify(await response.json());
  expect(reply).toContain('application/vnd.microsoft.card.adaptive');
  // The right answer, its accents intact (the bundle's non-ASCII characters are escapes).
  expect(reply).toContain("Suis-je obligé d'y participer ?");
}, 120_000);
