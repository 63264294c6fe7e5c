import http from 'node:http';
import restify from 'restify';
import {
  AbsenceApiKeys,
  AbsenceFeed,
  AbsenceStore,
  MAX_ABSENCES_PER_REQUEST,
} from '../../../../bot/services/absences';
import { absencesRoutes } from '../../../../bot/http/absencesRoutes';
import { employeeSubject, type ReminderMessagePayload } from '../../../../bot/services/reminders';
import type { Database } from '../../../../bot/platform/storage';
import type { Policy } from '../../../../domain';
import { silentLogger } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { parisToday } from '../../../../domain';
import { callerOf, HR_ID, sampleOpenRequestOn } from '../cases/sampleCase';
import { COMPANY, HR_CHANNEL, remindersOver, TENANT } from '../../platform/scheduler/support';

const NOW = new Date('2026-11-05T09:00:00.000Z'); // 2026-11-05 in Paris

/** An absence as an HR system sends it; the sick leave from 2026-10-20 makes Camille eligible on 2026-11-19. */
const absence = (overrides: Record<string, unknown> = {}) => ({
  id: 'abs-1',
  employee: { aadObjectId: 'aad-employee', email: 'Camille.Martin@example.com', name: 'Camille Martin' },
  kind: 'maladie',
  start: '2026-10-20',
  end: null,
  contract: { kind: 'cdi' },
  ...overrides,
});

