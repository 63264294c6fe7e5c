import type { CaseChange, CaseService } from '../../../../bot/services/caseFlow';
import { Outbox, type CaseStore, type LiaisonCase } from '../../../../bot/services/cases';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import {
  applyRetention,
  loadRetentionPolicy,
  proofOnly,
  readRetentionLog,
  subtractMonths,
} from '../../../../bot/services/privacy';
import type { Database } from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import {
  callerOf,
  EMPLOYEE_ID,
  HR_ID,
  sampleOpenRequest,
  SPST_ID,
  testCaseService,
} from '../cases/sampleCase';

type Step = 'accept' | 'decline' | 'cancel' | 'record_held';
const CHANGES: Record<Step, { change: CaseChange; by: string }> = {
  accept: { change: { type: 'accept', offer: 1 }, by: EMPLOYEE_ID },
  decline: { change: { type: 'decline', offer: 1 }, by: EMPLOYEE_ID },
  cancel: { change: { type: 'cancel' }, by: HR_ID },
  record_held: { change: { type: 'record_held' }, by: HR_ID },
};

describe('retention periods', () => {
  it('subtracts calendar months, clamped to the end of the month', () => {
    expect(subtractMonths('2026-07-15', 6)).toBe('2026-01-15');
    expect(subtractMonths('2026-08-31', 6)).toBe('2026-02-28');
    expect(subtractMonths('2028-08-31', 6)).toBe('2028-02-29');
    expect(subtractMonths('2026-03-10', 60)).toBe('2021-03-10');
    expect(subtractMonths('2026-01-31', 1)).toBe('2025-12-31');
  });

  it('reads the periods from the environment, 6 months and 5 years by default', () => {
    expect(loadRetentionPolicy({})).toEqual({ detailsMonths: 6, proofYears: 5 });
    expect(loadRetentionPolicy({ RETENTION_DETAILS_MONTHS: '3', RETENTION_PROOF_YEARS: '6' })).toEqual({
      detailsMonths: 3,
      proofYears: 6,
    });
    expect(() => loadRetentionPolicy({ RETENTION_DETAILS_MONTHS: 'six' })).toThrow(
      /RETENTION_DETAILS_MONTHS/,
    );
    expect(() =>
      loadRetentionPolicy({ RETENTION_DETAILS_MONTHS: '120', RETENTION_PROOF_YEARS: '1' }),
    ).toThrow(/RETENTION_PROOF_YEARS/);
  });
});

