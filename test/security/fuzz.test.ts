/**
 * The bounded fuzz suite (issue 15): seeded mutations of activities, invokes, HR tab bodies and absences bodies,
 * sent to the HTTP server as the app builds it, in local mode and with a Microsoft app (valid tokens). It asserts
 * no response >= 500 other than 501 (an invoke kind the bot does not handle) and 503 (storage or keys down), no
 * crash (no unhandled rejection or exception), and /healthz ok throughout.
 *
 * More iterations: FUZZ_ITERATIONS=20000 FUZZ_SEED=7 npx jest test/security/fuzz.test.ts (docs/security.md).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ID, HR, json, raw, startKeyServer, startSecurityServer, teamsActivity, TENANT } from './harness';
import type { KeyServer, RawResponse, SecurityServer } from './harness';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const ALLOWED = (status: number) => status > 0 && (status < 500 || status === 501 || status === 503);

jest.setTimeout(Math.max(60_000, ITERATIONS * 60));

/** mulberry32: a small seeded PRNG, so that a failure replays with the same FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const STRANGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r',
  'Salle 1\rSTATUS:CANCELLED',
  '[x](https://evil.example)',
  '<script>alert(1)</script>',
  '\ud800',
  '😀'.repeat(50),
  '%s%n%x',
  '../../etc/passwd',
  "'; DROP TABLE cases; --",
  'x'.repeat(5000),
  '9999-12-01',
  '0001-01-01',
  '2026-02-30',
  'NaN',
  '__proto__',
  'constructor',
  'http://',
  'javascript:alert(1)',
  'invitation.accept',
  'spst.acknowledge',
];

function strangeValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1e308, -0, 3.14, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return rng.pick([true, false]);
    case 3:
    case 4:
      return rng.pick(STRANGE_STRINGS);
    case 5:
      return Array.from({ length: rng.int(3) }, () => rng.pick(STRANGE_STRINGS));
    case 6:
      return { [rng.pick(['id', 'type', '__proto__', 'verb', 'caseId', 'x'])]: strangeValue(rng, depth + 1) };
    case 7:
      return Array.from({ length: rng.int(4) }, () => strangeValue(rng, depth + 1));
    default:
      return {};
  }
}

/** Paths of every key inside a JSON value, e.g. ['value', 'action', 'data', 'caseId']. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      if (prefix.length < 6) pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

function mutate(rng: Rng, seed: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(seed)) as Record<string, unknown>;
  const mutations = 1 + rng.int(3);
  for (let i = 0; i < mutations; i += 1) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = rng.pick(paths);
    let parent: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path[path.length - 1] as string;
    switch (rng.int(4)) {
      case 0:
        delete parent[last];
        break;
      case 1:
        parent[rng.pick(['x', 'type', 'value', 'serviceUrl', 'channelData', 'text', last])] =
          strangeValue(rng);
        break;
      default:
        parent[last] = strangeValue(rng);
    }
  }
  return copy;
}

/** The text of a body: usually JSON, sometimes truncated or garbled, sometimes not JSON at all. */
function bodyText(rng: Rng, value: unknown): string {
  const text = JSON.stringify(value);
  switch (rng.int(12)) {
    case 0:
      return text.slice(0, rng.int(text.length));
    case 1:
      return rng.pick([
        '',
        'null',
        '[]',
        '"x"',
        '1',
        '{',
        '{"type":"message"',
        '\u0000',
        '[[[[[[[[[[]]]]]]]]]]',
      ]);
    default:
      return text;
  }
}