describe.each(storageKinds())('POST /api/absences on $kind', ({ open }) => {
  let handle: TestDatabase;
  let db: Database;
  let r: ReturnType<typeof remindersOver>;
  let server: restify.Server;
  let baseUrl: string;
  let keyA: string;
  let keyB: string;
  let keyOtherTenant: string;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    r = remindersOver(db, NOW);
    await r.companySettings.upsert(TENANT, COMPANY, { hrChannelId: HR_CHANNEL });
    const keys = new AbsenceApiKeys(db, () => r.clock.now);
    keyA = (await keys.create(TENANT, COMPANY, 'payroll')).key;
    keyB = (await keys.create(TENANT, 'company-2')).key;
    keyOtherTenant = (await keys.create('tenant-b', COMPANY)).key;
    // No body parser: the route reads its own body, after the key (findings 6 and 9).
    server = restify.createServer();
    const feed = new AbsenceFeed({
      db,
      absences: r.absences,
      reminders: r.reminders,
      now: () => r.clock.now,
    });
    absencesRoutes({ keys, feed, logger: silentLogger })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${server.address().port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.dispose();
  });

  const post = async (
    body: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${keyA}` },
  ) => {
    const response = await fetch(`${baseUrl}/api/absences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const stored = (tenantId = TENANT, companyId = COMPANY) =>
    db.query<{ absence_id: string; kind: string; end_on: string | null }>(
      'SELECT absence_id, kind, end_on FROM absences WHERE tenant_id = $1 AND company_id = $2 ORDER BY absence_id',
      [tenantId, companyId],
    );
  const employeeJobs = async (key = 'aad:aad-employee') =>
    (await r.scheduler.jobs.list(TENANT, employeeSubject(COMPANY, key))).map(
      (job) => `${job.kind.replace('reminder.', '')}@${job.dueOn}:${job.status}`,
    );

  describe('authentication', () => {
    test.each([
      ['no key', {}],
      ['an unknown key', { authorization: 'Bearer lsk_not-a-key' }],
      ['a malformed header', { authorization: `Basic ${keyA}` }],
    ])('%s is refused with 401 and nothing is stored', async (_name, headers) => {
      const response = await post({ absences: [absence()] }, headers as Record<string, string>);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'unauthorized' });
      expect(await stored()).toEqual([]);
    });

    test('the key may come as X-Api-Key', async () => {
      expect((await post({ absences: [absence()] }, { 'x-api-key': keyA })).status).toBe(200);
    });

    test('a revoked key is refused', async () => {
      const keys = new AbsenceApiKeys(db);
      const { keyId, key } = await keys.create(TENANT, COMPANY);
      expect(await keys.revoke(keyId)).toBe(true);
      expect((await post({ absences: [absence()] }, { authorization: `Bearer ${key}` })).status).toBe(401);
    });

    test('only the SHA-256 of a key is stored', async () => {
      const rows = await db.query<{ key_hash: string }>('SELECT key_hash FROM absence_api_keys');
      expect(rows.map((row) => row.key_hash)).not.toContain(keyA);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
    });
  });

  describe('validation', () => {
    test.each([
      ['absences[0].kind', absence({ kind: 'grippe' })],
      ['absences[0].start', absence({ start: '2026-02-30' })],
      ['absences[0].end', absence({ end: '2026-10-01' })],
      ['absences[0].contract.kind', absence({ contract: { kind: 'freelance' } })],
      ['absences[0].employee', absence({ employee: { email: 'c@example.com' } })],
      ['absences[0]', absence({ diagnosis: 'anything' })],
      // Finding 5: a plausible range of days, else 400 naming the field (was a 500 RangeError).
      ['absences[0].start', absence({ start: '0001-01-01' })],
      ['absences[0].start', absence({ start: '1989-12-31' })],
      ['absences[0].end', absence({ end: '9999-12-01' })],
      ['absences[0].end', absence({ end: '2101-01-01' })],
      ['absences[0].contract.end', absence({ contract: { kind: 'cdd', end: '0001-01-01' } })],
      // Finding 9: no control character reaches storage (PostgreSQL refuses U+0000).
      ['absences[0].id', absence({ id: 'abs\u0000-1' })],
      ['absences[0].employee.name', absence({ employee: { aadObjectId: 'aad-1', name: 'Camille\u0000' } })],
      ['absences[0].employee.aadObjectId', absence({ employee: { aadObjectId: 'aad\r1' } })],
    ])('a bad %s is refused with 400 naming it, and nothing is stored', async (field, item) => {
      const response = await post({ absences: [item, absence({ id: 'abs-ok' })] });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_request');
      expect(response.body.message).toContain(field);
      expect(await stored()).toEqual([]);
    });

    test('a body that is not { absences: [...] } is refused with 400', async () => {
      expect((await post([absence()])).status).toBe(400);
      expect((await post({ absences: [] })).status).toBe(400);
    });

    test('the same id twice in one batch is refused', async () => {
      const response = await post({ absences: [absence(), absence({ kind: 'accident' })] });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('abs-1');
    });

    test('the first and last plausible days are accepted', async () => {
      const response = await post({
        absences: [
          absence({ start: '1990-01-01', end: '2100-12-31', contract: { kind: 'cdd', end: '2100-12-31' } }),
        ],
      });
      expect(response.status).toBe(200);
    });

    // Finding 6: the limit counts the bytes received, with or without Content-Length, and only once the key is
    // known.
    const rawPost = (body: Buffer, headers: Record<string, string>, chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const request = http.request(`${baseUrl}/api/absences`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(chunked ? {} : { 'content-length': String(body.length) }),
            ...headers,
          },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        if (chunked) {
          for (let offset = 0; offset < body.length; offset += 64 * 1024) {
            request.write(body.subarray(offset, offset + 64 * 1024));
          }
        } else request.write(body);
        request.end();
      }).catch((error: NodeJS.ErrnoException) =>
        error.code === 'EPIPE' || error.code === 'ECONNRESET' ? -1 : Promise.reject(error),
      );
    const twoMegabytes = Buffer.from(
      JSON.stringify({
        absences: [absence({ employee: { aadObjectId: 'a', name: 'x'.repeat(2 * 1024 * 1024) } })],
      }),
    );

    test.each([false, true])('a 2 MB body is refused with 413 (chunked: %s)', async (chunked) => {
      expect(await rawPost(twoMegabytes, { authorization: `Bearer ${keyA}` }, chunked)).toBe(413);
    });

    test('an unauthenticated body is refused with 401 before it is read', async () => {
      expect(await rawPost(twoMegabytes, {}, true)).toBe(401);
    });

    test(`more than ${MAX_ABSENCES_PER_REQUEST} absences is refused with 413`, async () => {
      const many = Array.from({ length: MAX_ABSENCES_PER_REQUEST + 1 }, (_, i) =>
        absence({ id: `abs-${i}` }),
      );
      expect((await post({ absences: many })).status).toBe(413);
      expect(await stored()).toEqual([]);
    });
  });

  describe('storage', () => {
    test('the same absence id updates the absence, never duplicates it', async () => {
      const first = await post({ absences: [absence()] });
      expect(first.status).toBe(200);
      expect(first.body.results).toEqual([{ id: 'abs-1', status: 'created' }]);
      expect((await post({ absences: [absence()] })).body.results).toEqual([
        { id: 'abs-1', status: 'unchanged' },
      ]);
      const updated = await post({ absences: [absence({ end: '2026-12-31' })] });
      expect(updated.body.results).toEqual([{ id: 'abs-1', status: 'updated' }]);
      expect(await stored()).toEqual([{ absence_id: 'abs-1', kind: 'maladie', end_on: '2026-12-31' }]);
    });

    test("a key writes only its own company's absences: the same id elsewhere is another absence", async () => {
      await post({ absences: [absence()] });
      await post(
        { absences: [absence({ kind: 'accident', end: '2026-10-25' })] },
        { authorization: `Bearer ${keyB}` },
      );
      await post({ absences: [absence({ kind: 'autre' })] }, { authorization: `Bearer ${keyOtherTenant}` });
      expect(await stored()).toEqual([{ absence_id: 'abs-1', kind: 'maladie', end_on: null }]);
      expect(await stored(TENANT, 'company-2')).toEqual([
        { absence_id: 'abs-1', kind: 'accident', end_on: '2026-10-25' },
      ]);
      expect(await stored('tenant-b', COMPANY)).toEqual([
        { absence_id: 'abs-1', kind: 'autre', end_on: null },
      ]);
      // Company B's short absence scheduled nothing for company A's employee, and left A's reminders alone.
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:pending',
        'first_eligible_escalation@2026-11-26:pending',
      ]);
    });
  });

  describe('eligibility and reminders', () => {
    test('an open sick leave schedules the HR reminder on the first eligible day, and its escalation 7 days later', async () => {
      const response = await post({ absences: [absence()] });
      expect(response.body.employees).toEqual([
        { employee: 'aad:aad-employee', eligible: false, firstEligibleDate: '2026-11-19' },
      ]);
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:pending',
        'first_eligible_escalation@2026-11-26:pending',
      ]);
    });

    test('a leave that ends before 30 days cancels them; an extension brings them back', async () => {
      await post({ absences: [absence()] });
      await post({ absences: [absence({ end: '2026-11-10' })] });
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:cancelled',
        'first_eligible_escalation@2026-11-26:cancelled',
      ]);
      await post({ absences: [absence({ id: 'abs-2', start: '2026-11-11', end: '2026-12-15' })] });
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:pending',
        'first_eligible_escalation@2026-11-26:pending',
      ]);
    });

    test('HR is told on the first eligible day, in the channel language, then again after 7 days with no case', async () => {
      await r.knownChannel(HR_CHANNEL, 'en-US');
      await post({ absences: [absence()] });
      r.clock.now = new Date('2026-11-19T07:00:00.000Z');
      await r.scheduler.runDue();
      r.clock.now = new Date('2026-11-26T07:00:00.000Z');
      await r.scheduler.runDue();
      const messages = await r.queued();
      expect(messages.map((m) => (m.payload as ReminderMessagePayload).reminder)).toEqual([
        'first_eligible',
        'first_eligible_escalation',
      ]);
      const rendered = JSON.stringify(await r.render(messages[1]!));
      expect(rendered).toContain(HR_CHANNEL);
      expect(rendered).toContain('Liaison meeting possible: Camille Martin');
      expect(rendered).toContain('no liaison meeting has been started in the last 7 days');
      expect(rendered).toContain('19 November 2026');
    });

    test('once a case exists for the employee, the reminders are cancelled and none goes out', async () => {
      await post({ absences: [absence()] });
      const opened = await r.service.open(
        sampleOpenRequestOn(parisToday(r.clock.now), { tenantId: TENANT, companyId: COMPANY }),
        callerOf(HR_ID),
      );
      expect(opened.outcome).toBe('applied');
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:cancelled',
        'first_eligible_escalation@2026-11-26:cancelled',
      ]);
      await post({
        absences: [absence({ id: 'abs-2', kind: 'conges_payes', start: '2026-10-01', end: '2026-10-02' })],
      });
      expect(await employeeJobs()).toEqual([
        'first_eligible@2026-11-19:cancelled',
        'first_eligible_escalation@2026-11-26:cancelled',
      ]);
      r.clock.now = new Date('2026-11-27T07:00:00.000Z');
      await r.scheduler.runDue();
      expect(await r.queued()).toEqual([]);
    });

    test('an employee known by email only is keyed by the lower-cased address', async () => {
      await post({
        absences: [absence({ employee: { email: 'Camille.Martin@Example.com', name: 'Camille Martin' } })],
      });
      expect(await employeeJobs('email:camille.martin@example.com')).toHaveLength(2);
    });
  });
});

