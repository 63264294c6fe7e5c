import { AccessControl, isTenantAllowed } from '../../bot/services/access';
import { loadConfig } from '../../bot/platform/config';
import { migrate } from '../../bot/platform/storage';
import { SqliteDatabase } from '../../bot/platform/storage/sqlite';

const T1 = '11111111-aaaa-4aaa-8aaa-111111111111';
const T2 = '22222222-bbbb-4bbb-8bbb-222222222222';

// Finding 2: HR_ADMINS is scoped to a tenant, nobody is HR outside ALLOWED_TENANTS, one rule everywhere.
describe('who is HR, per tenant (finding 2)', () => {
  let db: SqliteDatabase;
  beforeAll(async () => {
    db = new SqliteDatabase(':memory:');
    await migrate(db);
  });
  afterAll(() => db.close());

  test('a scoped HR_ADMINS entry is HR in its tenant only, whatever the case of the tenant id', async () => {
    const access = new AccessControl({ db, hrAdmins: [`${T1.toUpperCase()}:oid-hr`], localMode: false });
    expect(await access.isHr(T1, T1, 'oid-hr')).toBe(true);
    expect(await access.isHr(T2, T2, 'oid-hr')).toBe(false);
    expect(await access.isHr(T1, T1, 'oid-other')).toBe(false);
  });

  test('from the configuration: a bare id is the deployment tenant, and nobody is HR outside ALLOWED_TENANTS', async () => {
    const config = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: T1,
      HR_ADMINS: 'oid-hr',
    });
    const access = AccessControl.fromConfig(db, config);
    expect(await access.isHr(T1, T1, 'oid-hr')).toBe(true);
    expect(await access.isHr(T2, T2, 'oid-hr')).toBe(false);
    await access.addHrUser(T2, T2, 'oid-listed');
    expect(await access.isHr(T2, T2, 'oid-listed')).toBe(false); // T2 is not served at all
  });

  test('with a Microsoft app and an empty HR_ADMINS, nobody is HR (the settings commands ask the same rule)', async () => {
    const access = AccessControl.fromConfig(
      db,
      loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' }),
    );
    expect(await access.isHr(T1, T1, 'anyone')).toBe(false);
  });

  test('isTenantAllowed', () => {
    expect(isTenantAllowed('any', undefined)).toBe(true);
    expect(isTenantAllowed(undefined, 'x')).toBe(true);
    expect(isTenantAllowed(new Set([T1]), T1.toUpperCase())).toBe(true);
    expect(isTenantAllowed(new Set([T1]), T2)).toBe(false);
    expect(isTenantAllowed(new Set([T1]), undefined)).toBe(false);
  });
});
