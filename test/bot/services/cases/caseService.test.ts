import { AccessControl } from '../../../../bot/services/access';
import type { CaseService } from '../../../../bot/services/caseFlow';
import { caseFromDocument, type CaseStore, type LiaisonCase } from '../../../../bot/services/cases';
import type { Database } from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import {
  callerOf,
  COMPANY,
  EMPLOYEE_ID,
  HR_ID,
  MANAGER_ID,
  SAMPLE_NOW,
  sampleOpenRequest,
  seedCase,
  SPST_ID,
  TENANT,
  testCaseService,
} from './sampleCase';

/** CaseService: every change of a case decided by the engine, stored with its audit entry and its notices. */
describe.each(storageKinds())('CaseService on $kind', ({ open, kind }) => {
  let handle: TestDatabase;
  let db: Database;
  let service: CaseService;
  let cases: CaseStore;
  let clock: Date;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    clock = SAMPLE_NOW;
    ({ service, cases } = testCaseService(db, { now: () => clock }));
    await testCaseService(db).companySettings.upsert(TENANT, COMPANY, {
      spstContact: { name: 'Dr SPST', aadObjectId: SPST_ID, email: 'spst@example.org' },
    });
  });
  afterEach(() => handle.dispose());

  const outboxKinds = async (caseId: string) =>
    (
      await db.query<{ kind: string; payload: string }>(
        'SELECT kind, payload FROM outbox WHERE case_id = $1 ORDER BY created_at, kind',
        [caseId],
      )
    ).map((row) => ({ kind: row.kind, ...(JSON.parse(row.payload) as object) }));
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n;
  const opened = async (overrides = {}) => {
    const outcome = await service.open(sampleOpenRequest(overrides), callerOf(MANAGER_ID));
    if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.case;
  };

  test('opening stores an invited case, its audit entry, and exactly the notices the engine names', async () => {
    const liaisonCase = await opened();
    expect(liaisonCase).toMatchObject({ state: 'invited', offer: 1, version: 1 });
    expect(await cases.get(TENANT, liaisonCase.id)).toEqual(liaisonCase);
    expect(await cases.auditTrail(TENANT, liaisonCase.id)).toEqual([
      expect.objectContaining({ event: 'open', fromState: null, toState: 'invited', offer: 1, via: 'teams' }),
    ]);
    expect((await outboxKinds(liaisonCase.id)).map((m) => m.kind).sort()).toEqual([
      'hr.update',
      'invitation',
      'manager.status',
      'spst.notice',
    ]);
  });

  test('a retried opening (same case id) opens nothing twice', async () => {
    const request = sampleOpenRequest();
    await service.open(request, callerOf(MANAGER_ID));
    const again = await service.open(request, callerOf(MANAGER_ID));
    expect(again.outcome).toBe('unchanged');
    expect(await count('cases')).toBe(1);
    expect(await count('outbox')).toBe(4);
  });

  test('#12.1 a case for someone not eligible (day 28 of a sick leave) is refused and nothing is stored', async () => {
    const outcome = await service.open(
      sampleOpenRequest({ absences: [{ kind: 'maladie', start: '2026-10-07', end: '2026-12-31' }] }),
      callerOf(MANAGER_ID),
    );
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not_eligible' });
    expect(await count('cases')).toBe(0);
    expect(await count('outbox')).toBe(0);
  });

  test('#12.1 maternity leave is not eligible, whatever its length', async () => {
    const outcome = await service.open(
      sampleOpenRequest({ absences: [{ kind: 'maternite', start: '2026-08-01', end: '2026-12-31' }] }),
      callerOf(MANAGER_ID),
    );
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not_eligible' });
  });

  test('#12.6 a second case for an employee with one under way is refused with a pointer to it', async () => {
    const first = await opened();
    const second = await service.open(sampleOpenRequest(), callerOf(MANAGER_ID));
    expect(second).toMatchObject({ outcome: 'refused', reason: 'open_case_exists', openCaseId: first.id });
  });

  test("#12.13 a colleague who is neither HR nor the employee's manager cannot open a case", async () => {
    const outcome = await service.open(sampleOpenRequest(), callerOf('aad-colleague'));
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not_allowed' });
    expect(await count('cases')).toBe(0);
  });

  test('#12.7 HR organising a request is HR, and the manager the employee named stays the manager', async () => {
    const outcome = await service.open(
      sampleOpenRequest({
        initiator: 'employee',
        manager: { aadObjectId: MANAGER_ID, name: 'Louis Bernard' },
      }),
      { aadObjectId: HR_ID, name: 'Nadia RH', via: 'teams' },
    );
    expect(outcome.outcome).toBe('applied');
    const liaisonCase = (outcome as { case: LiaisonCase }).case;
    expect(liaisonCase.manager).toEqual({ aadObjectId: MANAGER_ID, name: 'Louis Bernard' });
    expect(liaisonCase.openedBy).toEqual({ aadObjectId: HR_ID, name: 'Nadia RH', role: 'hr' });
    expect((await outboxKinds(liaisonCase.id)).map((m) => m.kind)).toContain('manager.status');
  });

  test('#12.3 a decline tells the SPST the meeting is cancelled; #12.5 the manager sees it closed', async () => {
    const liaisonCase = await opened();
    const outcome = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'decline', offer: 1 },
      callerOf(EMPLOYEE_ID),
    );
    expect(outcome).toMatchObject({
      outcome: 'applied',
      case: { state: 'declined', declinedOn: '2026-11-03' },
    });
    const messages = await outboxKinds(liaisonCase.id);
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'spst.notice', notice: 'cancellation' }));
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'manager.status', news: 'decline' }));
  });

  test('#12.3 a cancellation reaches the employee and the SPST; a new date reaches the SPST as a change', async () => {
    const first = await opened();
    const reproposed = await service.change(
      TENANT,
      first.id,
      {
        type: 'propose_again',
        meeting: { date: '2026-11-24', time: '14:00', mode: 'remote', link: 'https://meet.example/x' },
      },
      callerOf(MANAGER_ID),
    );
    expect(reproposed).toMatchObject({
      outcome: 'applied',
      case: { offer: 2, meeting: { date: '2026-11-24', mode: 'remote' } },
    });
    const cancelled = await service.change(TENANT, first.id, { type: 'cancel' }, callerOf(HR_ID));
    expect(cancelled.outcome).toBe('applied');
    const messages = await outboxKinds(first.id);
    expect(messages).toContainEqual(
      expect.objectContaining({
        kind: 'spst.notice',
        notice: 'change',
        offer: 2,
        replaces: { date: '2026-11-20', time: '10:00', mode: 'on_site' },
      }),
    );
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'employee.cancellation' }));
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'spst.notice', notice: 'cancellation' }));
  });

  test('#12.2 a new date after the end of the leave or of the contract is refused', async () => {
    const liaisonCase = await opened({
      absences: [{ kind: 'maladie', start: '2026-09-01', end: '2026-11-25' }],
      contract: { kind: 'cdd', end: '2026-11-30' },
    });
    const afterLeave = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-27', time: '10:00', mode: 'on_site' } },
      callerOf(MANAGER_ID),
    );
    expect(afterLeave).toMatchObject({ outcome: 'refused', reason: 'meeting_invalid' });
    expect((afterLeave as { details: string[] }).details).toContain('after_leave_end');
    expect((await cases.get(TENANT, liaisonCase.id))?.version).toBe(1);
  });

  test("#12.4 the employee's wishes stay across a new offer", async () => {
    const liaisonCase = await opened();
    const wishes = {
      dates: ['2026-11-25'],
      withoutManager: true,
      referent: true,
      partOfDay: 'morning' as const,
    };
    await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'ask_other_date', offer: 1, wishes },
      callerOf(EMPLOYEE_ID),
    );
    const reproposed = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-25', time: '09:00', mode: 'on_site' } },
      callerOf(MANAGER_ID),
    );
    expect(reproposed).toMatchObject({ outcome: 'applied', case: { wishes } });
  });

  test('#12.8 an old card cannot accept a newer offer', async () => {
    const liaisonCase = await opened();
    await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-24', time: '10:00', mode: 'on_site' } },
      callerOf(MANAGER_ID),
    );
    const stale = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'accept', offer: 1 },
      callerOf(EMPLOYEE_ID),
    );
    expect(stale).toMatchObject({
      outcome: 'refused',
      reason: 'stale_card',
      case: { state: 'invited', offer: 2 },
    });
    const current = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'accept', offer: 2 },
      callerOf(EMPLOYEE_ID),
    );
    expect(current).toMatchObject({
      outcome: 'applied',
      case: { state: 'accepted', meeting: { date: '2026-11-24' } },
    });
  });

  test('#12.9 an accepted meeting can still be declined, and everyone concerned is told', async () => {
    const liaisonCase = await seedCase(db, { state: 'accepted' });
    const outcome = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'decline', offer: 1 },
      callerOf(EMPLOYEE_ID),
    );
    expect(outcome).toMatchObject({ outcome: 'applied', case: { state: 'declined' } });
    const kinds = (await outboxKinds(liaisonCase.id))
      .filter(
        (m) =>
          (m as { news?: string; notice?: string }).news === 'decline' ||
          (m as { notice?: string }).notice === 'cancellation',
      )
      .map((m) => m.kind);
    expect(kinds.sort()).toEqual(['hr.update', 'manager.status', 'spst.notice']);
  });

  test('#12.5 no new employer invitation within 30 days of a decline; the employee may always ask', async () => {
    const liaisonCase = await opened();
    await service.change(TENANT, liaisonCase.id, { type: 'decline', offer: 1 }, callerOf(EMPLOYEE_ID));
    const tooSoon = await service.open(
      sampleOpenRequest({ meeting: { date: '2026-11-24', time: '10:00', mode: 'on_site' } }),
      callerOf(MANAGER_ID),
    );
    expect(tooSoon).toMatchObject({ outcome: 'refused', reason: 'reoffer_too_soon' });
    const asked = await service.open(
      sampleOpenRequest({
        initiator: 'employee',
        requestDate: '2026-11-03',
        meeting: { date: '2026-11-24', time: '10:00', mode: 'on_site' },
      }),
      callerOf(MANAGER_ID),
    );
    expect(asked.outcome).toBe('applied');
  });

  test('a refused command changes nothing: same version, no audit entry, no message', async () => {
    const liaisonCase = await opened();
    const before = { outbox: await count('outbox'), audit: await count('case_audit') };
    const outcome = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'accept', offer: 1 },
      callerOf(MANAGER_ID),
    );
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not_allowed' });
    expect({ outbox: await count('outbox'), audit: await count('case_audit') }).toEqual(before);
    expect((await cases.get(TENANT, liaisonCase.id))?.version).toBe(1);
  });

  test('a case of another tenant is unknown, and roles come from the server, never the caller', async () => {
    const liaisonCase = await opened();
    expect(
      await service.change('tenant-b', liaisonCase.id, { type: 'cancel' }, callerOf(HR_ID)),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'unknown_case',
    });
    const spst = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'acknowledge_spst', offer: 1 },
      callerOf(SPST_ID),
    );
    expect(spst).toMatchObject({ outcome: 'applied', case: { spst: { acknowledgedOn: '2026-11-03' } } });
    const notSpst = await service.change(
      TENANT,
      liaisonCase.id,
      { type: 'acknowledge_spst', offer: 1 },
      callerOf(HR_ID),
    );
    expect(notSpst).toMatchObject({ outcome: 'refused', reason: 'not_allowed' });
  });

  test('roles read from storage (bot/services/access) never wait on the change under way', async () => {
    const access = new AccessControl({ db, hrAdmins: [], localMode: false });
    await access.addHrUser(TENANT, COMPANY, HR_ID);
    const withAccess = testCaseService(db, {
      now: () => clock,
      isHr: (tenantId, companyId, id) => access.isHr(tenantId, companyId, id),
    }).service;
    const liaisonCase = await opened();
    const cancelled = await Promise.race([
      withAccess.change(TENANT, liaisonCase.id, { type: 'cancel' }, callerOf(HR_ID)),
      new Promise((resolve) => setTimeout(() => resolve('timed out'), 3000)),
    ]);
    expect(cancelled).toMatchObject({ outcome: 'applied', case: { state: 'cancelled' } });
  });

  test('ten concurrent clicks on accept make one transition', async () => {
    const liaisonCase = await opened();
    await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.query('SELECT 1'))));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        service.change(TENANT, liaisonCase.id, { type: 'accept', offer: 1 }, callerOf(EMPLOYEE_ID)),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'unchanged')).toHaveLength(9);
    expect((await cases.auditTrail(TENANT, liaisonCase.id)).map((e) => e.event)).toEqual(['open', 'accept']);
  });

  test('two concurrent openings for one employee open one case', async () => {
    const outcomes = await Promise.all([
      service.open(sampleOpenRequest(), callerOf(MANAGER_ID)),
      service.open(sampleOpenRequest(), callerOf(HR_ID)),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', 'refused']);
    expect(await count('cases')).toBe(1);
  });

  test(`a case stored before the engine (${kind}) reads and changes as the engine's`, async () => {
    const legacy = {
      id: 'legacy-1',
      tenantId: TENANT,
      companyId: COMPANY,
      state: 'proposed',
      initiator: 'employer',
      requestDate: '2026-11-02',
      employee: { aadObjectId: EMPLOYEE_ID, name: 'Camille Martin' },
      manager: { aadObjectId: MANAGER_ID, name: 'Louis Bernard' },
      meeting: { date: '2026-11-20', time: '10:00', mode: 'in_person', place: 'Salle 2' },
      spst: { attendance: 'informed' },
      referentRequested: true,
      createdAt: SAMPLE_NOW.toISOString(),
      updatedAt: SAMPLE_NOW.toISOString(),
      version: 2,
    };
    await db.execute(
      `INSERT INTO cases (id, tenant_id, company_id, state, version, document, created_at, updated_at, employee_key)
       VALUES ($1, $2, $3, 'invited', 2, $4, $5, $5, $6)`,
      ['legacy-1', TENANT, COMPANY, JSON.stringify(legacy), SAMPLE_NOW.toISOString(), EMPLOYEE_ID],
    );
    const read = caseFromDocument(JSON.stringify(legacy));
    expect(read).toMatchObject({
      state: 'invited',
      offer: 1,
      meeting: { mode: 'on_site' },
      wishes: { referent: true },
    });
    const accepted = await service.change(
      TENANT,
      'legacy-1',
      { type: 'accept', offer: 1 },
      callerOf(EMPLOYEE_ID),
    );
    expect(accepted).toMatchObject({ outcome: 'applied', case: { state: 'accepted', version: 3 } });
  });
});