const invoke = (verb: string, data: Record<string, unknown>) =>
  teamsActivity({
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    deliveryMode: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

/** Where the bot's replies go (the activities' serviceUrl): a local sink, so that no request leaves the machine. */
let sinkUrl = 'http://127.0.0.1:9/';
const withSink = (activity: Record<string, unknown>) => ({ ...activity, serviceUrl: sinkUrl });

const ACTIVITY_SEEDS = () =>
  [
    teamsActivity(),
    teamsActivity({ text: 'aide', locale: 'fr-FR' }),
    teamsActivity({ text: 'paramètres' }),
    teamsActivity({
      text: undefined,
      value: { settingsForm: true, companyName: 'Acme', spstEmail: 'a@b.c' },
    }),
    invoke('invitation.accept', { caseId: 'case-1' }),
    invoke('request.acknowledge', { requestId: 'r-1' }),
    invoke('spst.acknowledge', { caseId: 'case-1' }),
    teamsActivity({ type: 'invoke', name: 'task/fetch', value: { data: {} }, deliveryMode: undefined }),
    teamsActivity({ type: 'invoke', name: 'composeExtension/query', value: {}, deliveryMode: undefined }),
    teamsActivity({ type: 'conversationUpdate', membersAdded: [{ id: '29:user' }], text: undefined }),
    teamsActivity({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
    teamsActivity({ type: 'installationUpdate', action: 'add' }),
  ].map(withSink);

const TAB_SEEDS: Array<{ method: string; path: string; body?: unknown }> = [
  {
    method: 'PUT',
    path: '/api/tab/settings',
    body: { companyName: 'Acme', spstName: 'Dr Durand', spstEmail: 'spst@example.org', headcount: '12' },
  },
  {
    method: 'POST',
    path: '/api/tab/hr-users',
    body: { aadObjectId: '00000000-0000-4000-8000-000000000001' },
  },
  { method: 'POST', path: '/api/tab/cases/case-1/cancel', body: {} },
  { method: 'POST', path: '/api/tab/cases/case-1/held', body: {} },
  { method: 'GET', path: '/api/tab/cases?state=open&q=%00x' },
  { method: 'GET', path: '/api/tab/cases/%00/letters/invitation.pdf' },
  { method: 'GET', path: '/api/tab/cases.csv' },
];

const ABSENCE_SEED = {
  absences: [
    {
      id: 'abs-1',
      employee: { aadObjectId: 'aad-employee', email: 'camille@example.com', name: 'Camille Martin' },
      kind: 'maladie',
      start: '2026-10-20',
      end: null,
      contract: { kind: 'cdi', end: '2027-01-01' },
    },
  ],
};

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  bad: Array<{ what: string; status: number; body: string; sent: string }>;
}

async function run(
  s: SecurityServer,
  rng: Rng,
  iterations: number,
  auth: { bot?: () => Promise<string>; tab: () => Promise<string> },
): Promise<Tally> {
  const tally: Tally = { requests: 0, byStatus: new Map(), bad: [] };
  const record = (what: string, response: RawResponse, sent: string) => {
    tally.requests += 1;
    tally.byStatus.set(response.status, (tally.byStatus.get(response.status) ?? 0) + 1);
    if (!ALLOWED(response.status)) {
      tally.bad.push({
        what,
        status: response.status,
        body: response.body.slice(0, 300),
        sent: sent.slice(0, 300),
      });
    }
  };
  const botToken = auth.bot ? await auth.bot() : undefined;
  const activitySeeds = ACTIVITY_SEEDS();
  const tabToken = await auth.tab();
  for (let i = 0; i < iterations; i += 1) {
    const roll = rng.next();
    if (roll < 0.6) {
      const sent = bodyText(rng, mutate(rng, rng.pick(activitySeeds)));
      const response = await raw(s.port, 'POST', '/api/messages', {
        headers: { ...json, ...(botToken ? { authorization: `Bearer ${botToken}` } : {}) },
        body: sent,
      });
      record('activity', response, sent);
    } else if (roll < 0.8) {
      const seed = rng.pick(TAB_SEEDS);
      const sent = seed.body === undefined ? undefined : bodyText(rng, mutate(rng, seed.body));
      const response = await raw(s.port, seed.method, seed.path, {
        headers: { ...json, authorization: `Bearer ${tabToken}` },
        body: sent,
      });
      record(`tab ${seed.method} ${seed.path}`, response, sent ?? '');
    } else {
      const sent = bodyText(rng, mutate(rng, ABSENCE_SEED));
      const response = await raw(s.port, 'POST', '/api/absences', {
        headers: { ...json, authorization: `Bearer ${s.absencesKey}` },
        body: sent,
      });
      record('absences', response, sent);
    }
    if (i % 100 === 0) {
      const health = await raw(s.port, 'GET', '/healthz');
      expect({ at: i, status: health.status }).toEqual({ at: i, status: 200 });
    }
  }
  return tally;
}

describe(`fuzz (seed ${SEED}, ${ITERATIONS} requests per mode)`, () => {
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  let sink: http.Server;
  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    sink = http.createServer((req, res) => {
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"sent"}');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  });

  test('local mode: activities, invokes, tab and absences bodies', async () => {
    const s = await startSecurityServer();
    try {
      const tally = await run(s, prng(SEED), ITERATIONS, {
        tab: async () => {
          const response = await raw(s.port, 'POST', '/api/tab/dev-token', {
            headers: json,
            body: JSON.stringify({ aadObjectId: 'aad-hr', tenantId: 'local-tenant' }),
          });
          return JSON.parse(response.body).token as string;
        },
      });
      expect(tally.bad).toEqual([]);
      expect(crashes).toEqual([]);
      expect(tally.requests).toBe(ITERATIONS);
      expect((await raw(s.port, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  test('with a Microsoft app and valid tokens', async () => {
    const keys: KeyServer = await startKeyServer();
    const s = await startSecurityServer(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        ALLOWED_TENANTS: TENANT,
        HR_ADMINS: `${TENANT}:${HR}`,
      },
      keys,
    );
    try {
      const tally = await run(s, prng(SEED + 1), ITERATIONS, {
        bot: () => keys.botToken(),
        tab: () => keys.tabToken(),
      });
      expect(tally.bad).toEqual([]);
      expect(crashes).toEqual([]);
      expect((await raw(s.port, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await s.close();
      await keys.close();
    }
  });
});
