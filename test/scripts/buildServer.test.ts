// The bundled server (scripts/build-server.mjs, what `npm run build` writes) starts, finds its files and answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageActivity } from '../../bench/activities';
import { caseFlowScenario } from '../../bench/scenarios';
import {
  buildServers,
  ECHO_ENTRY,
  LIAISON_ENTRY,
  LIAISON_NODE_ARGS,
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
    nodeArgs: LIAISON_NODE_ARGS,
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

test('the Recognizers-Text packages are left out of the bundle and still read a choice by number and a yes/no', async () => {
  const bundle = fs.readFileSync(path.join(dir, 'liaison.js'), 'utf8');
  // The date and time recognizers (none of Liaison's prompts uses them) are not in it; the stand-ins are.
  expect(bundle).not.toContain('DateTimeRecognizer');
  expect(bundle).toContain('require("@microsoft/recognizers-text-number")');
  expect(liaison).toBeDefined();

  // The bench's guided case dialog, with the contract answered by its number: "1" (CDI) is read by the number
  // recognizer, "non" by the yes/no one, both loaded from node_modules on first use.
  const { turns } = caseFlowScenario();
  const contractTurn = 2;
  const conversation = { id: 'build-test-case', index: 0 };
  for (const [index, turn] of turns.entries()) {
    const activity = turn.activity(conversation) as { text: string };
    if (index === contractTurn) {
      expect(activity.text).toBe('CDI');
      activity.text = '1';
    }
    const response = await fetch(`${liaison!.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    const reply = JSON.stringify(await response.json());
    for (const expected of turn.expect(conversation)) expect(reply).toContain(expected);
  }
}, 60_000);
