import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TabAuthenticator, TabAuthError } from '../../../../bot/http/tab';
import { TabTenantError } from '../../../../bot/http/tab/auth';
import { jose } from '../../../../bot/http/tab/jose';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
type Key = Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'];

const USER = '00000000-0000-0000-0000-0000000000aa';

/**
 * Entra mode against a local stand-in for login.microsoftonline.com: a key set per tenant served over HTTP, and
 * tokens shaped like Teams SSO tokens signed with its private key.
 */
describe('TabAuthenticator in Entra mode', () => {
  let server: http.Server;
  let base: string;
  let privateKey: Key;
  const requestedTenants: string[] = [];

  beforeAll(async () => {
    const pair = await jose.generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = http.createServer((req, res) => {
      requestedTenants.push(req.url?.split('/')[1] ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const authenticator = (options: { tenantId?: string; allowedTenants?: ReadonlySet<string> } = {}) =>
    new TabAuthenticator({
      appId: APP_ID,
      publicDomain: 'liaison.example.com',
      ...options,
      jwksUrl: (tid) => new URL(`${base}/${tid}/keys`),
    });

  async function ssoToken(
    claims: Record<string, unknown> = {},
    options: { issuer?: string; audience?: string; expires?: string; key?: Key } = {},
  ) {
    const tid = (claims.tid as string | undefined) ?? TENANT;
    return new jose.SignJWT({ tid, oid: USER, name: 'Hélène Roux', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(options.audience ?? `api://liaison.example.com/${APP_ID}`)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '1h')
      .sign(options.key ?? privateKey);
  }

  test.each([
    ['a v2 token for the api:// URI', {}, {}],
    ['a v1 token (sts.windows.net issuer)', {}, { issuer: `https://sts.windows.net/${TENANT}/` }],
    ['a token whose audience is the app id', {}, { audience: APP_ID }],
  ])('accepts %s; tenant and user come from the token', async (_name, claims, options) => {
    const user = await authenticator().verify(await ssoToken(claims, options));
    expect(user).toEqual({ tenantId: TENANT, aadObjectId: USER, name: 'Hélène Roux' });
    expect(requestedTenants).toContain(TENANT);
  });

  test.each([
    ['for another application', {}, { audience: 'api://liaison.example.com/another-app' }],
    // Finding 3: exactly the app id or api://<PUBLIC_DOMAIN>/<appId>.
    ["for another domain's URI of this app id", {}, { audience: `api://evil.example/${APP_ID}` }],
    ['for a longer path ending in the app id', {}, { audience: `api://liaison.example.com/x/${APP_ID}` }],
    ['for api://<appId> without the domain', {}, { audience: `api://${APP_ID}` }],
    ['for the app id as a suffix', {}, { audience: `x${APP_ID}` }],
    ['from another issuer', {}, { issuer: 'https://evil.example.com/v2.0' }],
    [
      'whose issuer names another tenant',
      {},
      { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` },
    ],
    ['expired', {}, { expires: '-10m' }],
    ['without a user', { oid: undefined }, {}],
    ['naming no tenant', { tid: 'not-a-guid' }, {}],
  ])('refuses a token %s', async (_name, claims, options) => {
    await expect(authenticator().verify(await ssoToken(claims, options))).rejects.toThrow(TabAuthError);
  });

  test('without PUBLIC_DOMAIN, only the app id itself is an accepted audience', async () => {
    const bare = new TabAuthenticator({ appId: APP_ID, jwksUrl: (tid) => new URL(`${base}/${tid}/keys`) });
    await expect(bare.verify(await ssoToken({}, { audience: APP_ID }))).resolves.toMatchObject({
      tenantId: TENANT,
    });
    await expect(bare.verify(await ssoToken())).rejects.toThrow(TabAuthError);
  });

  test('finding 2: a tenant outside ALLOWED_TENANTS is refused before its keys are fetched', async () => {
    const auth = authenticator({ allowedTenants: new Set([TENANT]) });
    const before = requestedTenants.length;
    await expect(auth.verify(await ssoToken({ tid: OTHER_TENANT }))).rejects.toThrow(TabTenantError);
    expect(requestedTenants.slice(before)).not.toContain(OTHER_TENANT);
    await expect(auth.verify(await ssoToken())).resolves.toMatchObject({ tenantId: TENANT });
  });

  test('refuses a token signed by another key', async () => {
    const other = (await jose.generateKeyPair('RS256')).privateKey;
    await expect(authenticator().verify(await ssoToken({}, { key: other }))).rejects.toThrow(TabAuthError);
  });

  test('a single-tenant app refuses the tokens of other tenants', async () => {
    const auth = authenticator({ tenantId: TENANT });
    await expect(auth.verify(await ssoToken({ tid: OTHER_TENANT }))).rejects.toThrow(/another tenant/);
    await expect(auth.verify(await ssoToken())).resolves.toMatchObject({ tenantId: TENANT });
  });

  test('issues no development token, and refuses the local ones', async () => {
    const local = new TabAuthenticator({});
    const devToken = await local.issueDevToken({ tenantId: TENANT, aadObjectId: USER });
    await expect(local.verify(devToken)).resolves.toMatchObject({ tenantId: TENANT, aadObjectId: USER });
    await expect(authenticator().issueDevToken({ tenantId: TENANT, aadObjectId: USER })).rejects.toThrow(
      TabAuthError,
    );
    await expect(authenticator().verify(devToken)).rejects.toThrow(TabAuthError);
  });
});
