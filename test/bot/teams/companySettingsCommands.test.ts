import { TestAdapter, type Activity } from 'botbuilder';
import { AccessControl } from '../../../bot/services/access';
import { CompanySettingsStore } from '../../../bot/services/caseFlow';
import { CompanySettingsCommands, parseSettingsForm } from '../../../bot/teams/companySettingsCommands';
import { LiaisonBot } from '../../../bot/teams/liaisonBot';
import { migrate } from '../../../bot/platform/storage';
import { SqliteDatabase } from '../../../bot/platform/storage/sqlite';
import { adaptiveCardOf, cardTexts, silentLogger, testBotDeps } from '../../support/bot';

const TENANT = 'tenant-a';

async function setup(hrAdmins: string[] = ['hr-1']) {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const settings = new CompanySettingsStore(db);
  const bot = new LiaisonBot({
    ...(await testBotDeps()),
    companySettings: new CompanySettingsCommands({
      settings,
      access: new AccessControl({ db, hrAdmins, localMode: false }),
      logger: silentLogger,
    }),
  });
  return { settings, adapter: new TestAdapter((context) => bot.run(context)) };
}

function fromHr(activity: Partial<Activity>, aadObjectId = 'hr-1'): Partial<Activity> {
  return {
    type: 'message',
    locale: 'en-US',
    channelData: { tenant: { id: TENANT } },
    from: { id: `29:${aadObjectId}`, name: 'HR', aadObjectId },
    ...activity,
  };
}

const validForm = {
  settingsForm: true,
  companyName: 'Acme',
  spstName: 'SPST Ouest',
  spstEmail: 'contact@spst.example',
  spstPhone: '',
  spstAddress: '',
  spstWebsite: 'https://spst.example',
  headcount: '260',
  referentDesignated: 'true',
};

