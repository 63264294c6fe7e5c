import {
  AccessControl,
  accessWith,
  auditRoleOf,
  companyOfActivity,
  isNoticeContact,
} from '../../../../bot/services/access';
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
  });

  it('answers each question of a case from the stored case: follow it, answer it, acknowledge its notice', async () => {
    const control = access(['aad-admin'], false);
    const caller = (aadObjectId: string | undefined, tenantId = 'tenant-a') => ({ tenantId, aadObjectId });
    expect(await control.mayFollowCase(caller('aad-manager'), liaisonCase)).toBe(true);
    expect(await control.mayFollowCase(caller('aad-admin'), liaisonCase)).toBe(true);
    expect(await control.mayFollowCase(caller('aad-employee'), liaisonCase)).toBe(false);
    expect(await control.mayFollowCase(caller('aad-spst-on-case'), liaisonCase)).toBe(false);
    expect(control.mayAnswerInvitation(caller('aad-employee'), liaisonCase)).toBe(true);
    expect(control.mayAnswerInvitation(caller('aad-manager'), liaisonCase)).toBe(false);
    expect(control.mayAnswerInvitation(caller('aad-admin'), liaisonCase)).toBe(false);
    expect(isNoticeContact(liaisonCase, 'aad-spst-on-case')).toBe(true);
    expect(isNoticeContact(liaisonCase, 'aad-manager')).toBe(false);
    expect(isNoticeContact(liaisonCase, undefined)).toBe(false);
    // The company's current contact, named since the notice went out, sees it but did not get it.
    await settings.upsert('tenant-a', 'company-1', {
      spstContact: { name: 'SPST', aadObjectId: 'aad-spst-new' },
    });
    expect(isNoticeContact(liaisonCase, 'aad-spst-new')).toBe(false);
  });

  it("lets the manager the employee named, or HR, handle the employee's request", async () => {
    const control = access(['aad-admin'], false);
    const request = {
      id: 'request-1',
      tenantId: 'tenant-a',
      companyId: 'company-1',
      manager: { name: 'Louis Bernard', aadObjectId: 'aad-named' },
    } as Parameters<AccessControl['mayHandleRequest']>[1];
    const mayHandle = (aadObjectId: string | undefined, tenantId = 'tenant-a') =>
      control.mayHandleRequest({ tenantId, aadObjectId }, request);
    expect(await mayHandle('aad-named')).toBe(true);
    expect(await mayHandle('aad-admin')).toBe(true);
    expect(await mayHandle('aad-stranger')).toBe(false);
    expect(await mayHandle(undefined)).toBe(false);
    expect(await mayHandle('aad-named', 'tenant-b')).toBe(false);
    expect(await mayHandle('aad-admin', 'tenant-b')).toBe(false);
  });

  it('gives nobody of another tenant any role, not even an HR admin or the same object ids', async () => {
    const control = access(['aad-admin'], true);
    for (const id of ['aad-manager', 'aad-employee', 'aad-spst-on-case', 'aad-admin']) {
      expect(await control.rolesOnCase({ tenantId: 'tenant-b', aadObjectId: id }, liaisonCase)).toEqual([]);
      expect(await control.mayFollowCase({ tenantId: 'tenant-b', aadObjectId: id }, liaisonCase)).toBe(false);
      expect(control.mayAnswerInvitation({ tenantId: 'tenant-b', aadObjectId: id }, liaisonCase)).toBe(false);
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
  const liaisonCase = sampleCase({ spst: { attendance: 'attend', contactAadObjectId: 'aad-spst-on-case' } });
  const caller = (aadObjectId: string) => ({ tenantId: 'tenant-a', aadObjectId });

  it('answers the case questions with the HR rule it is given; without one, nobody is HR', async () => {
    const withHr = accessWith(async (_tenant, _company, id) => id === 'aad-hr');
    expect(await withHr.mayFollowCase(caller('aad-hr'), liaisonCase)).toBe(true);
    expect(await withHr.mayFollowCase(caller('aad-manager'), liaisonCase)).toBe(true);
    expect(await withHr.mayFollowCase(caller('aad-stranger'), liaisonCase)).toBe(false);
    const nobodyHr = accessWith();
    expect(await nobodyHr.mayFollowCase(caller('aad-hr'), liaisonCase)).toBe(false);
    expect(await nobodyHr.mayFollowCase(caller('aad-manager'), liaisonCase)).toBe(true);
    expect(nobodyHr.mayAnswerInvitation(caller('aad-employee'), liaisonCase)).toBe(true);
  });

  it('knows an employee outside Teams by the id the answer page acts with', () => {
    const byEmail = sampleCase({
      employee: { name: 'Camille Martin', email: 'Camille@Example.com' },
    } as Parameters<typeof sampleCase>[0]);
    expect(accessWith().mayAnswerInvitation(caller('email:camille@example.com'), byEmail)).toBe(true);
    expect(auditRoleOf(byEmail, 'email:camille@example.com', { hr: false, spst: false })).toBe('employee');
  });

  it('records the role a change was made in: employee, manager, SPST, HR, else the system', () => {
    expect(auditRoleOf(liaisonCase, 'aad-employee', { hr: true, spst: false })).toBe('employee');
    expect(auditRoleOf(liaisonCase, 'aad-manager', { hr: true, spst: false })).toBe('manager');
    expect(auditRoleOf(liaisonCase, 'aad-spst-on-case', { hr: true, spst: true })).toBe('spst');
    expect(auditRoleOf(liaisonCase, 'aad-hr', { hr: true, spst: false })).toBe('hr');
    expect(auditRoleOf(liaisonCase, 'aad-other', { hr: false, spst: false })).toBe('system');
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
