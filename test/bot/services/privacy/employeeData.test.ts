import type { OpenCaseRequest } from '../../../../bot/services/caseFlow';
import type { CaseStore, LiaisonCase } from '../../../../bot/services/cases';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import { EmployeeData, parseEmployeeKey, readRetentionLog } from '../../../../bot/services/privacy';
import type { Database } from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { callerOf, HR_ID, MANAGER_ID, sampleOpenRequest, testCaseService } from '../cases/sampleCase';

const NOW = new Date('2026-11-23T10:00:00Z');
const CAMILLE = { aadObjectId: 'aad-camille', name: 'Camille Martin', email: 'Camille.Martin@example.com' };
const OTHER = { aadObjectId: 'aad-other', name: 'Alex Durand', email: 'alex@example.com' };

describe('employee keys', () => {
  it('takes an email (lower-cased, mailto: removed) or an Entra object id, nothing else', () => {
    expect(parseEmployeeKey('mailto:Camille.Martin@Example.com')).toEqual({
      kind: 'email',
      value: 'camille.martin@example.com',
    });
    expect(parseEmployeeKey('0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({
      kind: 'aad',
      value: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    expect(parseEmployeeKey('Camille Martin')).toBeUndefined();
    expect(parseEmployeeKey("x'; DROP TABLE cases; --")).toBeUndefined();
  });
});

describe.each(storageKinds())('EmployeeData on $kind', ({ open }) => {
  let database: TestDatabase;
  let db: Database;
  let cases: CaseStore;
  let service: ReturnType<typeof testCaseService>['service'];
  let data: EmployeeData;

  beforeEach(async () => {
    database = await open();
    db = database.db;
    ({ service, cases } = testCaseService(db, { now: () => NOW }));
    data = new EmployeeData({ db, cases, caseService: service, now: () => NOW });
  });
  afterEach(() => database.dispose());

  async function seed() {
    const proposed = async (
      employee: typeof CAMILLE,
      tenantId = 'tenant-a',
      overrides: Partial<OpenCaseRequest> = {},
    ): Promise<LiaisonCase> => {
      // Opened by the manager through CaseService: the invitation is queued with it.
      const outcome = await service.open(
        sampleOpenRequest({
          tenantId,
          employee,
          meeting: { date: '2026-12-07', time: '10:00', mode: 'on_site', place: 'Salle 2' },
          ...overrides,
        }),
        callerOf(MANAGER_ID),
      );
      if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
      return outcome.case;
    };
    const closed = await proposed(CAMILLE);
    await service.change('tenant-a', closed.id, { type: 'decline', offer: 1 }, callerOf(CAMILLE.aadObjectId));
    // After a decline the employee may always ask: her second case answers her request.
    const open1 = await proposed(CAMILLE, 'tenant-a', { initiator: 'employee' });
    const other = await proposed(OTHER);
    // The same ids in another tenant: never exported or erased from tenant A.
    const foreign = await proposed(CAMILLE, 'tenant-b');
    const references = new ConversationReferenceStore(db, () => NOW);
    for (const [tenantId, who] of [
      ['tenant-a', CAMILLE.aadObjectId],
      ['tenant-b', CAMILLE.aadObjectId],
      ['tenant-a', OTHER.aadObjectId],
    ] as const) {
      await references.saveFromActivity({
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.example/',
        conversation: { id: `conv-${tenantId}-${who}`, conversationType: 'personal', tenantId },
        from: { id: `29:${who}`, aadObjectId: who },
        recipient: { id: 'bot' },
        channelData: { tenant: { id: tenantId } },
      } as never);
    }
    await db.execute(
      `INSERT INTO bot_state (storage_key, document, etag, updated_at)
       VALUES ('msteams/conversations/conv-tenant-a-aad-camille', '{"dialog":1}', '1', $1)`,
      [NOW.toISOString()],
    );
    for (const [tenantId, id, key] of [
      ['tenant-a', 'abs-1', 'email:camille.martin@example.com'],
      ['tenant-a', 'abs-2', 'aad:aad-other'],
      ['tenant-b', 'abs-1', 'email:camille.martin@example.com'],
    ] as const) {
      await db.execute(
        `INSERT INTO absences (tenant_id, company_id, absence_id, employee_key, employee, kind, start_on, end_on,
           contract_kind, contract_end, created_at, updated_at)
         VALUES ($1, 'company-1', $2, $3, '{}', 'maladie', '2026-09-01', '2026-12-31', 'cdi', NULL, $4, $4)`,
        [tenantId, id, key, NOW.toISOString()],
      );
    }
    return { open1, closed, other, foreign };
  }

  it('exports everything held on the employee of this company, by email or id, and nothing of anyone else', async () => {
    const { open1, closed } = await seed();
    const email = { kind: 'email' as const, value: 'camille.martin@example.com' };
    const byEmail = await data.exportEmployee('tenant-a', 'company-1', email, 'aad-hr');
    expect(byEmail.cases.map((entry) => entry.case.id).sort()).toEqual([open1.id, closed.id].sort());
    expect(byEmail.aadObjectIds).toEqual(['aad-camille']);
    const declined = byEmail.cases.find((entry) => entry.case.id === closed.id);
    expect(declined?.audit.map((row) => row.event)).toEqual(['open', 'decline']);
    expect(declined?.outbox).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'invitation', status: 'pending' })]),
    );
    expect(byEmail.absences).toEqual([expect.objectContaining({ absence_id: 'abs-1' })]);
    expect(byEmail.conversationReferences.map((row) => row.targetId)).toEqual(['aad-camille']);
    expect(byEmail.conversationState).toEqual([
      expect.objectContaining({ key: 'msteams/conversations/conv-tenant-a-aad-camille' }),
    ]);
    expect(JSON.stringify(byEmail)).not.toMatch(/Alex|aad-other|tenant-b/);

    const id = { kind: 'aad' as const, value: 'aad-camille' };
    expect((await data.exportEmployee('tenant-a', 'company-1', id, 'aad-hr')).cases).toHaveLength(2);
    // Another company of the tenant holds nothing of hers.
    expect((await data.exportEmployee('tenant-a', 'company-2', id, 'aad-hr')).cases).toEqual([]);

    const log = await readRetentionLog(db, 'tenant-a', 'company-1');
    expect(log.map((row) => [row.action, row.actorRole, row.actorId])).toEqual([
      ['employee_exported', 'hr', 'aad-hr'],
      ['employee_exported', 'hr', 'aad-hr'],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/camille/i);
  });

  it('#12 erasing the employee cancels her open cases through CaseService (via system), reduces every case to an anonymous proof, deletes the rest', async () => {
    const { open1, closed, other, foreign } = await seed();
    const id = { kind: 'aad' as const, value: 'aad-camille' };
    expect(await data.preview('tenant-a', 'company-1', id)).toEqual({ cases: 2, open: 1 });
    const email = { kind: 'email' as const, value: 'camille.martin@example.com' };
    const report = await data.eraseEmployee('tenant-a', 'company-1', email, HR_ID);
    expect(report).toMatchObject({ cases: 2, cancelled: 1, references: 1, states: 1, absences: 1 });
    expect(report.outbox).toBeGreaterThanOrEqual(2);
    expect(await db.query('SELECT id FROM outbox WHERE case_id IN ($1, $2)', [open1.id, closed.id])).toEqual(
      [],
    );

    for (const caseId of [open1.id, closed.id]) {
      const erased = await cases.get('tenant-a', caseId);
      expect(JSON.stringify(erased)).not.toMatch(/Camille|Martin|example\.com|aad-camille|Salle/);
      expect(erased?.requestDate).toBe('2026-11-02');
      const audit = await cases.auditTrail('tenant-a', caseId);
      expect(audit.every((row) => row.actorId !== 'aad-camille')).toBe(true);
    }
    expect((await cases.get('tenant-a', open1.id))?.state).toBe('cancelled');
    expect((await cases.auditTrail('tenant-a', open1.id)).at(-1)).toMatchObject({
      event: 'cancel',
      fromState: 'invited',
      toState: 'cancelled',
      actorRole: 'hr',
      actorId: HR_ID,
      via: 'system',
    });
    // Nothing of anyone else, nor of her in another tenant.
    expect((await cases.get('tenant-a', other.id))?.employee.name).toBe('Alex Durand');
    expect((await cases.get('tenant-b', foreign.id))?.employee.name).toBe('Camille Martin');
    const references = new ConversationReferenceStore(db);
    expect(await references.findUser('tenant-a', 'aad-camille')).toBeUndefined();
    expect(await references.findUser('tenant-b', 'aad-camille')).toBeDefined();
    expect(await references.findUser('tenant-a', 'aad-other')).toBeDefined();
    expect(
      await db.query('SELECT tenant_id, absence_id FROM absences ORDER BY tenant_id, absence_id'),
    ).toEqual([
      { tenant_id: 'tenant-a', absence_id: 'abs-2' },
      { tenant_id: 'tenant-b', absence_id: 'abs-1' },
    ]);

    // Afterwards nothing is found of her any more.
    expect((await data.exportEmployee('tenant-a', 'company-1', id, 'aad-hr')).cases).toEqual([]);
    const log = await readRetentionLog(db, 'tenant-a', 'company-1');
    expect(log.map((row) => row.action).sort()).toEqual(['employee_erased', 'employee_exported']);
    expect(log.find((row) => row.action === 'employee_erased')).toMatchObject({
      actorRole: 'hr',
      actorId: HR_ID,
      details: { cases: 2, caseIds: expect.arrayContaining([open1.id, closed.id]) },
    });
    expect(JSON.stringify(log)).not.toMatch(/camille/i);
  });
});
