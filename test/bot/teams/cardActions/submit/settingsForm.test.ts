import { TestAdapter, type Activity } from 'botbuilder';
import { AccessControl } from '../../../../../bot/services/access';
import { CompanySettingsStore } from '../../../../../bot/services/caseFlow';
import { CompanySettingsCommands } from '../../../../../bot/teams/companySettingsCommands';
import { LiaisonBot } from '../../../../../bot/teams/liaisonBot';
import { migrate } from '../../../../../bot/platform/storage';
import { SqliteDatabase } from '../../../../../bot/platform/storage/sqlite';
import { translatorFor } from '../../../../../language/i18n';
import { testBotDeps } from '../../../../support/bot';
import { capturingLogger, HEALTH_DETAILS, mentions } from '../../../../support/screening';

const TENANT = 'tenant-a';
const HR = 'hr-1';

/** What the company had before each submission: a refused one must leave it exactly so. */
const BEFORE = {
  companyName: 'Acme',
  spstContact: { name: 'SPST Ouest', email: 'contact@spst.example' },
  hrContact: { name: 'Service RH', email: 'rh@acme.example' },
};

/** The settings card as Teams submits it (Action.Submit, data.settingsForm), with the company's values. */
const form = (overrides: Record<string, string> = {}) => ({
  settingsForm: true,
  companyName: 'Acme',
  spstName: 'SPST Ouest',
  spstEmail: 'contact@spst.example',
  spstAddress: '',
  hrName: 'Service RH',
  hrEmail: 'rh@acme.example',
  ...overrides,
});

async function setup() {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const settings = new CompanySettingsStore(db);
  await settings.upsert(TENANT, TENANT, BEFORE);
  const { logger, logged } = capturingLogger();
  const bot = new LiaisonBot({
    ...(await testBotDeps()),
    logger,
    companySettings: new CompanySettingsCommands({
      settings,
      access: new AccessControl({ db, hrAdmins: [HR], localMode: false }),
      logger,
    }),
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  /** The bot's one reply to the submitted card. */
  const submit = async (value: Record<string, unknown>, locale = 'en-US') => {
    const replies: Array<Partial<Activity>> = [];
    await adapter
      .send({
        type: 'message',
        locale,
        channelData: { tenant: { id: TENANT } },
        from: { id: `29:${HR}`, name: 'HR', aadObjectId: HR },
        value,
      })
      .assertReply((reply) => void replies.push(reply))
      .startTest();
    return String(replies[0]?.text ?? '');
  };
  return { settings, submit, logged };
}

const message = (locale: string, key: string) => translatorFor(locale)(`settings.invalid.${key}`);

describe('the settings card screens every typed field before anything is kept or logged', () => {
  // The fields that name a person; those that name the employer or its SPST are checked below.
  const fields = ['hrName', 'hrPhone'] as const;

  test.each(fields.flatMap((field) => HEALTH_DETAILS.map((detail) => [field, detail.how, detail] as const)))(
    '%s with a health detail written %s: refused, said why, nothing saved, nothing logged',
    async (field, _how, detail) => {
      const { settings, submit, logged } = await setup();
      const reply = await submit(form({ [field]: detail.text }));
      const key = detail.refusal === 'health' ? 'health' : 'invalidCharacters';
      expect(reply).toContain(message('en', 'intro'));
      expect(reply).toContain(message('en', key));
      expect(reply).not.toContain(detail.text);
      expect(mentions(reply, detail.term)).toBe(false);
      expect(await settings.get(TENANT, TENANT)).toEqual(BEFORE);
      expect(logged()).not.toContain(detail.text);
      expect(mentions(logged(), detail.term)).toBe(false);
    },
  );

  test('the refusal is in the person language', async () => {
    const { settings, submit } = await setup();
    const reply = await submit(form({ hrName: 'Hélène Roux, suivie au CMP' }), 'fr-FR');
    expect(reply).toBe(`${message('fr', 'intro')}\n- ${message('fr', 'health')}`);
    expect(await settings.get(TENANT, TENANT)).toEqual(BEFORE);
  });

  test('an employer or an SPST that is a care place keeps its name; an invisible character is still refused', async () => {
    const { settings, submit } = await setup();
    const reply = await submit(
      form({
        companyName: 'Centre hospitalier de Versailles',
        spstName: 'Santé au travail du centre de rééducation fonctionnelle',
        spstAddress: 'à côté du CMP, 3 rue des Lilas',
      }),
    );
    expect(reply).toBe(translatorFor('en')('settings.saved'));
    expect(await settings.get(TENANT, TENANT)).toMatchObject({
      companyName: 'Centre hospitalier de Versailles',
      spstContact: { address: 'à côté du CMP, 3 rue des Lilas' },
    });
    const refused = await submit(form({ companyName: 'Centre\u200B hospitalier' }));
    expect(refused).toContain(message('en', 'invalidCharacters'));
  });

  test('a line break or a name over 200 characters is refused too, each rule named once', async () => {
    const { settings, submit } = await setup();
    const reply = await submit(form({ spstName: 'SPST\nOuest', hrName: 'R'.repeat(201) }));
    expect(reply).toBe(
      [
        message('en', 'intro'),
        `- ${message('en', 'invalidCharacters')}`,
        `- ${message('en', 'tooLong')}`,
      ].join('\n'),
    );
    expect(await settings.get(TENANT, TENANT)).toEqual(BEFORE);
  });

  test('ordinary values, occupational health words included, are saved normalised', async () => {
    const { settings, submit, logged } = await setup();
    const reply = await submit(
      form({
        companyName: '  Boulangerie   Dupain ',
        spstName: 'Dr Claire Martin, médecin du travail',
        spstAddress: 'Service de prévention et de santé au travail, 12 rue de la Paix, Paris',
        hrName: 'Hélène Roux',
      }),
    );
    expect(reply).toBe(translatorFor('en')('settings.saved'));
    expect(await settings.get(TENANT, TENANT)).toMatchObject({
      companyName: 'Boulangerie Dupain',
      spstContact: {
        name: 'Dr Claire Martin, médecin du travail',
        address: 'Service de prévention et de santé au travail, 12 rue de la Paix, Paris',
      },
      hrContact: { name: 'Hélène Roux' },
    });
    expect(logged()).toContain('settings.saved');
    expect(logged()).not.toContain('Hélène Roux');
  });
});
