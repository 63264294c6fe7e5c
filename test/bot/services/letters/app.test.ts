import { createApp, type LiaisonApp } from '../../../../bot/app';
import { loadConfig } from '../../../../bot/platform/config';
import { LetterLinks } from '../../../../bot/services/letters';
import { seedCase } from '../cases/sampleCase';
import { silentLogger } from '../../../support/bot';
import { freshSqlite, type TestDatabase } from '../../../support/databases';

/** The route as bot/app.ts wires it: a link made from the database the app uses is served by the app. */
describe('letters in the running app', () => {
  let database: TestDatabase;
  let app: LiaisonApp;
  let baseUrl: string;

  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    app = await createApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      silentLogger,
    );
    baseUrl = `http://127.0.0.1:${await app.http.listen()}`;
  });
  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
  });

  test('GET /letters/<token> answers the PDF; a forged token 403', async () => {
    const stored = await seedCase(app.db);
    const links = new LetterLinks(app.db, { publicBaseUrl: baseUrl });
    const response = await fetch(await links.letterLink(stored.tenantId, stored.id, 'invitation', 'fr'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('liaison-invitation-2026-11-20.pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await fetch(`${baseUrl}/letters/forged.token`)).status).toBe(403);
  });
});
