import { translatorFor } from '../../../../language/i18n';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { capturingLogger, HEALTH_DETAILS, mentions } from '../../../support/screening';
import { startTabApp } from './tabApi';

const HR = 'aad-hr';
const TENANT = 'local-tenant';
const tabT = (lang: string) => translatorFor(lang, 'tab');

/**
 * A development token's name (local mode) becomes the caller's name in the audit trail of what they do from the
 * tab: it is screened before the token is issued, like every text the tab receives.
 */
describe('POST /api/tab/dev-token screens the name', () => {
  let database: TestDatabase;
  let tab: Awaited<ReturnType<typeof startTabApp>>;
  let logs: ReturnType<typeof capturingLogger>;

  beforeAll(async () => {
    database = await freshSqlite();
    logs = capturingLogger();
    tab = await startTabApp(database, { HR_ADMINS: HR }, logs.logger);
  });
  afterAll(async () => {
    await tab?.app.stop();
    await database?.dispose();
  });

  const devToken = (name: string, lang = 'en') =>
    tab.call(`/api/tab/dev-token?lang=${lang}`, undefined, {
      method: 'POST',
      body: JSON.stringify({ aadObjectId: HR, tenantId: TENANT, name }),
    });

  test.each(HEALTH_DETAILS.map((detail) => [detail.how, detail] as const))(
    'a name with a health detail written %s: 400, no token, nothing logged',
    async (_how, detail) => {
      const response = await devToken(detail.text);
      expect(response.status).toBe(400);
      const text = await response.text();
      const problem = detail.refusal === 'health' ? 'health' : 'invalidCharacters';
      expect(JSON.parse(text)).toEqual({
        error: 'invalid',
        problems: [problem],
        message: `${tabT('en')('settings.invalidIntro')} ${tabT('en')(`settings.problems.${problem}`)}`,
      });
      expect(mentions(text, detail.term)).toBe(false);
      expect(logs.logged()).not.toContain(detail.text);
      expect(mentions(logs.logged(), detail.term)).toBe(false);
    },
  );

  test('in French when asked; a name over 100 characters is refused as too long', async () => {
    const health = await devToken('Hélène (sous antidépresseurs)', 'fr');
    expect(((await health.json()) as { message: string }).message).toBe(
      `${tabT('fr')('settings.invalidIntro')} ${tabT('fr')('settings.problems.health')}`,
    );
    expect(((await (await devToken('H'.repeat(101))).json()) as { problems: string[] }).problems).toEqual([
      'tooLong',
    ]);
  });

  test('an ordinary name goes through, normalised, and is the name the token carries', async () => {
    const response = await devToken('  Hélène   Roux ');
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(await (await tab.call('/api/tab/me', token)).json()).toMatchObject({ name: 'Hélène Roux' });
  });
});
