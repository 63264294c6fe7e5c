import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../storage';
import type { ActorRole, CaseActor, CaseEvent, CaseState, LiaisonCase, NewLiaisonCase } from './model';
import { nextState } from './transitions';

export type ApplyOutcome = 'applied' | 'already_applied' | 'not_applicable';

export interface ApplyResult {
  outcome: ApplyOutcome;
  /** The case as stored after the call. */
  case: LiaisonCase;
}

export interface AuditEntry {
  caseVersion: number;
  at: string;
  actorRole: ActorRole;
  actorId: string | null;
  event: CaseEvent;
  fromState: CaseState;
  toState: CaseState;
}

/** What a transition may change besides the state, e.g. the new date when a meeting is proposed again. */
export type CaseChanges = Partial<Pick<LiaisonCase, 'meeting' | 'spst' | 'referentRequested' | 'wishes'>>;

export interface ApplyOptions {
  /** Stored with the transition, only when it applies. */
  changes?: CaseChanges;
  /** Runs inside the transition's transaction, e.g. to enqueue the message the transition causes. */
  effect?: (tx: Queryable, updated: LiaisonCase) => Promise<unknown>;
}

export class CaseNotFoundError extends Error {
  constructor(caseId: string) {
    super(`No case ${caseId} in this tenant.`);
  }
}

interface AuditRow {
  case_version: number;
  at: string;
  actor_role: ActorRole;
  actor_id: string | null;
  event: CaseEvent;
  from_state: CaseState;
  to_state: CaseState;
}

// PostgreSQL: the row lock makes concurrent transitions of one case queue up, so each sees the previous one's
// idempotency key. SQLite has no row locks; its transactions already run one at a time.
const SELECT_CASE_FOR_UPDATE = {
  sqlite: 'SELECT document FROM cases WHERE tenant_id = $1 AND id = $2',
  postgres: 'SELECT document FROM cases WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
};

export interface CaseStoreOptions {
  /**
   * Called inside the transaction of every case written (created, or moved by an applied event), e.g. to
   * recompute the case's reminders (bot/scheduler) atomically with the change.
   */
  onCaseWritten?: (tx: Queryable, liaisonCase: LiaisonCase) => Promise<void>;
}

