import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { LinkSigner } from '../../bot/platform/signedLinks';
import { privacyExportRoutes } from '../../bot/http/exportRoute';
import { PrivacyRequests } from '../../bot/services/privacy/privacyRequests';
import { migrate } from '../../bot/platform/storage';
import { SqliteDatabase } from '../../bot/platform/storage/sqlite';
import { TabAuthenticator } from '../../bot/http/tab/auth';
import { silentLogger } from '../support/bot';

// The route only needs EXPORT_PATH from commands.ts; keep the employee-data module (the case engine's) out.
jest.mock('../../bot/services/privacy/employeeData', () => ({ parseEmployeeKey: jest.fn() }));

const TENANT = 'tenant-a';
const HOUR = 3_600_000;

// Finding 10: the export link opens only for the HR person who asked, proven by their tab token.
describe('the export link (finding 10)', () => {
  let db: SqliteDatabase;
  let server: restify.Server;
  let base: string;
  let links: LinkSigner;
  let requests: PrivacyRequests;
  const auth = new TabAuthenticator({});
  const exported: string[] = [];

  beforeAll(async () => {
    db = new SqliteDatabase(':memory:');
    await migrate(db);
    links = new LinkSigner(db);
    requests = new PrivacyRequests(db);
    server = restify.createServer();
    privacyExportRoutes({
      employeeData: {
        exportEmployee: async (_tenant: string, _company: string, _key: unknown, by?: string) => {
          exported.push(by ?? '');
          return { cases: [] } as never;
        },
      },
      requests,
      links,
      logger: silentLogger,
      auth,
    })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await db.close();
  });

  async function link(requestedBy = 'aad-hr') {
    const id = await requests.create(
      {
        tenantId: TENANT,
        companyId: TENANT,
        action: 'export',
        key: { email: 'c@example.com' } as never,
        requestedBy,
      },
      HOUR,
    );
    const token = await links.sign(
      { purpose: 'privacy.export', tenantId: TENANT, companyId: TENANT, subject: { id, by: requestedBy } },
      HOUR,
    );
    return `${base}/api/privacy/export/${token}`;
  }
  const as = async (aadObjectId: string, tenantId = TENANT) => ({
    authorization: `Bearer ${await auth.issueDevToken({ tenantId, aadObjectId })}`,
  });

  test('the link alone opens nothing (401), and stays usable by its owner', async () => {
    const url = await link();
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toMatch(/onglet RH[\s\S]*HR tab/);
    expect((await fetch(url, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
    expect((await fetch(url, { headers: await as('aad-hr') })).status).toBe(200);
  });

  test('someone else, even HR of the same tenant, or the same id in another tenant, gets 403', async () => {
    const url = await link();
    expect((await fetch(url, { headers: await as('aad-other-hr') })).status).toBe(403);
    expect((await fetch(url, { headers: await as('aad-hr', 'tenant-b') })).status).toBe(403);
    const response = await fetch(url, { headers: await as('aad-hr') });
    expect(response.status).toBe(200);
    expect(exported.at(-1)).toBe('aad-hr');
    expect((await fetch(url, { headers: await as('aad-hr') })).status).toBe(410);
  });

  test('a link made without the asker (an old link) opens for nobody', async () => {
    const id = await requests.create(
      {
        tenantId: TENANT,
        companyId: TENANT,
        action: 'export',
        key: { email: 'c@example.com' } as never,
        requestedBy: 'aad-hr',
      },
      HOUR,
    );
    const token = await links.sign(
      { purpose: 'privacy.export', tenantId: TENANT, companyId: TENANT, subject: { id } },
      HOUR,
    );
    expect((await fetch(`${base}/api/privacy/export/${token}`, { headers: await as('aad-hr') })).status).toBe(
      403,
    );
  });
});
