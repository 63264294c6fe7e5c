import { loadConfig, DEFAULT_SQLITE_PATH } from '../../../bot/platform/config';

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

describe('hardening (issue 15)', () => {
  const T1 = '11111111-aaaa-4aaa-8aaa-111111111111';
  const T2 = '22222222-bbbb-4bbb-8bbb-222222222222';
  const app = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' };

  test('finding 1: local mode listens on 127.0.0.1 unless HOST says otherwise; with an app, on every interface', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(app).host).toBe('0.0.0.0');
  });

  test('finding 2: ALLOWED_TENANTS defaults to MicrosoftAppTenantId; unrestricted in local mode unless set', () => {
    expect(loadConfig({}).allowedTenants).toBe('any');
    expect(loadConfig({ ALLOWED_TENANTS: 'local-tenant' }).allowedTenants).toEqual(new Set(['local-tenant']));
    expect(loadConfig({ ...app, MicrosoftAppTenantId: T1.toUpperCase() }).allowedTenants).toEqual(
      new Set([T1]),
    );
    expect(
      loadConfig({ ...app, MicrosoftAppTenantId: T1, ALLOWED_TENANTS: `${T1}, ${T2}` }).allowedTenants,
    ).toEqual(new Set([T1, T2]));
    expect(loadConfig({ ...app, MicrosoftAppTenantId: T1, ALLOWED_TENANTS: '*' }).allowedTenants).toBe('any');
    expect(loadConfig(app).allowedTenants).toBe('any');
    expect(() => loadConfig({ ALLOWED_TENANTS: 'a b' })).toThrow(/ALLOWED_TENANTS/);
  });

  test('finding 2: HR_ADMINS entries are scoped to a tenant', () => {
    expect(loadConfig({ HR_ADMINS: 'aad-hr' }).hrAdminGrants).toEqual([{ aadObjectId: 'aad-hr' }]);
    expect(loadConfig({ ...app, MicrosoftAppTenantId: T1, HR_ADMINS: 'oid-1' }).hrAdminGrants).toEqual([
      { tenantId: T1, aadObjectId: 'oid-1' },
    ]);
    expect(loadConfig({ ...app, ALLOWED_TENANTS: T2, HR_ADMINS: `oid-1,${T2}:oid-2` }).hrAdminGrants).toEqual(
      [
        { tenantId: T2, aadObjectId: 'oid-1' },
        { tenantId: T2, aadObjectId: 'oid-2' },
      ],
    );
    // Several tenants, or any: a bare id names no tenant.
    expect(() => loadConfig({ ...app, HR_ADMINS: 'oid-1' })).toThrow(/HR_ADMINS: oid-1 names no tenant/);
    expect(() => loadConfig({ ...app, ALLOWED_TENANTS: `${T1},${T2}`, HR_ADMINS: 'oid-1' })).toThrow(
      /HR_ADMINS/,
    );
    expect(() => loadConfig({ ...app, MicrosoftAppTenantId: T1, HR_ADMINS: `${T2}:oid-1` })).toThrow(
      /HR_ADMINS: the tenant .* is not in ALLOWED_TENANTS/,
    );
  });

  test('finding 3: PUBLIC_DOMAIN, else the host of PUBLIC_BASE_URL, names the tab audience', () => {
    expect(loadConfig({ PUBLIC_DOMAIN: 'Liaison.Example.com' }).publicDomain).toBe('liaison.example.com');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }).publicDomain).toBe('bot.example.org');
    expect(loadConfig({}).publicDomain).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_DOMAIN: 'https://x.example.com/' })).toThrow(/PUBLIC_DOMAIN/);
  });
});
