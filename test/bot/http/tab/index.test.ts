import { translatorFor } from '../../../../language/i18n';
import { HEALTH_DETAILS } from '../../../support/screening';
import { expectRefusedFor, screeningTabApp } from './tabApi';

const HR = 'aad-hr';
const TENANT = 'local-tenant';
const tabT = (lang: string) => translatorFor(lang, 'tab');

/**
 * A development token's name (local mode) becomes the caller's name in the audit trail of what they do from the
 * tab: it is screened before the token is issued, like every text the tab receives.
 */
describe('POST /api/tab/dev-token screens the name', () => {
  const running = screeningTabApp(HR);

  const devToken = (name: string, lang = 'en') =>
    running.tab.call(`/api/tab/dev-token?lang=${lang}`, undefined, {
      method: 'POST',
      body: JSON.stringify({ aadObjectId: HR, tenantId: TENANT, name }),
    });

  test.each(HEALTH_DETAILS.map((detail) => [detail.how, detail] as const))(
    'a name with a health detail written %s: 400, no token, nothing logged',
    async (_how, detail) => {
      await expectRefusedFor(await devToken(detail.text), detail, running.logs.logged);
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
    expect(await (await running.tab.call('/api/tab/me', token)).json()).toMatchObject({
      name: 'Hélène Roux',
    });
  });
});
