import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { AccessControl } from '../../bot/services/access';
import { CompanySettingsStore } from '../../bot/services/caseFlow';
import { CaseStore } from '../../bot/services/cases';
import { ConversationReferenceStore } from '../../bot/platform/messaging/conversationReferences';
import { AbsenceApiKeys } from '../../bot/services/absences';
import { absencesRoutes } from '../../bot/http/absencesRoutes';
import { createAdapter } from '../../bot/teams/adapter';
import { loadConfig, type Config } from '../../bot/platform/config';
import { LiaisonBot } from '../../bot/teams/liaisonBot';
import { createServer, type LiaisonServer } from '../../bot/http/server';
import { migrate, type Database } from '../../bot/platform/storage';
import { SqliteDatabase } from '../../bot/platform/storage/sqlite';
import { tabRoutes, TabAuthenticator } from '../../bot/http/tab';
import { jose } from '../../bot/http/tab/jose';
import { silentLogger, testBotDeps } from '../support/bot';

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const HR = '00000000-0000-4000-8000-0000000000aa';
const CHANNEL_ISSUER = 'https://api.botframework.com';

type Key = Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'];

/**
 * A stand-in for the Bot Framework's and Entra's signing keys: an OpenID metadata document and a JWKS served over
 * HTTP on loopback, and tokens signed with the private key. `down()` makes every key request fail (503 path).
 */
export async function startKeyServer() {
  const pair = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let available = true;
  const server = http.createServer((req, res) => {
    if (!available) {
      res.statusCode = 500;
      res.end('down');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('openid')) {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys` }));
    } else {
      res.end(JSON.stringify({ keys: [jwk] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (
    claims: Record<string, unknown>,
    issuer: string,
    audience: string,
    key: Key = pair.privateKey,
  ) =>
    new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  return {
    base,
    openIdMetadataUrl: `${base}/openid`,
    /** A Bot Framework channel token for the bot (what Teams' connector sends). */
    botToken: (audience = APP_ID) =>
      sign({ serviceurl: 'https://smba.trafficmanager.net/emea/' }, CHANNEL_ISSUER, audience),
    /** A Teams SSO token of the HR tab. */
    tabToken: (tid = TENANT, oid = HR, audience = APP_ID) =>
      sign({ tid, oid, name: 'HR' }, `https://login.microsoftonline.com/${tid}/v2.0`, audience),
    down: () => void (available = false),
    up: () => void (available = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type KeyServer = Awaited<ReturnType<typeof startKeyServer>>;

export interface SecurityServer {
  config: Config;
  db: Database;
  http: LiaisonServer;
  port: number;
  absencesKey: string;
  close(): Promise<void>;
}

/**
 * The HTTP server as bot/app.ts builds it (server, adapter, the real LiaisonBot on test dependencies, the HR tab,
 * the absences API with a stub feed), on an in-memory SQLite database, listening on a free loopback port.
 */
export async function startSecurityServer(
  env: Record<string, string> = {},
  keys?: KeyServer,
): Promise<SecurityServer> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env });
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const conversationState = new ConversationState(new MemoryStorage());
  const adapter = createAdapter(
    config,
    conversationState,
    silentLogger,
    keys
      ? {
          // The public cloud's parameters, but the channel's keys from the local stand-in.
          ToBotFromChannelOpenIdMetadataUrl: keys.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
          OAuthUrl: 'https://api.botframework.com',
          ToBotFromEmulatorOpenIdMetadataUrl: `${keys.base}/emulator-openid`,
          ValidateAuthority: true,
        }
      : {},
  );
  const bot = new LiaisonBot({ ...(await testBotDeps()), conversationState });
  const apiKeys = new AbsenceApiKeys(db);
  const absencesKey = (await apiKeys.create(TENANT, TENANT, 'fuzz')).key;
  const feed = {
    ingest: async (_scope: unknown, items: Array<{ id: string }>) => ({
      results: items.map((item) => ({ id: item.id, status: 'created' as const })),
      employees: [],
    }),
  };
  const auth = new TabAuthenticator({
    appId: config.microsoftApp?.id,
    tenantId: config.microsoftApp?.tenantId,
    publicDomain: config.publicDomain,
    allowedTenants: config.allowedTenants,
    ...(keys ? { jwksUrl: () => new URL(`${keys.base}/keys`) } : {}),
  });
  // The tab's dependencies as bot/app.ts builds them.
  const settings = new CompanySettingsStore(db);
  const cases = new CaseStore(db);
  const tab = tabRoutes({
    config,
    logger: silentLogger,
    auth,
    access: AccessControl.fromConfig(db, config, settings),
    cases,
    settings,
    proofSources: { db, cases, companySettings: settings },
    references: new ConversationReferenceStore(db),
  });
  const server = createServer({
    config,
    adapter,
    bot,
    db,
    logger: silentLogger,
    routes: [
      tab,
      absencesRoutes({
        keys: apiKeys,
        feed: feed as never,
        logger: silentLogger,
        allowedTenants: config.allowedTenants,
      }),
    ],
  });
  const port = await server.listen();
  return {
    config,
    db,
    http: server,
    port,
    absencesKey,
    close: async () => {
      await server.drain();
      await db.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with full control of the headers (Host, forwarding headers) and of the framing (chunked or
 * Content-Length). A connection the server closes mid-upload after answering counts as that answer.
 */
export function raw(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      method,
      path,
      agent: false,
      headers: {
        ...(body && !options.chunked ? { 'content-length': String(body.length) } : {}),
        ...options.headers,
      },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        resolve({ status: -1, headers: {}, body: '' });
      } else reject(error);
    });
    if (body) {
      if (options.chunked) {
        for (let offset = 0; offset < body.length; offset += 64 * 1024) {
          request.write(body.subarray(offset, offset + 64 * 1024));
        }
      } else request.write(body);
    }
    request.end();
  });
}

export const json = { 'content-type': 'application/json' };

/** A Teams message activity, as the connector posts it. */
export function teamsActivity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    deliveryMode: 'expectReplies',
    locale: 'en-US',
    text: 'help',
    from: { id: '29:user', name: 'User', aadObjectId: HR },
    recipient: { id: `28:${APP_ID}`, name: 'Liaison' },
    conversation: { id: 'a:conversation', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}
