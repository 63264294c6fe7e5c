// The scheduled jobs table: work due on a Paris day, shared by every instance through leases.
import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../../../domain';
import type { Database, Queryable } from '../storage';
import { claimLeased, type LeaseTable } from './lease';

/**
 * The scheduled jobs: rows of work due on a Paris calendar day (a reminder, a daily task). Several bot instances
 * share them through the database: a job is claimed for a lease (lease.ts) and completed in one transaction with
 * what it causes (e.g. the reminder queued in the outbox), by the claimer that still holds the claim — so each job
 * takes effect exactly once, even with ten instances or a claimer that died half-way.
 */
export type JobStatus = 'pending' | 'claimed' | 'done' | 'skipped' | 'cancelled' | 'failed';

/** Who a set of jobs belongs to: the subject groups the jobs recomputed together (e.g. one case's reminders). */
export interface JobScope {
  tenantId: string;
  companyId: string;
  /** 'case:<id>', 'employee:<company>:<key>', 'daily'… */
  subject: string;
  caseId?: string;
}

/** One job as wanted by whoever computes them: the same kind and day is the same job. */
export interface JobSpec {
  kind: string;
  /** The Paris calendar day the job is about (part of its identity). */
  dueOn: IsoDate;
  /** From when it may run. */
  dueAt: Date;
  payload: unknown;
}

export interface ClaimedJob {
  id: string;
  tenantId: string;
  companyId: string;
  caseId: string | null;
  subject: string;
  kind: string;
  dueOn: IsoDate;
  payload: unknown;
  /** 1 on the first claim. */
  attempts: number;
  claimToken: string;
}

export interface StoredJob {
  id: string;
  subject: string;
  caseId: string | null;
  kind: string;
  dueOn: IsoDate;
  dueAt: string;
  status: JobStatus;
  payload: unknown;
  attempts: number;
}

interface JobRow {
  id: string;
  tenant_id: string;
  company_id: string;
  case_id: string | null;
  subject: string;
  kind: string;
  due_on: string;
  due_at: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  claim_token: string;
}

const JOBS: LeaseTable = {
  table: 'scheduled_jobs',
  dueColumn: 'due_at',
  columns: ['tenant_id', 'company_id', 'case_id', 'subject', 'kind', 'due_on', 'due_at', 'payload'],
};

// A cancelled job wanted again comes back; a pending one keeps its run time (only its payload is refreshed);
// a done, skipped or failed one is left alone, so a recomputation never redoes what was done.
const UPSERT = `INSERT INTO scheduled_jobs
    (id, tenant_id, company_id, case_id, subject, kind, due_on, due_at, payload, status, attempts,
     created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10)
  ON CONFLICT (tenant_id, subject, kind, due_on) DO UPDATE SET
    payload = excluded.payload,
    due_at = CASE WHEN scheduled_jobs.status = 'cancelled' THEN excluded.due_at ELSE scheduled_jobs.due_at END,
    status = 'pending',
    attempts = CASE WHEN scheduled_jobs.status = 'cancelled' THEN 0 ELSE scheduled_jobs.attempts END,
    updated_at = excluded.updated_at
  WHERE scheduled_jobs.status IN ('pending', 'cancelled')`;

const INSERT_IF_ABSENT = `INSERT INTO scheduled_jobs
    (id, tenant_id, company_id, case_id, subject, kind, due_on, due_at, payload, status, attempts,
     created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10)
  ON CONFLICT (tenant_id, subject, kind, due_on) DO NOTHING`;

const sameJob = (a: { kind: string; dueOn: string }, b: { kind: string; dueOn: string }) =>
  a.kind === b.kind && a.dueOn === b.dueOn;

