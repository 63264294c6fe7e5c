import { loadConfig, DEFAULT_SQLITE_PATH } from '../../bot/config';

describe('loadConfig', () => {
  test('runs on embedded defaults with no variable set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.storage).toEqual({ kind: 'sqlite', path: DEFAULT_SQLITE_PATH });
    expect(config.microsoftApp).toBeUndefined();
  });

  test('reads the storage target from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).storage).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.db',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  test('reads the HR people allowed to change settings', () => {
    expect(loadConfig({}).hrAdmins).toEqual([]);
    expect(loadConfig({ HR_ADMINS: 'aaa-1, bbb-2' }).hrAdmins).toEqual(['aaa-1', 'bbb-2']);
  });

  test('leaves local mode when an app id is set', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    expect(config.microsoftApp).toMatchObject({ id: 'app', password: 'secret', type: 'MultiTenant' });
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
    [{ HR_ADMINS: 'a b;c' }, 'HR_ADMINS'],
  ])('a bad value stops start-up and names the variable: %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}\\b`));
  });
});

test('retention periods come from the environment, and a bad one names its variable', () => {
  expect(loadConfig({}).retention).toEqual({ detailsMonths: 6, proofYears: 5 });
  expect(loadConfig({ RETENTION_DETAILS_MONTHS: '12', RETENTION_PROOF_YEARS: '3' }).retention).toEqual({
    detailsMonths: 12,
    proofYears: 3,
  });
  expect(() => loadConfig({ RETENTION_PROOF_YEARS: 'forever' })).toThrow(/RETENTION_PROOF_YEARS/);
});

test('PUBLIC_BASE_URL is checked and defaults to this machine', () => {
  expect(loadConfig({ PORT: '4000' }).publicBaseUrl).toBe('http://localhost:4000');
  expect(loadConfig({ PUBLIC_BASE_URL: 'https://liaison.example.com/' }).publicBaseUrl).toBe(
    'https://liaison.example.com',
  );
  expect(() => loadConfig({ PUBLIC_BASE_URL: 'liaison.example.com' })).toThrow(/PUBLIC_BASE_URL/);
});

test('SCHEDULER_POLL_MS sets how often reminders are looked for, within bounds', () => {
  expect(loadConfig({}).schedulerPollMs).toBe(30_000);
  expect(loadConfig({ SCHEDULER_POLL_MS: '2000' }).schedulerPollMs).toBe(2000);
  expect(() => loadConfig({ SCHEDULER_POLL_MS: '10' })).toThrow(/SCHEDULER_POLL_MS/);
});
