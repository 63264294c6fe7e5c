import { createApp, type LiaisonApp } from '../../../../bot/app';
import { loadConfig } from '../../../../bot/platform/config';
import { silentLogger } from '../../../support/bot';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { capturingLogger, HEALTH_DETAILS, mentions } from '../../../support/screening';
import { translatorFor } from '../../../../language/i18n';
import type { Logger } from '../../../../bot/platform/logger';

/**
 * The app as `npm start` wires it (HTTP server included), on `database`, listening on a free loopback port;
 * its logs go to `logger` (silent unless a test looks at them).
 */
export async function startTabApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  logger: Logger = silentLogger,
) {
  await database.db.close();
  const app: LiaisonApp = await createApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env }),
    logger,
  );
  const baseUrl = `http://127.0.0.1:${await app.http.listen()}`;

  /** A development token for a person of a tenant (local mode). */
  const tokenFor = async (aadObjectId: string, tenantId: string) => {
    const response = await fetch(`${baseUrl}/api/tab/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ aadObjectId, tenantId, name: `Person ${aadObjectId}` }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  const call = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });

  return { app, baseUrl, tokenFor, call };
}

/**
 * For a describe block: the tab app on a fresh SQLite database, every log line kept, with HR_ADMINS = `hr`; started
 * before its tests and stopped after. Read `tab` and `logs` inside the tests.
 */
export function screeningTabApp(hr: string) {
  const running = {} as {
    tab: Awaited<ReturnType<typeof startTabApp>>;
    logs: ReturnType<typeof capturingLogger>;
  };
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await freshSqlite();
    running.logs = capturingLogger();
    running.tab = await startTabApp(database, { HR_ADMINS: hr }, running.logs.logger);
  });
  afterAll(async () => {
    await running.tab?.app.stop();
    await database?.dispose();
  });
  return running;
}

/**
 * The tab's answer to a text with a health detail (test/support/screening.ts): 400, the rule it breaks named in
 * English, and the detail neither in the answer nor in any log line.
 */
export async function expectRefusedFor(
  response: Response,
  detail: (typeof HEALTH_DETAILS)[number],
  logged: () => string,
): Promise<void> {
  const t = translatorFor('en', 'tab');
  expect(response.status).toBe(400);
  const text = await response.text();
  const problem = detail.refusal === 'health' ? 'health' : 'invalidCharacters';
  expect(JSON.parse(text)).toEqual({
    error: 'invalid',
    problems: [problem],
    message: `${t('settings.invalidIntro')} ${t(`settings.problems.${problem}`)}`,
  });
  expect(mentions(text, detail.term)).toBe(false);
  expect(logged()).not.toContain(detail.text);
  expect(mentions(logged(), detail.term)).toBe(false);
}