/** The durable cases of every tenant. Every read and write is scoped by tenant id. */
export class CaseStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
    private readonly options: CaseStoreOptions = {},
  ) {}

  async create(newCase: NewLiaisonCase): Promise<LiaisonCase> {
    const { onCaseWritten } = this.options;
    if (!onCaseWritten) return this.insert(this.db, newCase);
    return this.db.transaction(async (tx) => {
      const created = await this.insert(tx, newCase);
      await onCaseWritten(tx, created);
      return created;
    });
  }

  /**
   * Creates the case and applies its first event in one transaction, so that a case never exists without the
   * messages its first transition queues. The idempotency key is looked up across the tenant's cases: a retried
   * creation (same key) creates nothing and answers 'already_applied' with the case created the first time.
   */
  async createAndApply(
    newCase: NewLiaisonCase,
    event: CaseEvent,
    actor: CaseActor,
    idempotencyKey: string,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.query<{ document: string }>(
        `SELECT c.document FROM cases c JOIN case_audit a ON a.case_id = c.id
         WHERE c.tenant_id = $1 AND a.idempotency_key = $2`,
        [newCase.tenantId, idempotencyKey],
      );
      if (existing) return { outcome: 'already_applied', case: JSON.parse(existing.document) as LiaisonCase };
      const created = await this.insert(tx, newCase);
      return this.applyWithin(tx, created.tenantId, created.id, event, actor, idempotencyKey, options);
    });
  }

  private async insert(queryable: Queryable, newCase: NewLiaisonCase): Promise<LiaisonCase> {
    const at = this.now().toISOString();
    const created: LiaisonCase = {
      ...newCase,
      id: randomUUID(),
      state: 'draft',
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await queryable.execute(
      `INSERT INTO cases (id, tenant_id, company_id, state, version, document, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        created.id,
        created.tenantId,
        created.companyId,
        created.state,
        created.version,
        JSON.stringify(created),
        at,
        at,
      ],
    );
    return created;
  }

  /** The case, or null when it does not exist in this tenant (a case of another tenant is not revealed). */
  async get(tenantId: string, caseId: string): Promise<LiaisonCase | null> {
    return readCase(this.db, 'SELECT document FROM cases WHERE tenant_id = $1 AND id = $2', tenantId, caseId);
  }

  /** The company's cases, most recently changed first. */
  async listForCompany(tenantId: string, companyId: string): Promise<LiaisonCase[]> {
    const rows = await this.db.query<{ document: string }>(
      'SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 ORDER BY updated_at DESC, id',
      [tenantId, companyId],
    );
    return rows.map((row) => JSON.parse(row.document) as LiaisonCase);
  }

  /**
   * Moves the case by `event` in one transaction: transition, audit row, version bump, changes and effect
   * together, or nothing. The idempotency key names the action (e.g. a card click): once it has been applied to the
   * case, applying it again changes nothing and answers 'already_applied'. `options.changes` and
   * `options.effect` take part only when the transition applies. Authorisation is the caller's (see
   * authorization.ts); `actor` is what the audit trail records. Throws CaseNotFoundError when the case does not
   * exist in this tenant.
   */
  async applyEvent(
    tenantId: string,
    caseId: string,
    event: CaseEvent,
    actor: CaseActor,
    idempotencyKey: string,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    return this.db.transaction((tx) =>
      this.applyWithin(tx, tenantId, caseId, event, actor, idempotencyKey, options),
    );
  }

  private async applyWithin(
    tx: Queryable,
    tenantId: string,
    caseId: string,
    event: CaseEvent,
    actor: CaseActor,
    idempotencyKey: string,
    options: ApplyOptions,
  ): Promise<ApplyResult> {
    const current = await readCase(tx, SELECT_CASE_FOR_UPDATE[this.db.dialect], tenantId, caseId);
    if (!current) throw new CaseNotFoundError(caseId);
    const seen = await tx.query(
      'SELECT 1 AS seen FROM case_audit WHERE case_id = $1 AND idempotency_key = $2',
      [caseId, idempotencyKey],
    );
    if (seen.length > 0) return { outcome: 'already_applied', case: current };
    const to = nextState(current.state, event);
    if (!to) return { outcome: 'not_applicable', case: current };

    const at = this.now().toISOString();
    const updated: LiaisonCase = {
      ...current,
      ...options.changes,
      state: to,
      version: current.version + 1,
      updatedAt: at,
    };
    const changed = await tx.execute(
      `UPDATE cases SET state = $1, version = $2, document = $3, updated_at = $4
       WHERE tenant_id = $5 AND id = $6 AND version = $7`,
      [to, updated.version, JSON.stringify(updated), at, tenantId, caseId, current.version],
    );
    // Unreachable while the row lock / serial transactions hold; a guard rather than a silent lost update.
    if (changed !== 1) throw new Error(`Case ${caseId} changed during its transition.`);
    await tx.execute(
      `INSERT INTO case_audit
         (case_id, case_version, at, actor_role, actor_id, event, from_state, to_state, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseId,
        updated.version,
        at,
        actor.role,
        actor.aadObjectId ?? null,
        event,
        current.state,
        to,
        idempotencyKey,
      ],
    );
    if (options.effect) await options.effect(tx, updated);
    await this.options.onCaseWritten?.(tx, updated);
    return { outcome: 'applied', case: updated };
  }

  /** Every transition of the case, oldest first; empty when the case does not exist in this tenant. */
  async auditTrail(tenantId: string, caseId: string): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      `SELECT a.case_version, a.at, a.actor_role, a.actor_id, a.event, a.from_state, a.to_state
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
      fromState: row.from_state,
      toState: row.to_state,
    }));
  }
}

async function readCase(
  queryable: Queryable,
  sql: string,
  tenantId: string,
  caseId: string,
): Promise<LiaisonCase | null> {
  const [row] = await queryable.query<{ document: string }>(sql, [tenantId, caseId]);
  return row ? (JSON.parse(row.document) as LiaisonCase) : null;
}
