import { translatorFor } from '../../../../language/i18n';
import { HEALTH_DETAILS } from '../../../support/screening';
import { expectRefusedFor, screeningTabApp } from './tabApi';

const HR = 'aad-hr';
const TENANT = 'tenant-screen';
const PERSON = '0a0a0a0a-1111-4222-8333-444444444444';
const tabT = (lang: string) => translatorFor(lang, 'tab');

/**
 * The name the tab may send with a person added to the HR list is not kept (bot/services/access keeps ids only),
 * but it is screened like every text the tab receives: a refused one adds nobody, is never echoed nor logged.
 */
describe('POST /api/tab/hr-users screens the name sent with the id', () => {
  const running = screeningTabApp(HR);
  let token: string;
  beforeAll(async () => {
    token = await running.tab.tokenFor(HR, TENANT);
  });

  const add = (body: unknown, lang = 'en') =>
    running.tab.call(`/api/tab/hr-users?lang=${lang}`, token, { method: 'POST', body: JSON.stringify(body) });
  const listed = async () =>
    (
      (await (await running.tab.call('/api/tab/hr-users', token)).json()) as {
        users: Array<{ aadObjectId: string }>;
      }
    ).users;

  test.each(HEALTH_DETAILS.map((detail) => [detail.how, detail] as const))(
    'a name with a health detail written %s: 400, nobody added, nothing logged',
    async (_how, detail) => {
      const response = await add({ aadObjectId: PERSON, name: detail.text });
      await expectRefusedFor(response, detail, running.logs.logged);
      expect(await listed()).toEqual([]);
    },
  );

  test('in French when the page speaks French; a name over 200 characters is refused as too long', async () => {
    const health = await add({ aadObjectId: PERSON, name: 'Inès, en arrêt pour burn-out' }, 'fr');
    expect(health.status).toBe(400);
    expect(((await health.json()) as { message: string }).message).toBe(
      `${tabT('fr')('settings.invalidIntro')} ${tabT('fr')('settings.problems.health')}`,
    );
    const long = await add({ aadObjectId: PERSON, name: 'I'.repeat(201) });
    expect(((await long.json()) as { problems: string[] }).problems).toEqual(['tooLong']);
    expect(await listed()).toEqual([]);
  });

  test('an ordinary name goes through: the person is added', async () => {
    const response = await add({ aadObjectId: PERSON, name: 'Inès Garnier' });
    expect(response.status).toBe(201);
    expect((await listed()).map((user) => user.aadObjectId)).toEqual([PERSON]);
    expect(running.logs.logged()).toContain('tab.hrUser.added');
    expect(running.logs.logged()).not.toContain('Inès Garnier');
  });
});
