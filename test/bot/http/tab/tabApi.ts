import { createApp, type LiaisonApp } from '../../../../bot/app';
import { loadConfig } from '../../../../bot/platform/config';
import { silentLogger } from '../../../support/bot';
import type { TestDatabase } from '../../../support/databases';
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
