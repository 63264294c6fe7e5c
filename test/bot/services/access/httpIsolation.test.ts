/**
 * Tenant isolation of the other HTTP surfaces (issue #5): the HR tab's API (/api/tab/*, a bearer token names the
 * tenant) and the absences feed (/api/absences, an API key names the tenant and company). A person or key of
 * tenant B never reads or changes tenant A's cases, settings or absences; every test has a tenant-A control.
 */
import { AbsenceApiKeys } from '../../../../bot/services/absences';
import type { LiaisonCase } from '../../../../bot/services/cases';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { seedCase } from '../cases/sampleCase';
import { startTabApp } from '../../http/tab/tabApi';

const A = 'tenant-a';
const B = 'tenant-b';

describe.each(storageKinds())('tenant isolation of /api/tab and /api/absences on $kind', ({ open }) => {
  let database: TestDatabase;
  let tab: Awaited<ReturnType<typeof startTabApp>>;
  let liaisonCase: LiaisonCase;

  beforeAll(async () => {
    database = await open();
    tab = await startTabApp(database);
    // The tab's company is the tenant (as the case flow's).
    liaisonCase = await seedCase(tab.app.db, { request: { tenantId: A, companyId: A } });
    await tab.app.companySettings.upsert(A, A, { companyName: 'Entreprise Alpha', headcount: 42 });
  });
  afterAll(async () => {
    await tab?.app.stop();
    await database?.dispose();
  });

  it('shows tenant B none of the cases, details, letters or exports of tenant A', async () => {
    // The same object id as tenant A's HR person, in tenant B (local mode: HR while none is named there).
    const tokenB = await tab.tokenFor('aad-hr', B);
    const list = await tab.call('/api/tab/cases', tokenB);
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain(liaisonCase.id);
    expect((await tab.call(`/api/tab/cases/${liaisonCase.id}`, tokenB)).status).toBe(404);
    expect((await tab.call(`/api/tab/cases/${liaisonCase.id}/letters/information.pdf`, tokenB)).status).toBe(
      404,
    );
    const csv = await (await tab.call('/api/tab/cases.csv', tokenB)).text();
    expect(csv).not.toMatch(/Camille|Martin/);

    // Control: tenant A's HR sees it all.
    const tokenA = await tab.tokenFor('aad-hr', A);
    expect(JSON.stringify(await (await tab.call('/api/tab/cases', tokenA)).json())).toContain(liaisonCase.id);
    expect((await tab.call(`/api/tab/cases/${liaisonCase.id}`, tokenA)).status).toBe(200);
  });

  it("neither reads nor changes tenant A's settings from tenant B", async () => {
    const tokenB = await tab.tokenFor('aad-hr', B);
    const read = await tab.call('/api/tab/settings', tokenB);
    expect(JSON.stringify(await read.json())).not.toContain('Entreprise Alpha');
    const write = await tab.call('/api/tab/settings', tokenB, {
      method: 'PUT',
      body: JSON.stringify({ companyName: 'Entreprise Beta' }),
    });
    expect(write.status).toBeLessThan(500);
    expect(await tab.app.companySettings.get(A, A)).toMatchObject({ companyName: 'Entreprise Alpha' });
    // Control.
    const tokenA = await tab.tokenFor('aad-hr', A);
    expect(JSON.stringify(await (await tab.call('/api/tab/settings', tokenA)).json())).toContain(
      'Entreprise Alpha',
    );
  });

  it("keeps each company's absences to its own key, even with the same absence and employee ids", async () => {
    const keys = new AbsenceApiKeys(tab.app.db);
    const keyA = (await keys.create(A, A)).key;
    const keyB = (await keys.create(B, B)).key;
    const absence = (end: string) => ({
      id: 'abs-1',
      employee: { aadObjectId: 'aad-employee' },
      kind: 'maladie',
      start: '2026-10-01',
      end,
      contract: { kind: 'cdi' },
    });
    const feed = (key: string, body: unknown) =>
      fetch(`${tab.baseUrl}/api/absences`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await feed(keyA, { absences: [absence('2026-12-31')] })).status).toBe(200);
    expect((await feed(keyB, { absences: [absence('2026-10-05')] })).status).toBe(200);
    // A body cannot name another tenant: the scope is the key's.
    expect((await feed(keyB, { tenantId: A, absences: [absence('2026-10-02')] })).status).toBe(400);

    const rows = await tab.app.db.query<{ tenant_id: string; end_on: string }>(
      "SELECT tenant_id, end_on FROM absences WHERE absence_id = 'abs-1' ORDER BY tenant_id",
    );
    expect(rows).toEqual([
      { tenant_id: A, end_on: '2026-12-31' },
      { tenant_id: B, end_on: '2026-10-05' },
    ]);
    expect((await feed('not-a-key', { absences: [absence('2026-10-02')] })).status).toBe(401);
  });
});
