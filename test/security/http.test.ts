import {
  APP_ID,
  HR,
  json,
  OTHER_TENANT,
  raw,
  startKeyServer,
  startSecurityServer,
  teamsActivity,
  TENANT,
} from './harness';
import type { KeyServer, SecurityServer } from './harness';

const activity = (overrides: Record<string, unknown> = {}) => JSON.stringify(teamsActivity(overrides));

describe('local mode (finding 1)', () => {
  let s: SecurityServer;
  beforeAll(async () => {
    s = await startSecurityServer();
  });
  afterAll(() => s.close());

  test('listens on 127.0.0.1 by default', () => {
    expect(s.config.host).toBe('127.0.0.1');
  });

  test('a loopback client is served: the Agents Playground flow', async () => {
    const response = await raw(s.port, 'POST', '/api/messages', {
      headers: { ...json, host: 'localhost:3978' },
      body: activity(),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).activities.length).toBeGreaterThan(0);
  });

  test.each([
    ['forwarded', 'for=203.0.113.7'],
    ['x-forwarded-for', '203.0.113.7'],
    ['x-real-ip', '203.0.113.7'],
  ])('%s: every route that trusts loopback refuses the request with 403', async (header, value) => {
    const headers = { ...json, [header]: value };
    const refused = [
      await raw(s.port, 'POST', '/api/messages', { headers, body: activity() }),
      await raw(s.port, 'POST', '/api/tab/dev-token', {
        headers,
        body: JSON.stringify({ aadObjectId: 'aad-hr', tenantId: 'local-tenant' }),
      }),
      await raw(s.port, 'GET', '/api/tab/cases', { headers }),
      await raw(s.port, 'GET', '/api/tab/me', { headers }),
      await raw(s.port, 'GET', '/tab/', { headers }),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refused[1]?.body).not.toContain('token');
  });

  test('a Host that is not this machine (DNS rebinding) is refused', async () => {
    const response = await raw(s.port, 'POST', '/api/tab/dev-token', {
      headers: { ...json, host: 'evil.example:3978' },
      body: JSON.stringify({ aadObjectId: 'aad-hr', tenantId: 'local-tenant' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('with a Microsoft app (findings 2, 4, 6, 9)', () => {
  let keys: KeyServer;
  let s: SecurityServer;
  let token: string;
  beforeAll(async () => {
    keys = await startKeyServer();
    s = await startSecurityServer(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        ALLOWED_TENANTS: TENANT,
        HR_ADMINS: `${TENANT}:${HR}`,
        PUBLIC_DOMAIN: 'liaison.example.com',
      },
      keys,
    );
    token = await keys.botToken();
  });
  afterAll(async () => {
    await s.close();
    await keys.close();
  });
  const post = (body: string, headers: Record<string, string> = {}, chunked = false) =>
    raw(s.port, 'POST', '/api/messages', {
      headers: { ...json, authorization: `Bearer ${token}`, ...headers },
      body,
      chunked,
    });

  test('a valid activity is served', async () => {
    const response = await post(activity());
    expect(response.status).toBe(200);
  });

  test.each([
    ['type null', activity({ type: null })],
    ['type {}', activity({ type: {} })],
    ['no type', JSON.stringify({ ...teamsActivity(), type: undefined })],
    ['serviceUrl a number', activity({ serviceUrl: 42 })],
    ['serviceUrl an object', activity({ serviceUrl: { a: 1 } })],
    ['conversation a string', activity({ conversation: 'x' })],
    ['from.id an array', activity({ from: { id: [1] } })],
    ['an array body', '[1,2]'],
    ['not JSON', '{"type":'],
    ['nested 1000 deep', `{"type":"message","value":${'['.repeat(1000)}${']'.repeat(1000)}}`],
  ])(
    'finding 4: an authenticated body of the wrong shape (%s) is 400, never 500, no internal message',
    async (_name, body) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body).not.toMatch(/validateAndFixActivity|toLowerCase|TypeError|at \w+ \(/);
    },
  );

  test('finding 4: without or with a forged token: 401 before the body is even parsed, no detail', async () => {
    const none = await raw(s.port, 'POST', '/api/messages', {
      headers: json,
      body: activity({ type: null }),
    });
    expect(none.status).toBe(401);
    const forged = await post(activity({ type: null }), { authorization: 'Bearer abc.def.ghi' });
    expect(forged.status).toBe(401);
    const otherApp = await post(activity(), {
      authorization: `Bearer ${await keys.botToken('another-app')}`,
    });
    expect(otherApp.status).toBe(401);
    for (const response of [none, forged, otherApp])
      expect(response.body).not.toMatch(/jwt|Invalid AppId|stack/i);
  });

  test('finding 6: an unauthenticated 3 MB body is refused with 401, whatever its framing', async () => {
    const big = activity({ text: 'x'.repeat(3 * 1024 * 1024) });
    expect((await raw(s.port, 'POST', '/api/messages', { headers: json, body: big })).status).toBe(401);
    expect(
      (await raw(s.port, 'POST', '/api/messages', { headers: json, body: big, chunked: true })).status,
    ).toBe(401);
  });

  test('finding 6: a 2 MB message reaches the bot, which says it is too long; a 5 MB one is 413, chunked too', async () => {
    const twoMb = await post(activity({ text: 'a'.repeat(2 * 1024 * 1024) }));
    expect(twoMb.status).toBe(200);
    expect(JSON.parse(twoMb.body).activities[0].text).toMatch(/too long/i);
    const fiveMb = activity({ text: 'a'.repeat(5 * 1024 * 1024) });
    expect((await post(fiveMb)).status).toBe(413);
    expect([413, -1]).toContain((await post(fiveMb, {}, true)).status);
  });

  test('finding 2: an activity of a tenant outside ALLOWED_TENANTS is refused before the bot runs', async () => {
    const other = await post(
      activity({
        channelData: { tenant: { id: OTHER_TENANT } },
        conversation: { id: 'c', tenantId: OTHER_TENANT },
      }),
    );
    expect(other.status).toBe(403);
    const none = await post(activity({ channelData: {}, conversation: { id: 'c' } }));
    expect(none.status).toBe(403);
  });

  test('finding 4: signing keys out of reach is 503 without the fetch error', async () => {
    // A fresh key server: the adapter caches keys per metadata URL.
    const other = await startKeyServer();
    const t = await startSecurityServer(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT },
      other,
    );
    try {
      other.down();
      const response = await raw(t.port, 'POST', '/api/messages', {
        headers: { ...json, authorization: `Bearer ${await other.botToken()}` },
        body: activity(),
      });
      expect(response.status).toBe(503);
      expect(response.body).not.toMatch(/Failed to load|openID|500/);
    } finally {
      await t.close();
      await other.close();
    }
  });

  test('finding 9: control characters never reach the bot (NUL in text and in card values)', async () => {
    const response = await post(activity({ text: 'he\u0000lp\u0007', value: { a: 'x\u0000y' } }));
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('\\u0000');
  });

  describe('the HR tab', () => {
    const tab = (
      path: string,
      bearer: string,
      init: { method?: string; body?: string; chunked?: boolean } = {},
    ) =>
      raw(s.port, init.method ?? 'GET', path, {
        headers: { ...json, authorization: `Bearer ${bearer}` },
        body: init.body,
        chunked: init.chunked,
      });

    test('finding 3: the audience is exactly the app id or api://<PUBLIC_DOMAIN>/<appId>', async () => {
      expect((await tab('/api/tab/me', await keys.tabToken(TENANT, HR, APP_ID))).status).toBe(200);
      expect(
        (await tab('/api/tab/me', await keys.tabToken(TENANT, HR, `api://liaison.example.com/${APP_ID}`)))
          .status,
      ).toBe(200);
      for (const audience of [
        `api://evil.example/${APP_ID}`,
        `api://${APP_ID}`,
        `api://liaison.example.com/x/${APP_ID}`,
      ]) {
        expect((await tab('/api/tab/me', await keys.tabToken(TENANT, HR, audience))).status).toBe(401);
      }
    });

    test('finding 2: a token of another tenant is refused, even for an HR_ADMINS object id', async () => {
      const response = await tab('/api/tab/me', await keys.tabToken(OTHER_TENANT, HR));
      expect(response.status).toBe(403);
    });

    test('finding 6: a tab body is limited (64 kB), chunked too', async () => {
      const hr = await keys.tabToken();
      const big = JSON.stringify({ companyName: 'x'.repeat(100 * 1024) });
      expect((await tab('/api/tab/settings', hr, { method: 'PUT', body: big })).status).toBe(413);
      expect([413, -1]).toContain(
        (await tab('/api/tab/settings', hr, { method: 'PUT', body: big, chunked: true })).status,
      );
    });

    test('finding 9: control characters are removed from what the tab saves', async () => {
      const hr = await keys.tabToken();
      const response = await tab('/api/tab/settings', hr, {
        method: 'PUT',
        body: JSON.stringify({
          companyName: 'Boulangerie\u0000 Dupain\u0007',
          spstName: 'Dr\u0000 Durand',
          spstEmail: 'spst@example.org',
        }),
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).companyName).toBe('Boulangerie Dupain');
    });
  });
});
