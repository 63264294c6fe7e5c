import restify from 'restify';
import { absencesRoutes } from '../../../bot/http/absencesRoutes';
import { AbsenceApiKeys, AbsenceFeed } from '../../../bot/services/absences';
import { translatorFor } from '../../../language/i18n';
import { freshSqlite, type TestDatabase } from '../../support/databases';
import { capturingLogger, HEALTH_DETAILS, mentions } from '../../support/screening';
import { COMPANY, remindersOver, TENANT } from '../platform/scheduler/support';

const NOW = new Date('2026-11-05T09:00:00.000Z');

/** An absence as an HR system sends it. */
const absence = (employee: Record<string, string> = {}, id = 'abs-1') => ({
  id,
  employee: {
    aadObjectId: 'aad-employee',
    email: 'camille.martin@example.com',
    name: 'Camille Martin',
    ...employee,
  },
  kind: 'maladie',
  start: '2026-10-20',
  end: null,
  contract: { kind: 'cdi' },
});

/**
 * `POST /api/absences` screens every text of a batch the schema accepted before anything is stored or logged:
 * a health detail however it is written is refused with 400 naming the field and the rule (English, or French on
 * Accept-Language: fr), never echoing it, and nothing of the batch is stored.
 */
describe('POST /api/absences screens the texts of every absence', () => {
  let handle: TestDatabase;
  let server: restify.Server;
  let baseUrl: string;
  let key: string;
  let logs: ReturnType<typeof capturingLogger>;

  beforeEach(async () => {
    handle = await freshSqlite();
    const r = remindersOver(handle.db, NOW);
    const keys = new AbsenceApiKeys(handle.db, () => NOW);
    key = (await keys.create(TENANT, COMPANY, 'payroll')).key;
    logs = capturingLogger();
    server = restify.createServer();
    const feed = new AbsenceFeed({
      db: handle.db,
      absences: r.absences,
      reminders: r.reminders,
      now: () => NOW,
    });
    absencesRoutes({ keys, feed, logger: logs.logger })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${server.address().port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.dispose();
  });

  const post = async (absences: unknown[], headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}/api/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify({ absences }),
    });
    return { status: response.status, text: await response.text() };
  };
  const stored = () =>
    handle.db.query<{ absence_id: string; employee: string }>('SELECT absence_id, employee FROM absences');
  const refusal = (lang: string, reason: string) => translatorFor(lang, 'absences')(`refused.${reason}`);

  test.each(HEALTH_DETAILS.map((detail) => [detail.how, detail] as const))(
    "an employee's name with a health detail written %s: 400 naming the field, nothing stored, nothing logged",
    async (_how, detail) => {
      const response = await post([absence({}, 'abs-ok'), absence({ name: detail.text }, 'abs-2')]);
      expect(response.status).toBe(400);
      const field = 'absences[1].employee.name';
      const message = refusal('en', detail.refusal);
      expect(JSON.parse(response.text)).toEqual({
        error: 'invalid_request',
        message: `${field}: ${message}`,
        issues: [{ field, message }],
      });
      expect(mentions(response.text, detail.term)).toBe(false);
      expect(await stored()).toEqual([]);
      expect(logs.logged()).not.toContain(detail.text);
      expect(mentions(logs.logged(), detail.term)).toBe(false);
    },
  );

  test('an absence id, an Entra id or an email with a health detail is refused too, each field named', async () => {
    const response = await post([
      absence({ aadObjectId: 'aad-onco-suivi-cancer' }, 'arret-depression-2026'),
      absence({ aadObjectId: 'aad-2', email: 'camille.psychiatrie@example.com' }, 'abs-3'),
    ]);
    expect(response.status).toBe(400);
    expect((JSON.parse(response.text) as { issues: Array<{ field: string }> }).issues).toEqual([
      { field: 'absences[0].id', message: refusal('en', 'health') },
      { field: 'absences[0].employee.aadObjectId', message: refusal('en', 'health') },
      { field: 'absences[1].employee.email', message: refusal('en', 'health') },
    ]);
    expect(response.text).not.toMatch(/depression|cancer|psychiatrie/);
    expect(await stored()).toEqual([]);
  });

  test('in French when the HR system asks for it', async () => {
    const response = await post([absence({ name: 'Camille (burn-out)' })], { 'accept-language': 'fr-FR' });
    expect(response.status).toBe(400);
    expect((JSON.parse(response.text) as { message: string }).message).toBe(
      `absences[0].employee.name: ${refusal('fr', 'health')}`,
    );
  });

  test('an ordinary batch goes through, the names stored normalised', async () => {
    const response = await post([
      absence({ name: '  Camille   Martin ' }),
      absence({ aadObjectId: 'aad-2', name: 'Hélène Roux' }, 'abs-2'),
    ]);
    expect(response.status).toBe(200);
    const names = (await stored()).map((row) => (JSON.parse(row.employee) as { name: string }).name).sort();
    expect(names).toEqual(['Camille Martin', 'Hélène Roux']);
    expect(logs.logged()).toContain('absences received');
    expect(logs.logged()).not.toContain('Camille');
  });
});
