import { parseSettingsForm } from '../../../../bot/teams/companySettingsCommands';
import { POLICY_CHOICES } from '../../../../bot/http/tab';
import { parseSettingsBody } from '../../../../bot/http/tab/settings';
import { CompanySettingsStore } from '../../../../bot/services/caseFlow';
import { translatorFor } from '../../../../language/i18n';
import { HEALTH_DETAILS } from '../../../support/screening';
import { expectRefusedFor, screeningTabApp } from './tabApi';

const tabT = (lang: string) => translatorFor(lang, 'tab');

/**
 * The tab offers the policy choices of the settings card in Teams (bot/teams/companySettingsCommands.ts) and parses them
 * on its own (one field at a time): both must accept exactly the same values and store the same thing.
 */
describe("the tab's policy choices match the settings card's", () => {
  const defaults = {
    lookbackDays: '365',
    proposalRule: 'proposal',
    eligibilityMode: 'elapsed',
    holidaysRegion: 'metropole',
  };
  const fields = Object.keys(POLICY_CHOICES) as Array<keyof typeof POLICY_CHOICES>;

  test.each(fields.flatMap((field) => POLICY_CHOICES[field].map((value) => [field, value] as const)))(
    '%s = %s is accepted by both, with the same stored value',
    (field, value) => {
      const card = parseSettingsForm({ ...defaults, [field]: value });
      const tab = parseSettingsBody({ [field]: value }, {});
      expect('settings' in card && 'settings' in tab).toBe(true);
      if (!('settings' in card) || !('settings' in tab)) return;
      expect(tab.settings.policy?.[field]).toEqual(card.settings.policy?.[field]);
    },
  );

  test.each(
    fields.flatMap((field) => ['730', 'default', '', 'Metropole'].map((value) => [field, value] as const)),
  )('%s = %j is refused by both', (field, value) => {
    expect(parseSettingsForm({ ...defaults, [field]: value })).toEqual({ problems: ['policy'] });
    expect(parseSettingsBody({ [field]: value }, {})).toEqual({ problems: [field] });
  });
});

/**
 * Every text of the settings PUT is screened before anything is kept or logged (bot/teams/companySettingsCommands.ts
 * screenSettingsText, the settings card's own rule): a health detail however it is written is refused with 400,
 * named by its rule in the page's language, never echoed, and the company's settings do not change.
 */
describe('PUT /api/tab/settings screens every text', () => {
  const HR = 'aad-hr';
  const TENANT = 'tenant-screen';
  const BEFORE = {
    companyName: 'Acme',
    spstName: 'SPST Ouest',
    spstEmail: 'contact@spst.example',
    hrName: 'Service RH',
    hrChannelId: '19:hr@thread.tacv2',
  };
  const running = screeningTabApp(HR);
  let token: string;
  beforeAll(async () => {
    token = await running.tab.tokenFor(HR, TENANT);
  });

  const put = (body: unknown, lang = 'en') =>
    running.tab.call(`/api/tab/settings?lang=${lang}`, token, { method: 'PUT', body: JSON.stringify(body) });
  const stored = () => new CompanySettingsStore(running.tab.app.db).get(TENANT, TENANT);

  test('an ordinary form is saved, normalised', async () => {
    const response = await put({ ...BEFORE, companyName: ' Acme   Industries ' });
    expect(response.status).toBe(200);
    expect((await stored()).companyName).toBe('Acme Industries');
    expect((await put(BEFORE)).status).toBe(200);
  });

  // The fields that name a person or a channel; those naming the employer or its SPST are checked below.
  const fields = ['spstPhone', 'hrName', 'hrChannelId'] as const;
  test.each(fields.flatMap((field) => HEALTH_DETAILS.map((detail) => [field, detail.how, detail] as const)))(
    '%s with a health detail written %s: 400, nothing saved, nothing logged',
    async (field, _how, detail) => {
      const before = await stored();
      await expectRefusedFor(await put({ ...BEFORE, [field]: detail.text }), detail, running.logs.logged);
      expect(await stored()).toEqual(before);
    },
  );

  test('the refusal speaks the page language', async () => {
    const response = await put({ ...BEFORE, hrName: 'Hélène Roux, suivie au CMP de Nantes' }, 'fr');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      `${tabT('fr')('settings.invalidIntro')} ${tabT('fr')('settings.problems.health')}`,
    );
  });

  test('an employer or an SPST that is a care place keeps its name', async () => {
    const response = await put({
      ...BEFORE,
      companyName: 'Centre hospitalier de Versailles',
      spstAddress: 'CMP de Nantes, 2 rue de la Loire',
    });
    expect(response.status).toBe(200);
    expect(await stored()).toMatchObject({
      companyName: 'Centre hospitalier de Versailles',
      spstContact: { address: 'CMP de Nantes, 2 rue de la Loire' },
    });
    expect((await put(BEFORE)).status).toBe(200);
  });

  test('a name over 200 characters or with a line break is refused, each rule named once', async () => {
    const response = await put({
      ...BEFORE,
      spstName: 'S'.repeat(201),
      hrName: 'Service\nRH',
      spstPhone: '0'.repeat(41),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: string[] }).problems.sort()).toEqual([
      'invalidCharacters',
      'tooLong',
    ]);
  });
});