test('"settings" shows the form; submitting it saves the company settings, then the form shows them', async () => {
  const { settings, adapter } = await setup();
  await adapter
    .send(fromHr({ text: 'settings' }))
    .assertReply((reply) => expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toMatch(/Company settings/))
    .send(fromHr({ value: validForm }))
    .assertReply((reply) => expect(reply.text).toBe('Settings saved.'))
    .send(fromHr({ text: 'paramètres', locale: 'fr-FR' }))
    .assertReply((reply) => {
      const texts = cardTexts(adaptiveCardOf(reply)).join(' ');
      expect(texts).toMatch(/Paramètres de l'entreprise/);
      expect(texts).toContain('contact@spst.example');
    })
    .startTest();
  expect(await settings.get(TENANT, TENANT)).toEqual({
    companyName: 'Acme',
    spstContact: { name: 'SPST Ouest', email: 'contact@spst.example', website: 'https://spst.example' },
    headcount: 260,
    referentDesignated: true,
  });
});

test('bad values are all named, in the user language, and nothing is saved', async () => {
  const { settings, adapter } = await setup();
  await adapter
    .send(
      fromHr({
        locale: 'fr-FR',
        value: {
          ...validForm,
          spstName: '',
          spstEmail: 'not-an-email',
          headcount: '-3',
          spstWebsite: 'spst.fr',
        },
      }),
    )
    .assertReply((reply) => {
      expect(reply.text).toMatch(/Rien n'a été enregistré/);
      expect(reply.text).toMatch(/e-mail/);
      expect(reply.text).toMatch(/effectif/);
      expect(reply.text).toMatch(/https:\/\//);
      expect(reply.text).toMatch(/nom du SPST/);
    })
    .startTest();
  expect(await settings.get(TENANT, TENANT)).toEqual({});
});

test('with HR_ADMINS set, someone else may neither see nor change the settings', async () => {
  const { settings, adapter } = await setup(['hr-1']);
  await adapter
    .send(fromHr({ value: validForm }, 'employee-7'))
    .assertReply((reply) => expect(reply.text).toMatch(/Only the designated HR people/))
    .send(fromHr({ text: 'settings' }, 'employee-7'))
    .assertReply((reply) => expect(reply.text).toMatch(/Only the designated HR people/))
    .send(fromHr({ value: validForm }, 'hr-1'))
    .assertReply((reply) => expect(reply.text).toBe('Settings saved.'))
    .startTest();
  expect((await settings.get(TENANT, TENANT)).companyName).toBe('Acme');
});

// Finding 2: the one rule of bot/services/access — an empty HR_ADMINS (with no company HR list) gives nobody HR.
test('with HR_ADMINS empty and no access control, nobody may change the settings', async () => {
  const { settings, adapter } = await setup([]);
  await adapter
    .send(fromHr({ value: validForm }, 'hr-1'))
    .assertReply((reply) => expect(reply.text).toMatch(/Only the designated HR people/))
    .startTest();
  expect(await settings.get(TENANT, TENANT)).toEqual({});
});

test('an HR_ADMINS entry scoped to another tenant gives no HR rights here', async () => {
  const { adapter } = await setup(['tenant-b:hr-1']);
  await adapter
    .send(fromHr({ text: 'settings' }, 'hr-1'))
    .assertReply((reply) => expect(reply.text).toMatch(/Only the designated HR people/))
    .startTest();
  const { adapter: scoped } = await setup([`${TENANT}:hr-1`]);
  await scoped
    .send(fromHr({ value: validForm }, 'hr-1'))
    .assertReply((reply) => expect(reply.text).toBe('Settings saved.'))
    .startTest();
});

test('"HR channel" sets the channel it is typed in; in a personal chat it explains where to type it', async () => {
  const { settings, adapter } = await setup();
  await adapter
    .send(fromHr({ text: 'HR channel' }))
    .assertReply((reply) => expect(reply.text).toMatch(/in the team channel/))
    .send(
      fromHr({
        text: 'canal RH',
        channelData: { tenant: { id: TENANT }, channel: { id: '19:hr@thread.tacv2' } },
      }),
    )
    .assertReply((reply) => expect(reply.text).toMatch(/channel will now receive/))
    .startTest();
  expect((await settings.get(TENANT, TENANT)).hrChannelId).toBe('19:hr@thread.tacv2');
});

test('without a tenant nothing can be changed', async () => {
  const { adapter } = await setup();
  await adapter
    .send({ type: 'message', locale: 'en-US', value: validForm, from: { id: 'x', name: 'x' } })
    .assertReply((reply) => expect(reply.text).toMatch(/only be changed from Teams/))
    .startTest();
});

test('parseSettingsForm keeps empty fields out and reads the toggle', () => {
  expect(parseSettingsForm({ settingsForm: true, companyName: '  ', referentDesignated: 'false' })).toEqual({
    settings: {
      companyName: undefined,
      spstContact: undefined,
      hrContact: undefined,
      headcount: undefined,
      referentDesignated: false,
    },
  });
  expect(parseSettingsForm({ companyName: 'x'.repeat(301) })).toEqual({ problems: ['tooLong'] });
});

test('parseSettingsForm reads a headcount of 0 (an empty number field in some clients) as not given', () => {
  expect(parseSettingsForm({ headcount: '0' })).toMatchObject({ settings: { headcount: undefined } });
  expect(parseSettingsForm({ headcount: '120' })).toMatchObject({ settings: { headcount: 120 } });
});

test('parseSettingsForm keeps the HR contact and names what is wrong with it', () => {
  expect(parseSettingsForm({ hrName: 'Service RH', hrEmail: 'rh@acme.fr', hrPhone: '01 02' })).toMatchObject({
    settings: { hrContact: { name: 'Service RH', email: 'rh@acme.fr', phone: '01 02' } },
  });
  expect(parseSettingsForm({ hrEmail: 'not-an-email' })).toEqual({ problems: ['hrEmail', 'hrName'] });
});

test('parseSettingsForm keeps the SPST contact picked in Teams, and refuses what is not an Entra id', () => {
  const spstAadObjectId = '2f6a1c3e-9b1d-4c8a-a2e4-6b7c8d9e0f1a';
  expect(parseSettingsForm({ spstName: 'SPST Ouest', spstAadObjectId })).toMatchObject({
    settings: { spstContact: { name: 'SPST Ouest', aadObjectId: spstAadObjectId } },
  });
  expect(parseSettingsForm({ spstName: 'SPST Ouest', spstAadObjectId: 'someone' })).toEqual({
    problems: ['spstAadObjectId'],
  });
});

test('parseSettingsForm reads the policy choices and refuses a value that is not offered', () => {
  const choices = {
    lookbackDays: 'current_leave_only',
    proposalRule: 'meeting',
    eligibilityMode: 'anticipated',
    holidaysRegion: 'alsace_moselle',
  };
  expect(parseSettingsForm(choices)).toMatchObject({
    settings: {
      policy: {
        lookbackDays: 'current_leave_only',
        proposalRule: 'meeting',
        eligibilityMode: 'anticipated',
        holidaysRegion: 'alsace_moselle',
      },
    },
  });
  expect(parseSettingsForm({ ...choices, lookbackDays: '365' })).toMatchObject({
    settings: { policy: { lookbackDays: 365 } },
  });
  expect(parseSettingsForm({ ...choices, holidaysRegion: 'corse' })).toEqual({ problems: ['policy'] });
});