export class JobStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Makes `desired` the jobs still to do for `scope`, within `tx` (the transaction of the change that caused the
   * recomputation): pending jobs no longer wanted are cancelled, wanted ones are added (or revived when they had
   * been cancelled). Idempotent: the same call twice changes nothing the second time.
   */
  async replacePending(tx: Queryable, scope: JobScope, desired: JobSpec[]): Promise<void> {
    const at = this.now().toISOString();
    const active = await tx.query<{ id: string; kind: string; due_on: string }>(
      `SELECT id, kind, due_on FROM scheduled_jobs
       WHERE tenant_id = $1 AND subject = $2 AND status IN ('pending', 'claimed')`,
      [scope.tenantId, scope.subject],
    );
    for (const job of active) {
      if (!desired.some((wanted) => sameJob(wanted, { kind: job.kind, dueOn: job.due_on }))) {
        // A claimed job cancelled here cannot complete afterwards: completion requires status 'claimed'.
        await tx.execute(
          `UPDATE scheduled_jobs SET status = 'cancelled', claimed_until = NULL, claim_token = NULL,
             updated_at = $2 WHERE id = $1`,
          [job.id, at],
        );
      }
    }
    for (const job of desired) await this.write(tx, UPSERT, scope, job, at);
  }

  /** Adds the job unless the same one (scope, kind, day) exists in any status; true when it was added. */
  async ensure(queryable: Queryable, scope: JobScope, job: JobSpec): Promise<boolean> {
    return (await this.write(queryable, INSERT_IF_ABSENT, scope, job, this.now().toISOString())) === 1;
  }

  private write(queryable: Queryable, sql: string, scope: JobScope, job: JobSpec, at: string) {
    return queryable.execute(sql, [
      randomUUID(),
      scope.tenantId,
      scope.companyId,
      scope.caseId ?? null,
      scope.subject,
      job.kind,
      job.dueOn,
      job.dueAt.toISOString(),
      JSON.stringify(job.payload ?? null),
      at,
    ]);
  }

  /** Claims up to `limit` due jobs for `leaseMs`, earliest first; no other claimer gets them meanwhile. */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const rows = await claimLeased<JobRow>(this.db, JOBS, { now, leaseMs, limit, token: randomUUID() });
    return rows
      .sort((a, b) => a.due_at.localeCompare(b.due_at) || a.id.localeCompare(b.id))
      .map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        companyId: row.company_id,
        caseId: row.case_id,
        subject: row.subject,
        kind: row.kind,
        dueOn: row.due_on,
        payload: JSON.parse(row.payload) as unknown,
        attempts: row.attempts,
        claimToken: row.claim_token,
      }));
  }

  /**
   * Marks the job done (or skipped) and runs `effect` in the same transaction — only while this claim still
   * holds it: when the lease was taken over by another claimer, or the job was cancelled meanwhile, nothing
   * happens and the answer is false.
   */
  async complete(
    job: ClaimedJob,
    effect: ((tx: Queryable) => Promise<void>) | null,
    status: 'done' | 'skipped' = 'done',
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.execute(
        `UPDATE scheduled_jobs SET status = $3, claimed_until = NULL, updated_at = $4, last_error = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'claimed'`,
        [job.id, job.claimToken, status, this.now().toISOString()],
      );
      if (changed !== 1) return false;
      if (effect) await effect(tx);
      return true;
    });
  }

  /** Records a failed run: retried from `retryAt`, or given up for good (status 'failed') when it is null. */
  async fail(job: ClaimedJob, error: string, retryAt: Date | null): Promise<void> {
    await this.db.execute(
      `UPDATE scheduled_jobs SET status = $3, due_at = COALESCE($4, due_at), last_error = $5,
         claimed_until = NULL, updated_at = $6
       WHERE id = $1 AND claim_token = $2 AND status = 'claimed'`,
      [
        job.id,
        job.claimToken,
        retryAt ? 'pending' : 'failed',
        retryAt?.toISOString() ?? null,
        error,
        this.now().toISOString(),
      ],
    );
  }

  /** The jobs of a subject, by day then kind (for tests, the docs' examples and support). */
  async list(tenantId: string, subject: string): Promise<StoredJob[]> {
    const rows = await this.db.query<JobRow>(
      `SELECT * FROM scheduled_jobs WHERE tenant_id = $1 AND subject = $2 ORDER BY due_on, kind, id`,
      [tenantId, subject],
    );
    return rows.map((row) => ({
      id: row.id,
      subject: row.subject,
      caseId: row.case_id,
      kind: row.kind,
      dueOn: row.due_on,
      dueAt: row.due_at,
      status: row.status,
      payload: JSON.parse(row.payload) as unknown,
      attempts: row.attempts,
    }));
  }
}