describe.each(storageKinds())(
  "the company's policy decides eligibility from the feed ($kind)",
  ({ open }) => {
    test('two separate 20-day leaves count within 365 days, not when only the current leave counts', async () => {
      const database = await open();
      try {
        const settings: { policy?: Partial<Policy> } = {};
        const store = new AbsenceStore(undefined, { get: async () => settings });
        const scope = { tenantId: 'tenant-a', companyId: 'tenant-a' };
        const employee = { aadObjectId: 'aad-employee' };
        const contract = { kind: 'cdi' as const };
        await database.db.transaction(async (tx) => {
          await store.upsert(tx, scope, {
            id: 'a1',
            employee,
            kind: 'maladie',
            start: '2026-09-01',
            end: '2026-09-20',
            contract,
          });
          await store.upsert(tx, scope, {
            id: 'a2',
            employee,
            kind: 'maladie',
            start: '2026-11-04',
            end: null,
            contract,
          });
        });
        const assess = () =>
          database.db.transaction((tx) =>
            store.assess(tx, { ...scope, employeeKey: 'aad:aad-employee' }, '2026-11-23'),
          );
        expect((await assess())?.assessment.eligible).toBe(true);
        settings.policy = { lookbackDays: 'current_leave_only' };
        expect((await assess())?.assessment.eligible).toBe(false);
      } finally {
        await database.dispose();
      }
    });
  },
);
