// The person's rights for one employee: everything held on them, exported as JSON or erased.
import { parisToday } from '../../../domain';
import type { CaseService } from '../caseFlow/caseService';
import { caseFromDocument, FINAL_STATES } from '../../../domain/caseRecord';
import type { AuditEntry, CaseStore } from '../cases';
import type { LiaisonCase } from '../../../domain/liaisonCase';
import type { Database, Queryable, SqlValue } from '../../platform/storage';
import { proofOnly } from './retention';
import { jsonText, logRetention, tableExists } from './sql';

/**
 * The person's rights (GDPR art. 15, 17, 20) for one employee of one company: everything Liaison holds on them,
 * exported as JSON, or erased. The employee is named by their Entra object id or their email address.
 *
 * Erasure: their open cases are cancelled first (so that no invitation or reminder goes out any more), then every
 * case of theirs keeps only an anonymous proof of its steps (dates, no name, no id — see proofOnly), its outbox
 * messages and scheduled jobs are deleted, their id is removed from the audit rows, and their conversation
 * reference and 1:1 conversation state, absences and requests are deleted. Both requests are written to
 * retention_log (who asked, counts and case ids; never the person's name or email).
 */
export type EmployeeKey = { kind: 'aad'; value: string } | { kind: 'email'; value: string };

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
// An Entra object id is a GUID; test tenants and the playground use shorter ids such as 'aad-employee'. A plain
// word (a first name typed by mistake) is neither.
const OBJECT_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^(?=[\w-]*[-\d])[\w-]{3,64}$/i;

/** An email address (lower-cased) or an Entra object id; undefined for anything else. */
export function parseEmployeeKey(text: string): EmployeeKey | undefined {
  const value = text.trim().replace(/^mailto:/i, '');
  if (EMAIL.test(value)) return { kind: 'email', value: value.toLowerCase() };
  if (OBJECT_ID.test(value)) return { kind: 'aad', value };
  return undefined;
}

export interface EmployeeExport {
  format: 'liaison.employee-export.v1';
  exportedAt: string;
  tenantId: string;
  companyId: string;
  key: EmployeeKey;
  /** Every Entra object id found for the person (from the key, their cases, absences or requests). */
  aadObjectIds: string[];
  cases: Array<{
    case: LiaisonCase;
    audit: AuditEntry[];
    outbox: Array<{
      id: string;
      kind: string;
      status: string;
      createdAt: string;
      sentAt: string | null;
      payload: unknown;
    }>;
    scheduledJobs: Array<{ kind: string; dueOn: string; status: string; payload: unknown }>;
    retention: { closedOn: string; purgedOn: string } | null;
  }>;
  requests: unknown[];
  absences: unknown[];
  employeeJobs: Array<{ kind: string; dueOn: string; status: string; payload: unknown }>;
  conversationReferences: Array<{ targetId: string; updatedAt: string; reference: unknown }>;
  conversationState: Array<{ key: string; updatedAt: string; document: unknown }>;
}

export interface EraseReport {
  cases: number;
  cancelled: number;
  outbox: number;
  jobs: number;
  references: number;
  states: number;
  absences: number;
  requests: number;
}

export interface EmployeeDataDeps {
  db: Database;
  cases: CaseStore;
  /** The only way a case changes: an erasure cancels the open cases through it (caller via 'system'). */
  caseService: Pick<CaseService, 'change'>;
  now?: () => Date;
}

interface Found {
  aadObjectIds: string[];
  /** How the absences feed and the scheduler know the person: 'aad:<id>', 'email:<lower-cased address>'. */
  employeeKeys: string[];
  cases: LiaisonCase[];
  hasJobs: boolean;
  hasAbsences: boolean;
  hasRequests: boolean;
}

const inList = (values: readonly string[], offset: number) =>
  values.map((_, index) => `$${index + offset}`).join(', ');

export class EmployeeData {
  private readonly now: () => Date;

