// The cases table and its audit trail, every read and write scoped by tenant.
import type { Database, Queryable } from '../../platform/storage';
import { caseFromDocument, employeeIdOf } from '../../../domain/caseRecord';
import type { ActorRole, CaseEvent, CaseState, LiaisonCase } from '../../../domain/liaisonCase';

/** One change of a case, as the proof trail keeps it: who, when, what, from which status to which. No free text. */
export interface AuditEntry {
  caseVersion: number;
  at: string;
  actorRole: ActorRole;
  actorId: string | null;
  event: CaseEvent;
  fromState: CaseState | null;
  toState: CaseState;
  /** The offer the change concerned (the new one for a new date). */
  offer: number | null;
  /** How the person acted: a Teams card or chat, the answer page of a letter's link, the HR tab, the system. */
  via: AuditChannel | null;
}

export type AuditChannel = 'teams' | 'link' | 'tab' | 'system';

interface AuditRow {
  case_version: number;
  at: string;
  actor_role: ActorRole;
  actor_id: string | null;
  event: CaseEvent;
  from_state: CaseState | '';
  to_state: CaseState;
  offer: number | null;
  via: AuditChannel | null;
}

// PostgreSQL: the row lock makes concurrent changes of one case queue up, so each decides on the previous one's
// result. SQLite has no row locks; its transactions already run one at a time.
const FOR_UPDATE = { sqlite: '', postgres: ' FOR UPDATE' };

export interface CaseStoreOptions {
  /**
   * Called inside the transaction of every case written, e.g. to recompute the case's reminders (bot/services/reminders)
   * atomically with the change.
   */
  onCaseWritten?: (tx: Queryable, liaisonCase: LiaisonCase) => Promise<void>;
}

/**
 * The durable cases of every tenant: reads, and the writes CaseService makes inside its transactions once the
 * case engine has decided. Every read and write is scoped by tenant id.
 */
export class CaseStore {
  constructor(
    private readonly db: Database,
    private options: CaseStoreOptions = {},
  ) {}

  /** Sets the hook of every case written (bot/app.ts: the reminders, which read their cases from this store). */
  setOnCaseWritten(hook: CaseStoreOptions['onCaseWritten']): void {
    this.options = { ...this.options, onCaseWritten: hook };
  }

  get dialect(): Database['dialect'] {
    return this.db.dialect;
  }

  /** The case, or null when it does not exist in this tenant (a case of another tenant is not revealed). */
  async get(tenantId: string, caseId: string, queryable: Queryable = this.db): Promise<LiaisonCase | null> {
    const [row] = await queryable.query<{ document: string }>(
      'SELECT document FROM cases WHERE tenant_id = $1 AND id = $2',
      [tenantId, caseId],
    );
    return row ? caseFromDocument(row.document) : null;
  }

  /** The case, locked until the end of `tx` (PostgreSQL), for a change decided within it. */
  async getForChange(tx: Queryable, tenantId: string, caseId: string): Promise<LiaisonCase | null> {
    const [row] = await tx.query<{ document: string }>(
      `SELECT document FROM cases WHERE tenant_id = $1 AND id = $2${FOR_UPDATE[this.db.dialect]}`,
      [tenantId, caseId],
    );
    return row ? caseFromDocument(row.document) : null;
  }

  /**
   * Every case of the employee in the company, within `tx`. On PostgreSQL a transaction-scoped lock on the
   * employee first makes two concurrent openings for one person decide one after the other.
   */
  async casesOfEmployee(
    tx: Queryable,
    tenantId: string,
    companyId: string,
    employeeId: string,
  ): Promise<LiaisonCase[]> {
    if (this.db.dialect === 'postgres') {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`case:${tenantId}:${employeeId}`]);
    }
    const rows = await tx.query<{ document: string }>(
      'SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 AND employee_key = $3',
      [tenantId, companyId, employeeId],
    );
    return rows.map((row) => caseFromDocument(row.document));
  }

  /** Whether a case id is taken, in any tenant (ids are global keys; which tenant is not revealed). */
  async idTaken(tx: Queryable, caseId: string): Promise<boolean> {
    return (await tx.query('SELECT 1 AS taken FROM cases WHERE id = $1', [caseId])).length > 0;
  }

  /** The company's cases, most recently changed first. */
  async listForCompany(tenantId: string, companyId: string): Promise<LiaisonCase[]> {
    const rows = await this.db.query<{ document: string }>(
      'SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 ORDER BY updated_at DESC, id',
      [tenantId, companyId],
    );
    return rows.map((row) => caseFromDocument(row.document));
  }

  /** Stores a new case within `tx`. */
  async insert(tx: Queryable, created: LiaisonCase): Promise<void> {
    await tx.execute(
      `INSERT INTO cases (id, tenant_id, company_id, state, version, document, created_at, updated_at, employee_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        created.id,
        created.tenantId,
        created.companyId,
        created.state,
        created.version,
        JSON.stringify(created),
        created.createdAt,
        created.updatedAt,
        employeeIdOf(created.employee),
      ],
    );
    await this.options.onCaseWritten?.(tx, created);
  }

  /** Writes `updated` over the version it was decided from, within `tx`. */
  async update(tx: Queryable, updated: LiaisonCase): Promise<void> {
    const changed = await tx.execute(
      `UPDATE cases SET state = $1, version = $2, document = $3, updated_at = $4
       WHERE tenant_id = $5 AND id = $6 AND version = $7`,
      [
        updated.state,
        updated.version,
        JSON.stringify(updated),
        updated.updatedAt,
        updated.tenantId,
        updated.id,
        updated.version - 1,
      ],
    );
    // Unreachable while the row lock / serial transactions hold; a guard rather than a silent lost update.
    if (changed !== 1) throw new Error(`Case ${updated.id} changed during its transition.`);
    await this.options.onCaseWritten?.(tx, updated);
  }

  /** Records one change in the case's proof trail, within the change's transaction. */
  async appendAudit(tx: Queryable, caseId: string, entry: AuditEntry): Promise<void> {
    await tx.execute(
      `INSERT INTO case_audit
         (case_id, case_version, at, actor_role, actor_id, event, from_state, to_state, idempotency_key, offer, via)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        caseId,
        entry.caseVersion,
        entry.at,
        entry.actorRole,
        entry.actorId,
        entry.event,
        entry.fromState ?? '',
        entry.toState,
        `${entry.event}:v${entry.caseVersion}`,
        entry.offer,
        entry.via,
      ],
    );
  }

  /** Every change of the case, oldest first; empty when the case does not exist in this tenant. */
  async auditTrail(tenantId: string, caseId: string): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      `SELECT a.case_version, a.at, a.actor_role, a.actor_id, a.event, a.from_state, a.to_state, a.offer, a.via
       FROM case_audit a JOIN cases c ON c.id = a.case_id
       WHERE c.tenant_id = $1 AND a.case_id = $2
       ORDER BY a.case_version`,
      [tenantId, caseId],
    );
    return rows.map((row) => ({
      caseVersion: row.case_version,
      at: row.at,
      actorRole: row.actor_role,
      actorId: row.actor_id,
      event: row.event,
      fromState: row.from_state || null,
      toState: row.to_state,
      offer: row.offer,
      via: row.via,
    }));
  }
}
