import { AccessControl, caseViewFor, companyOfActivity } from '../../../../bot/services/access';
import { CompanySettingsStore } from '../../../../bot/services/caseFlow';
import type { LiaisonCase } from '../../../../bot/services/cases';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { sampleCase } from '../cases/sampleCase';

describe.each(storageKinds())('AccessControl on $kind', ({ open }) => {
  let database: TestDatabase;
  let liaisonCase: LiaisonCase;
  let settings: CompanySettingsStore;

  beforeEach(async () => {
    database = await open();
    settings = new CompanySettingsStore(database.db);
    liaisonCase = sampleCase({ spst: { attendance: 'attend', contactAadObjectId: 'aad-spst-on-case' } });
  });
  afterEach(() => database.dispose());

  const access = (hrAdmins: string[], localMode: boolean) =>
    new AccessControl({ db: database.db, settings, hrAdmins, localMode });

  it('makes HR_ADMINS HR, and nobody else, once someone is named', async () => {
    const control = access(['aad-admin'], true);
    expect(await control.isHr('tenant-a', 'company-1', 'aad-admin')).toBe(true);
    expect(await control.isHr('tenant-a', 'company-1', 'aad-someone')).toBe(false);
    expect(await control.isHr('tenant-a', 'company-1', undefined)).toBe(false);
  });

  it("makes the people on the company's HR list HR of that company only", async () => {
    const control = access([], false);
    await control.addHrUser('tenant-a', 'company-1', 'aad-hr', 'aad-admin');
    await control.addHrUser('tenant-a', 'company-1', 'aad-hr'); // again: nothing changes
    expect((await control.hrUsers('tenant-a', 'company-1')).map((u) => u.aadObjectId)).toEqual(['aad-hr']);
    expect(await control.isHr('tenant-a', 'company-1', 'aad-hr')).toBe(true);
    expect(await control.isHr('tenant-a', 'company-2', 'aad-hr')).toBe(false);
    expect(await control.isHr('tenant-b', 'company-1', 'aad-hr')).toBe(false);
    expect(await control.isHr('tenant-a', 'company-1', 'aad-other')).toBe(false);
    expect(await control.removeHrUser('tenant-a', 'company-1', 'aad-hr')).toBe(true);
    expect(await control.removeHrUser('tenant-a', 'company-1', 'aad-hr')).toBe(false);
    expect(await control.isHr('tenant-a', 'company-1', 'aad-hr')).toBe(false);
  });

  it('makes everybody HR in local mode only, and only while no HR is named anywhere', async () => {
    expect(await access([], true).isHr('tenant-a', 'company-1', 'aad-anyone')).toBe(true);
    expect(await access([], false).isHr('tenant-a', 'company-1', 'aad-anyone')).toBe(false);
    expect(await access(['aad-admin'], true).isHr('tenant-a', 'company-1', 'aad-anyone')).toBe(false);
    await access([], true).addHrUser('tenant-a', 'company-1', 'aad-hr');
    expect(await access([], true).isHr('tenant-a', 'company-1', 'aad-anyone')).toBe(false);
    // Another company of the tenant still has no HR named: the playground's rule still applies there.
    expect(await access([], true).isHr('tenant-a', 'company-2', 'aad-anyone')).toBe(true);
  });

  it('tells each person their roles on the case, from the stored case and settings', async () => {
    const control = access(['aad-admin'], false);
    const roles = (aadObjectId: string | undefined, tenantId = 'tenant-a') =>
      control.rolesOnCase({ tenantId, aadObjectId }, liaisonCase);
    expect(await roles('aad-manager')).toEqual(['manager']);
    expect(await roles('aad-employee')).toEqual(['employee']);
    expect(await roles('aad-spst-on-case')).toEqual(['spst']);
    expect(await roles('aad-admin')).toEqual(['hr']);
    expect(await roles('aad-stranger')).toEqual([]);
    expect(await roles(undefined)).toEqual([]);
    // The company's current SPST contact, named in the settings, is the SPST too.
    await settings.upsert('tenant-a', 'company-1', {
      spstContact: { name: 'SPST', aadObjectId: 'aad-spst-new' },
    });
    expect(await roles('aad-spst-new')).toEqual(['spst']);
    // A manager who is also HR holds both roles.
    await control.addHrUser('tenant-a', 'company-1', 'aad-manager');
    expect(await roles('aad-manager')).toEqual(['hr', 'manager']);
    expect(await control.viewOf({ tenantId: 'tenant-a', aadObjectId: 'aad-manager' }, liaisonCase)).toBe(
      'full',
    );
  });

  it('gives nobody of another tenant any role, not even an HR admin or the same object ids', async () => {
    const control = access(['aad-admin'], true);
    for (const id of ['aad-manager', 'aad-employee', 'aad-spst-on-case', 'aad-admin']) {
      expect(await control.rolesOnCase({ tenantId: 'tenant-b', aadObjectId: id }, liaisonCase)).toEqual([]);
      expect(await control.viewOf({ tenantId: 'tenant-b', aadObjectId: id }, liaisonCase)).toBe('none');
    }
    expect(
      await access([], true).rolesOnCase({ tenantId: 'tenant-b', aadObjectId: 'x' }, liaisonCase),
    ).toEqual([]);
  });

  it('builds from the configuration: local mode is the absence of a Microsoft app', async () => {
    const local = AccessControl.fromConfig(database.db, { hrAdmins: [] });
    const hosted = AccessControl.fromConfig(database.db, { hrAdmins: [], microsoftApp: { id: 'app' } });
    expect(local.localMode).toBe(true);
    expect(hosted.localMode).toBe(false);
    expect(await local.isHr('tenant-a', 'company-1', 'aad-x')).toBe(true);
    expect(await hosted.isHr('tenant-a', 'company-1', 'aad-x')).toBe(false);
  });
});

describe('case views and activity tenants', () => {
  it('gives the widest view of the roles: HR the case, the employee their own, the manager the status', () => {
    expect(caseViewFor(['hr', 'manager'])).toBe('full');
    expect(caseViewFor(['employee'])).toBe('own');
    expect(caseViewFor(['manager'])).toBe('status');
    expect(caseViewFor(['spst'])).toBe('notice');
    expect(caseViewFor([])).toBe('none');
  });

  it('reads the tenant from the channel data, else the conversation', () => {
    expect(
      companyOfActivity({ channelData: { tenant: { id: 't1' } }, conversation: { tenantId: 't2' } }),
    ).toEqual({ tenantId: 't1', companyId: 't1' });
    expect(companyOfActivity({ conversation: { tenantId: 't2' } })).toEqual({
      tenantId: 't2',
      companyId: 't2',
    });
    expect(companyOfActivity({ channelData: { tenant: {} } })).toBeUndefined();
  });
});
