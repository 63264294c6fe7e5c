// Cases written before the bench starts Liaison, for the card-action scenario and the storage bench.
/**
 * Cases for the bench, written before Liaison starts on the same database.
 * - `seedInvitations`: a few cases awaiting the employee's answer, opened through CaseService and the case engine
 *   as the bot opens them (state invited), for the card-action scenario.
 * - `seedBulkCases`: as many more as asked (100 000 for `bench:storage`), fast: rows cloned from one case opened
 *   through CaseService (so their shape is the model's), inserted by multi-row INSERTs in one transaction, spread
 *   over many tenants, companies, states and meeting dates.
 */
import { randomUUID } from 'node:crypto';
import { CaseService, CompanySettingsStore, type OpenCaseRequest } from '../bot/services/caseFlow';
import {
  caseFromDocument,
  CaseStore,
  employeeIdOf,
  Outbox,
  type CaseState,
  type LiaisonCase,
} from '../bot/services/cases';
import type { Database, SqlValue } from '../bot/platform/storage';
import { caseReminderJobs, caseSubject, DAY_BEFORE_KIND } from '../bot/services/reminders';
import { addDays, parisToday } from '../domain';
import { BENCH_TENANT } from './activities';

function newCase(tenantId: string, index: number, today: string): OpenCaseRequest {
  return {
    caseId: randomUUID(),
    tenantId,
    companyId: `${tenantId}-company`,
    initiator: 'employer',
    requestDate: addDays(today, -3),
    employee: { aadObjectId: `aad-employee-${index}`, name: `Salarié ${index}`, jobTitle: 'Comptable' },
    manager: { aadObjectId: `aad-manager-${index}`, name: `Manager ${index}` },
    contract: { kind: 'cdi' },
    absences: [{ kind: 'maladie', start: addDays(today, -60), end: addDays(today, 60) }],
    meeting: { date: addDays(today, 12), time: '10:00', mode: 'on_site', place: 'Salle 2' },
    spstAttendance: 'informed',
  };
}

/** The one way cases are made, on `db` at `now` (no SPST contact: the managers tell the SPST). */
function caseServiceOn(db: Database, now: Date) {
  const cases = new CaseStore(db);
  const service = new CaseService({
    db,
    cases,
    outbox: new Outbox(db, () => now),
    companySettings: new CompanySettingsStore(db),
    isHr: async () => false,
    emailEnabled: false,
    now: () => now,
  });
  return async (request: OpenCaseRequest): Promise<LiaisonCase> => {
    const outcome = await service.open(request, {
      aadObjectId: request.manager?.aadObjectId ?? 'bench',
      via: 'system',
    });
    if (outcome.outcome === 'refused') throw new Error(`bench seed refused: ${outcome.reason}`);
    return outcome.case;
  };
}

/** `count` cases of the bench tenant in state 'invited', each with its own employee. */
export async function seedInvitations(db: Database, count: number, now = new Date()): Promise<LiaisonCase[]> {
  const open = caseServiceOn(db, now);
  const today = parisToday(now);
  const cases: LiaisonCase[] = [];
  for (let i = 0; i < count; i += 1) cases.push(await open(newCase(BENCH_TENANT, i, today)));
  // The openings' messages (invitations, notices, status cards) count as delivered, as they were for a case awaiting
  // its answer: otherwise Liaison would spend the first cells rendering them for people it has no conversation with.
  await db.execute(
    `UPDATE outbox SET status = 'sent', sent_at = $1 WHERE tenant_id = $2 AND status = 'pending'`,
    [now.toISOString(), BENCH_TENANT],
  );
  return cases;
}

const STATES: CaseState[] = ['invited', 'accepted', 'held', 'declined', 'cancelled', 'other_date_asked'];
const ROWS_PER_INSERT = 500;

/**
 * Adds `count` cases (and one audit row each) in other tenants: 1 000 tenants, meeting dates spread over
 * ±200 days around today, states mixed. Returns the time it took, in milliseconds.
 */