describe.each(storageKinds())('applyRetention on $kind', ({ open }) => {
  let database: TestDatabase;
  let db: Database;
  let clock: Date;
  let cases: CaseStore;
  let outbox: Outbox;
  let service: CaseService;

  beforeEach(async () => {
    database = await open();
    db = database.db;
    clock = new Date('2026-01-10T09:00:00Z');
    const built = testCaseService(db, { now: () => clock });
    ({ cases, service } = built);
    outbox = new Outbox(db, () => clock);
    // The SPST is reached in Teams: the notice is dated the day the case opens.
    await built.companySettings.upsert('tenant-a', 'company-1', {
      spstContact: { name: 'Dr SPST', aadObjectId: SPST_ID },
    });
  });
  afterEach(() => database.dispose());

  /**
   * A case opened on 2026-01-02 through CaseService (meeting 2026-01-20), then taken through `steps` by the
   * people allowed to, the last one on `closedAt`; CaseService queues the messages each step calls for.
   */
  async function caseThrough(
    steps: Step[],
    closedAt: string,
    overrides: Parameters<typeof sampleOpenRequest>[0] = {},
  ): Promise<LiaisonCase> {
    clock = new Date('2026-01-02T09:00:00Z');
    const opened = await service.open(
      sampleOpenRequest({
        requestDate: '2025-12-29',
        employee: { aadObjectId: EMPLOYEE_ID, name: 'Camille Martin', email: 'c.martin@example.com' },
        absences: [{ kind: 'maladie', start: '2025-11-01', end: '2026-03-31' }],
        meeting: { date: '2026-01-20', time: '10:00', mode: 'on_site', place: 'Salle 2' },
        ...overrides,
      }),
      callerOf(HR_ID),
    );
    if (opened.outcome !== 'applied') throw new Error(JSON.stringify(opened));
    let current = opened.case;
    for (const [index, step] of steps.entries()) {
      if (index === steps.length - 1) clock = new Date(closedAt);
      const { change, by } = CHANGES[step];
      const outcome = await service.change(current.tenantId, current.id, change, callerOf(by));
      if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
      current = outcome.case;
    }
    return current;
  }

  it('purges a closed case 6 months after it closed, keeping only the proof of its steps', async () => {
    const declined = await caseThrough(['decline'], '2026-01-15T10:00:00Z');
    const auditBefore = await cases.auditTrail('tenant-a', declined.id);

    // The day before the period ends: nothing.
    expect((await applyRetention(db, '2026-07-14', undefined, () => clock)).detailsPurged).toBe(0);
    expect((await cases.get('tenant-a', declined.id))?.employee.name).toBe('Camille Martin');

    const report = await applyRetention(db, '2026-07-15', undefined, () => clock);
    expect(report.detailsPurged).toBe(1);
    expect(report.outboxDeleted).toBeGreaterThanOrEqual(2);
    const purged = await cases.get('tenant-a', declined.id);
    expect(purged).toEqual(proofOnly(declined, { keepPeople: true }));
    expect(JSON.stringify(purged)).not.toMatch(/Camille|Martin|example\.com|Salle|maladie|aad-spst/);
    expect(purged).toMatchObject({
      state: 'declined',
      offer: 1,
      requestDate: '2025-12-29',
      meeting: { date: '2026-01-20', time: '10:00', mode: 'on_site' },
      spst: { noticeDate: '2026-01-02' },
      absences: [],
      declinedOn: '2026-01-15',
    });
    expect(await cases.auditTrail('tenant-a', declined.id)).toEqual(auditBefore);
    const outboxRows = await db.query('SELECT id FROM outbox WHERE case_id = $1', [declined.id]);
    expect(outboxRows).toHaveLength(0);

    const log = await readRetentionLog(db, 'tenant-a');
    expect(log).toEqual([
      expect.objectContaining({
        caseId: declined.id,
        action: 'details_purged',
        actorRole: 'system',
        details: expect.objectContaining({ closedOn: '2026-01-15' }),
      }),
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Camille|example\.com/);

    // Again the same day, or the next: nothing more.
    expect((await applyRetention(db, '2026-07-16', undefined, () => clock)).detailsPurged).toBe(0);
    expect(await readRetentionLog(db, 'tenant-a')).toHaveLength(1);
  });

  it('deletes the proof 5 years after the close, audit rows included', async () => {
    const held = await caseThrough(['accept', 'record_held'], '2026-01-20T15:00:00Z');
    await applyRetention(db, '2026-07-20', undefined, () => clock);
    expect((await applyRetention(db, '2031-01-19', undefined, () => clock)).proofsDeleted).toBe(0);
    expect(await cases.get('tenant-a', held.id)).not.toBeNull();

    clock = new Date('2031-01-20T03:00:00Z');
    expect((await applyRetention(db, '2031-01-20', undefined, () => clock)).proofsDeleted).toBe(1);
    expect(await cases.get('tenant-a', held.id)).toBeNull();
    expect(await db.query('SELECT 1 FROM case_audit WHERE case_id = $1', [held.id])).toHaveLength(0);
    expect(await db.query('SELECT 1 FROM case_retention WHERE case_id = $1', [held.id])).toHaveLength(0);
    const actions = (await readRetentionLog(db, 'tenant-a')).map((row) => row.action);
    expect(actions).toEqual(['details_purged', 'proof_deleted']);
  });

  it('leaves open cases and recently closed ones alone, and follows configured periods', async () => {
    const open = await caseThrough([], '2025-01-15T10:00:00Z');
    const cancelled = await caseThrough(['cancel'], '2026-03-01T10:00:00Z', {
      employee: { aadObjectId: 'aad-other', name: 'Alex Durand' },
    });
    expect((await applyRetention(db, '2026-07-15', undefined, () => clock)).detailsPurged).toBe(0);
    expect(
      (await applyRetention(db, '2026-07-15', { detailsMonths: 4, proofYears: 1 }, () => clock))
        .detailsPurged,
    ).toBe(1);
    expect((await cases.get('tenant-a', cancelled.id))?.employee.name).toBe('');
    expect((await cases.get('tenant-a', open.id))?.employee.name).toBe('Camille Martin');
    expect(
      (await applyRetention(db, '2027-03-01', { detailsMonths: 4, proofYears: 1 }, () => clock))
        .proofsDeleted,
    ).toBe(1);
    expect(await cases.get('tenant-a', open.id)).not.toBeNull();
  });

  it('counts the close from the closing transition, not from a later write of the case', async () => {
    const held = await caseThrough(['accept', 'record_held'], '2026-01-20T15:00:00Z');
    await db.execute('UPDATE cases SET updated_at = $1 WHERE id = $2', ['2026-03-01T10:00:00.000Z', held.id]);
    expect((await applyRetention(db, '2026-07-20', undefined, () => clock)).detailsPurged).toBe(1);
  });

  it('deletes stale conversation state, sent messages and references nobody needs, keeping those in use', async () => {
    const references = new ConversationReferenceStore(db, () => clock);
    const personal = (aadObjectId: string) =>
      ({
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.example/',
        conversation: { id: `conv-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-a' },
        from: { id: `29:${aadObjectId}`, aadObjectId },
        recipient: { id: 'bot' },
        channelData: { tenant: { id: 'tenant-a' } },
      }) as never;
    clock = new Date('2025-06-01T09:00:00Z');
    for (const who of ['aad-gone', 'aad-employee', 'aad-hr-listed'])
      await references.saveFromActivity(personal(who));
    await db.execute(
      "INSERT INTO company_hr_users (tenant_id, company_id, aad_object_id, added_at) VALUES ('tenant-a', 'company-1', 'aad-hr-listed', $1)",
      [clock.toISOString()],
    );
    await db.execute(
      "INSERT INTO bot_state (storage_key, document, etag, updated_at) VALUES ('old', '{}', '1', $1), ('new', '{}', '1', $2)",
      ['2025-06-01T09:00:00.000Z', '2026-07-01T09:00:00.000Z'],
    );
    const open = await caseThrough([], '2026-01-10T10:00:00Z'); // aad-employee is on it
    const sent = await outbox.claimDue(clock, 10);
    for (const message of sent) await outbox.markSent(message.id);

    const report = await applyRetention(db, '2026-07-15', undefined, () => clock);
    expect(sent.length).toBeGreaterThan(0);
    expect(report).toMatchObject({ referencesDeleted: 1, statesDeleted: 1, outboxDeleted: sent.length });
    expect(await references.findUser('tenant-a', 'aad-gone')).toBeUndefined();
    expect(await references.findUser('tenant-a', 'aad-employee')).toBeDefined();
    expect(await references.findUser('tenant-a', 'aad-hr-listed')).toBeDefined();
    expect(await db.query('SELECT storage_key FROM bot_state')).toEqual([{ storage_key: 'new' }]);
    expect(await cases.get('tenant-a', open.id)).not.toBeNull();
    expect((await readRetentionLog(db, '*')).map((row) => row.action)).toEqual(['housekeeping']);
  });
  it("deletes old absences and employees' requests, except a request an open case answers", async () => {
    const at = '2025-06-01T09:00:00.000Z';
    for (const [id, end] of [
      ['abs-old', '2024-12-31'],
      ['abs-recent', '2025-09-30'],
    ] as const) {
      await db.execute(
        `INSERT INTO absences (tenant_id, company_id, absence_id, employee_key, employee, kind, start_on, end_on,
           contract_kind, contract_end, created_at, updated_at)
         VALUES ('tenant-a', 'company-1', $1, 'aad:aad-employee', '{}', 'maladie', '2024-10-01', $2, 'cdi', NULL, $3, $3)`,
        [id, end, at],
      );
    }
    for (const id of ['request-answered', 'request-stale']) {
      await db.execute(
        `INSERT INTO employee_requests (id, tenant_id, company_id, state, document, created_at, updated_at)
         VALUES ($1, 'tenant-a', 'company-1', 'acknowledged', '{}', $2, $2)`,
        [id, at],
      );
    }
    const open = await caseThrough([], '2026-01-10T10:00:00Z', { requestId: 'request-answered' });

    // 2026-07-15: absences that ended before 2025-01-15 (12 + 6 months) count for nothing any more.
    const report = await applyRetention(db, '2026-07-15', undefined, () => clock);
    expect(report).toMatchObject({ absencesDeleted: 1, requestsDeleted: 1 });
    expect(await db.query('SELECT absence_id FROM absences')).toEqual([{ absence_id: 'abs-recent' }]);
    expect(await db.query('SELECT id FROM employee_requests')).toEqual([{ id: 'request-answered' }]);
    expect((await cases.get('tenant-a', open.id))?.requestId).toBe('request-answered');
  });
});