  constructor(private readonly deps: EmployeeDataDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Everything held on the employee in this company, as one JSON document; the export is audited. */
  async exportEmployee(
    tenantId: string,
    companyId: string,
    key: EmployeeKey,
    requestedBy: string | undefined,
  ): Promise<EmployeeExport> {
    const { db } = this.deps;
    const found = await this.find(tenantId, companyId, key);
    const cases: EmployeeExport['cases'] = [];
    for (const liaisonCase of found.cases) {
      const outbox = await db.query<{
        id: string;
        kind: string;
        status: string;
        created_at: string;
        sent_at: string | null;
        payload: string;
      }>(
        'SELECT id, kind, status, created_at, sent_at, payload FROM outbox WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at, id',
        [tenantId, liaisonCase.id],
      );
      const [retention] = await db.query<{ closed_on: string; purged_on: string }>(
        'SELECT closed_on, purged_on FROM case_retention WHERE case_id = $1 AND tenant_id = $2',
        [liaisonCase.id, tenantId],
      );
      cases.push({
        case: liaisonCase,
        audit: await this.deps.cases.auditTrail(tenantId, liaisonCase.id),
        outbox: outbox.map((row) => ({
          id: row.id,
          kind: row.kind,
          status: row.status,
          createdAt: row.created_at,
          sentAt: row.sent_at,
          payload: parseJson(row.payload),
        })),
        scheduledJobs: found.hasJobs
          ? await this.jobs(db, 'tenant_id = $1 AND case_id = $2', [tenantId, liaisonCase.id])
          : [],
        retention: retention ? { closedOn: retention.closed_on, purgedOn: retention.purged_on } : null,
      });
    }
    const references = await this.references(db, tenantId, found.aadObjectIds);
    const data: EmployeeExport = {
      format: 'liaison.employee-export.v1',
      exportedAt: this.now().toISOString(),
      tenantId,
      companyId,
      key,
      aadObjectIds: found.aadObjectIds,
      cases,
      requests: found.hasRequests ? await this.requests(db, tenantId, companyId, found.aadObjectIds) : [],
      absences: found.hasAbsences ? await this.absences(db, tenantId, companyId, found.employeeKeys) : [],
      employeeJobs: found.hasJobs ? await this.employeeJobs(db, tenantId, companyId, found.employeeKeys) : [],
      conversationReferences: references.map((row) => ({
        targetId: row.target_id,
        updatedAt: row.updated_at,
        reference: parseJson(row.reference),
      })),
      conversationState: await this.personalStates(db, references),
    };
    await logRetention(db, {
      tenantId,
      companyId,
      action: 'employee_exported',
      actor: { role: 'hr', aadObjectId: requestedBy },
      at: this.now(),
      details: {
        cases: cases.length,
        caseIds: cases.map((entry) => entry.case.id),
        absences: data.absences.length,
        requests: data.requests.length,
      },
    });
    return data;
  }

  /** What an erasure would touch, without changing anything (for the confirmation card). */
  async preview(
    tenantId: string,
    companyId: string,
    key: EmployeeKey,
  ): Promise<{ cases: number; open: number }> {
    const found = await this.find(tenantId, companyId, key);
    return {
      cases: found.cases.length,
      open: found.cases.filter((c) => !FINAL_STATES.has(c.state)).length,
    };
  }

  /** Erases the employee (see the comment at the top); audited. Running it again finds nothing more to erase. */
  async eraseEmployee(
    tenantId: string,
    companyId: string,
    key: EmployeeKey,
    requestedBy: string | undefined,
  ): Promise<EraseReport> {
    const { db } = this.deps;
    const found = await this.find(tenantId, companyId, key);
    const report: EraseReport = {
      cases: found.cases.length,
      cancelled: 0,
      outbox: 0,
      jobs: 0,
      references: 0,
      states: 0,
      absences: 0,
      requests: 0,
    };
    // Open cases are cancelled through CaseService, so that the case engine decides it and the audit trail
    // records it (the HR person who asked for the erasure acts, through the system).
    for (const liaisonCase of found.cases) {
      if (FINAL_STATES.has(liaisonCase.state)) continue;
      const result = await this.deps.caseService.change(
        tenantId,
        liaisonCase.id,
        { type: 'cancel' },
        { aadObjectId: requestedBy ?? 'system', via: 'system' },
      );
      if (result.outcome === 'applied') report.cancelled += 1;
    }
    const references = await this.references(db, tenantId, found.aadObjectIds);
    const stateKeys = personalStateKeys(references);
    const ids = found.aadObjectIds;
    const today = parisToday(this.now());
    await db.transaction(async (tx) => {
      const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      for (const { id } of found.cases) {
        const [row] = await tx.query<{ document: string }>(
          `SELECT document FROM cases WHERE tenant_id = $1 AND id = $2${forUpdate}`,
          [tenantId, id],
        );
        if (!row) continue;
        const current = caseFromDocument(row.document);
        await tx.execute('UPDATE cases SET document = $1 WHERE tenant_id = $2 AND id = $3', [
          JSON.stringify(proofOnly(current, { keepPeople: false })),
          tenantId,
          id,
        ]);
        report.outbox += await tx.execute('DELETE FROM outbox WHERE tenant_id = $1 AND case_id = $2', [
          tenantId,
          id,
        ]);
        if (found.hasJobs) {
          report.jobs += await tx.execute(
            'DELETE FROM scheduled_jobs WHERE tenant_id = $1 AND case_id = $2',
            [tenantId, id],
          );
        }
        if (ids.length > 0) {
          await tx.execute(
            `UPDATE case_audit SET actor_id = NULL WHERE case_id = $1 AND actor_id IN (${inList(ids, 2)})`,
            [id, ...ids],
          );
        }
        // From now on the case is only a proof: retention deletes it when its proof period ends.
        await tx.execute(
          `INSERT INTO case_retention (case_id, tenant_id, company_id, closed_on, purged_on)
           VALUES ($1, $2, $3, $4, $4) ON CONFLICT (case_id) DO NOTHING`,
          [id, tenantId, companyId, today],
        );
      }
      if (ids.length > 0) {
        report.references = await tx.execute(
          `DELETE FROM conversation_references
           WHERE tenant_id = $1 AND target_kind = 'user' AND target_id IN (${inList(ids, 2)})`,
          [tenantId, ...ids],
        );
      }
      if (stateKeys.length > 0) {
        report.states = await tx.execute(
          `DELETE FROM bot_state WHERE storage_key IN (${inList(stateKeys, 1)})`,
          stateKeys,
        );
      }
      if (found.hasAbsences) {
        const keys = found.employeeKeys;
        report.absences = await tx.execute(
          `DELETE FROM absences WHERE tenant_id = $1 AND company_id = $2 AND employee_key IN (${inList(keys, 3)})`,
          [tenantId, companyId, ...keys],
        );
      }
      if (found.hasRequests && ids.length > 0) {
        report.requests = await tx.execute(
          `DELETE FROM employee_requests WHERE tenant_id = $1 AND company_id = $2
           AND ${jsonText(db.dialect, 'document', ['employee', 'aadObjectId'])} IN (${inList(ids, 3)})`,
          [tenantId, companyId, ...ids],
        );
      }
      if (found.hasJobs) {
        const subjects = employeeSubjects(companyId, found.employeeKeys);
        report.jobs += await tx.execute(
          `DELETE FROM scheduled_jobs WHERE tenant_id = $1 AND subject IN (${inList(subjects, 2)})`,
          [tenantId, ...subjects],
        );
      }
      await logRetention(tx, {
        tenantId,
        companyId,
        action: 'employee_erased',
        actor: { role: 'hr', aadObjectId: requestedBy },
        at: this.now(),
        details: { ...report, caseIds: found.cases.map((c) => c.id) },
      });
    });
    return report;
  }

  /** The employee's cases in the company, by id or email; an email also finds the cases of the ids it reveals. */
  private async find(tenantId: string, companyId: string, key: EmployeeKey): Promise<Found> {
    const { db } = this.deps;
    const [hasJobs, hasAbsences, hasRequests] = await Promise.all([
      tableExists(db, db.dialect, 'scheduled_jobs'),
      tableExists(db, db.dialect, 'absences'),
      tableExists(db, db.dialect, 'employee_requests'),
    ]);
    const employeeId = jsonText(db.dialect, 'document', ['employee', 'aadObjectId']);
    const employeeEmail = `lower(${jsonText(db.dialect, 'document', ['employee', 'email'])})`;
    const byKey = await db.query<{ document: string }>(
      `SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 AND ${
        key.kind === 'aad' ? employeeId : employeeEmail
      } = $3`,
      [tenantId, companyId, key.value],
    );
    const ids = new Set<string>(key.kind === 'aad' ? [key.value] : []);
    for (const row of byKey) {
      const id = (JSON.parse(row.document) as LiaisonCase).employee.aadObjectId;
      if (id) ids.add(id);
    }
    if (key.kind === 'email' && hasAbsences) {
      const rows = await db.query<{ employee: string }>(
        'SELECT employee FROM absences WHERE tenant_id = $1 AND company_id = $2 AND employee_key = $3',
        [tenantId, companyId, `email:${key.value}`],
      );
      for (const row of rows) {
        const id = (parseJson(row.employee) as { aadObjectId?: unknown } | null)?.aadObjectId;
        if (typeof id === 'string' && id) ids.add(id);
      }
    }
    const aadObjectIds = [...ids];
    const documents = new Map<string, LiaisonCase>();
    for (const row of byKey) {
      const liaisonCase = JSON.parse(row.document) as LiaisonCase;
      documents.set(liaisonCase.id, liaisonCase);
    }
    if (aadObjectIds.length > 0) {
      const byId = await db.query<{ document: string }>(
        `SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 AND ${employeeId} IN (${inList(
          aadObjectIds,
          3,
        )})`,
        [tenantId, companyId, ...aadObjectIds],
      );
      for (const row of byId) {
        const liaisonCase = JSON.parse(row.document) as LiaisonCase;
        documents.set(liaisonCase.id, liaisonCase);
      }
    }
    const cases = [...documents.values()].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    const emails = new Set(key.kind === 'email' ? [key.value] : []);
    for (const liaisonCase of cases) {
      if (liaisonCase.employee.email) emails.add(liaisonCase.employee.email.trim().toLowerCase());
    }
    const employeeKeys = [
      ...aadObjectIds.map((id) => `aad:${id}`),
      ...[...emails].map((email) => `email:${email}`),
    ];
    return { aadObjectIds, employeeKeys, cases, hasJobs, hasAbsences, hasRequests };
  }

  private async references(db: Queryable, tenantId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return db.query<{ target_id: string; updated_at: string; reference: string }>(
      `SELECT target_id, updated_at, reference FROM conversation_references
       WHERE tenant_id = $1 AND target_kind = 'user' AND target_id IN (${inList(ids, 2)}) ORDER BY target_id`,
      [tenantId, ...ids],
    );
  }

  private async personalStates(db: Queryable, references: Array<{ reference: string }>) {
    const keys = personalStateKeys(references);
    if (keys.length === 0) return [];
    const rows = await db.query<{ storage_key: string; updated_at: string; document: string }>(
      `SELECT storage_key, updated_at, document FROM bot_state WHERE storage_key IN (${inList(keys, 1)})`,
      keys,
    );
    return rows.map((row) => ({
      key: row.storage_key,
      updatedAt: row.updated_at,
      document: parseJson(row.document),
    }));
  }

  private async requests(db: Queryable, tenantId: string, companyId: string, ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await db.query<{ document: string }>(
      `SELECT document FROM employee_requests WHERE tenant_id = $1 AND company_id = $2
       AND ${jsonText(this.deps.db.dialect, 'document', ['employee', 'aadObjectId'])} IN (${inList(ids, 3)})
       ORDER BY created_at, id`,
      [tenantId, companyId, ...ids],
    );
    return rows.map((row) => parseJson(row.document));
  }

  private async absences(db: Queryable, tenantId: string, companyId: string, keys: string[]) {
    const rows = await db.query<Record<string, SqlValue>>(
      `SELECT absence_id, employee_key, employee, kind, start_on, end_on, contract_kind, contract_end, created_at,
              updated_at
       FROM absences WHERE tenant_id = $1 AND company_id = $2 AND employee_key IN (${inList(keys, 3)})
       ORDER BY start_on, absence_id`,
      [tenantId, companyId, ...keys],
    );
    return rows.map((row) => ({ ...row, employee: parseJson(String(row.employee)) }));
  }

  private async employeeJobs(db: Queryable, tenantId: string, companyId: string, keys: string[]) {
    const subjects = employeeSubjects(companyId, keys);
    return this.jobs(db, `tenant_id = $1 AND subject IN (${inList(subjects, 2)})`, [tenantId, ...subjects]);
  }

  private async jobs(db: Queryable, where: string, params: SqlValue[]) {
    const rows = await db.query<{ kind: string; due_on: string; status: string; payload: string }>(
      `SELECT kind, due_on, status, payload FROM scheduled_jobs WHERE ${where} ORDER BY due_on, kind`,
      params,
    );
    return rows.map((row) => ({
      kind: row.kind,
      dueOn: row.due_on,
      status: row.status,
      payload: parseJson(row.payload),
    }));
  }
}

/** The scheduler's subject of an employee's jobs (bot/services/reminders/reminderPlan.ts): 'employee:<company>:<key>'. */
const employeeSubjects = (companyId: string, keys: string[]) =>
  keys.map((key) => `employee:${companyId}:${key}`);

/** The conversation-state keys of the person's 1:1 chats (botbuilder: '<channel>/conversations/<id>'). */
function personalStateKeys(references: Array<{ reference: string }>): string[] {
  const keys = new Set<string>();
  for (const row of references) {
    const reference = parseJson(row.reference) as {
      channelId?: string;
      conversation?: { id?: string; conversationType?: string };
    } | null;
    const conversation = reference?.conversation;
    if (reference?.channelId && conversation?.id && conversation.conversationType === 'personal') {
      keys.add(`${reference.channelId}/conversations/${conversation.id}`);
    }
  }
  return [...keys];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