export async function seedBulkCases(db: Database, count: number, now = new Date()): Promise<number> {
  const started = performance.now();
  const today = parisToday(now);
  // One real case, opened through CaseService, whose rows are the template of every clone.
  const template = await caseServiceOn(db, now)(newCase('bench-template', 0, today));
  const [auditTemplate] = await db.query<Record<string, SqlValue>>(
    'SELECT * FROM case_audit WHERE case_id = $1',
    [template.id],
  );
  const [caseTemplate] = await db.query<Record<string, SqlValue>>('SELECT * FROM cases WHERE id = $1', [
    template.id,
  ]);
  if (!auditTemplate || !caseTemplate) throw new Error('the template case was not stored');
  const at = now.toISOString();

  await db.transaction(async (tx) => {
    for (let first = 0; first < count; first += ROWS_PER_INSERT) {
      const caseRows: Record<string, SqlValue>[] = [];
      const auditRows: Record<string, SqlValue>[] = [];
      for (let i = first; i < Math.min(count, first + ROWS_PER_INSERT); i += 1) {
        const tenantId = `bench-tenant-${i % 1000}`;
        const state = STATES[i % STATES.length]!;
        const { caseId, spstAttendance: _attendance, ...fields } = newCase(tenantId, i, today);
        const document: LiaisonCase = {
          ...template,
          ...fields,
          id: caseId,
          state,
          meeting: { ...template.meeting, date: addDays(today, Math.floor((i / count) * 401) - 200) },
          // One case in three has not told the SPST yet: it calls for the "notify the SPST" reminder.
          spst:
            i % 3 === 0
              ? { attendance: 'informed', notifiedBy: [] }
              : { attendance: 'informed', noticeDate: addDays(today, -1), notifiedBy: ['teams'] },
          createdAt: at,
          updatedAt: at,
        };
        caseRows.push({
          ...caseTemplate,
          id: document.id,
          tenant_id: tenantId,
          company_id: document.companyId,
          employee_key: employeeIdOf(document.employee),
          state,
          document: JSON.stringify(document),
        });
        auditRows.push({
          ...auditTemplate,
          case_id: document.id,
          to_state: state,
          idempotency_key: `bulk-${i}`,
        });
      }
      await insertRows(tx, 'cases', caseRows);
      await insertRows(tx, 'case_audit', auditRows);
    }
  });
  return performance.now() - started;
}

async function insertRows(
  tx: Pick<Database, 'execute'>,
  table: string,
  rows: Record<string, SqlValue>[],
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) return;
  const params: SqlValue[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      params.push(row[column] ?? null);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await tx.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/**
 * The reminder jobs the stored cases call for, as the scheduler keeps them (bot/services/reminders: caseReminderJobs for
 * each bulk case still open, from today), plus one job already done per case as history. Bulk-inserted like the
 * cases. Returns how many rows were written.
 */
export async function seedReminderJobs(db: Database, now = new Date()): Promise<number> {
  const today = parisToday(now);
  const at = now.toISOString();
  const rows: Record<string, SqlValue>[] = [];
  const cases = await db.query<{ document: string }>(
    "SELECT document FROM cases WHERE tenant_id LIKE 'bench-tenant-%'",
  );
  for (const { document } of cases) {
    const liaisonCase = caseFromDocument(document);
    const scope = {
      tenant_id: liaisonCase.tenantId,
      company_id: liaisonCase.companyId,
      case_id: liaisonCase.id,
      subject: caseSubject(liaisonCase.id),
    };
    const history = { kind: DAY_BEFORE_KIND, dueOn: addDays(today, -400), dueAt: now, payload: {} };
    for (const [job, status] of [
      ...caseReminderJobs(liaisonCase, today, now).map((spec) => [spec, 'pending'] as const),
      [history, 'done'] as const,
    ]) {
      rows.push({
        id: randomUUID(),
        ...scope,
        kind: job.kind,
        due_on: job.dueOn,
        due_at: job.dueAt.toISOString(),
        payload: JSON.stringify(job.payload ?? null),
        status,
        claimed_until: null,
        claim_token: null,
        attempts: status === 'done' ? 1 : 0,
        last_error: null,
        created_at: at,
        updated_at: at,
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let first = 0; first < rows.length; first += ROWS_PER_INSERT) {
      await insertRows(tx, 'scheduled_jobs', rows.slice(first, first + ROWS_PER_INSERT));
    }
  });
  return rows.length;
}
