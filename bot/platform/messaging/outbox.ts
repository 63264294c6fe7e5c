// The durable outbox: messages stored with the change that causes them, claimed for a lease, sent once.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../storage';

/**
 * Messages are stored before they are sent, in the same transaction as the change that causes them, so a crash
 * between the two never loses one. A sender claims due messages for a lease; a claim that outlives its lease
 * (the sender died) becomes claimable again, so delivery is at least once across crashes and exactly once
 * between live senders.
 */
export interface OutboxMessage {
  tenantId: string;
  caseId?: string;
  /** What to send, e.g. 'hr.acceptance_card'; the sender dispatches on it. */
  kind: string;
  payload: unknown;
  /** Not before; now when absent. */
  dueAt?: Date;
}

export interface ClaimedMessage {
  id: string;
  tenantId: string;
  caseId: string | null;
  kind: string;
  payload: unknown;
  /** 1 on the first claim. */
  attempts: number;
}

interface OutboxRow {
  id: string;
  tenant_id: string;
  case_id: string | null;
  kind: string;
  payload: string;
  attempts: number;
  due_at: string;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

// SKIP LOCKED lets concurrent PostgreSQL claimers take disjoint rows instead of queueing; SQLite runs one
// transaction at a time, so the plain statement is already exclusive.
const CLAIM_CANDIDATES = `SELECT id FROM outbox
  WHERE (status = 'pending' AND due_at <= $1) OR (status = 'claimed' AND claimed_until <= $1)
  ORDER BY due_at, id LIMIT $3`;
const CLAIM = {
  sqlite: `UPDATE outbox SET status = 'claimed', claimed_until = $2, attempts = attempts + 1
    WHERE id IN (${CLAIM_CANDIDATES})
    RETURNING id, tenant_id, case_id, kind, payload, attempts, due_at`,
  postgres: `UPDATE outbox SET status = 'claimed', claimed_until = $2, attempts = attempts + 1
    WHERE id IN (${CLAIM_CANDIDATES} FOR UPDATE SKIP LOCKED)
    RETURNING id, tenant_id, case_id, kind, payload, attempts, due_at`,
};

export class Outbox {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  /** Stores a message within `tx`, the transaction of the change that causes it. Returns its id. */
  async enqueue(tx: Queryable, message: OutboxMessage): Promise<string> {
    const id = randomUUID();
    const now = this.now();
    await tx.execute(
      `INSERT INTO outbox (id, tenant_id, case_id, kind, payload, status, due_at, attempts, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, 0, $7)`,
      [
        id,
        message.tenantId,
        message.caseId ?? null,
        message.kind,
        JSON.stringify(message.payload),
        (message.dueAt ?? now).toISOString(),
        now.toISOString(),
      ],
    );
    return id;
  }

  /** Claims up to `limit` due messages, oldest first; no other claimer gets them while the lease runs. */
  async claimDue(now: Date, limit: number): Promise<ClaimedMessage[]> {
    const leaseEnd = new Date(now.getTime() + this.leaseMs).toISOString();
    const rows = await this.db.transaction((tx) =>
      tx.query<OutboxRow>(CLAIM[this.db.dialect], [now.toISOString(), leaseEnd, limit]),
    );
    // RETURNING does not keep the candidates' order.
    const oldestFirst = rows.sort((a, b) => a.due_at.localeCompare(b.due_at) || a.id.localeCompare(b.id));
    return oldestFirst.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      caseId: row.case_id,
      kind: row.kind,
      payload: JSON.parse(row.payload) as unknown,
      attempts: row.attempts,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.db.execute(
      `UPDATE outbox SET status = 'sent', sent_at = $2, claimed_until = NULL WHERE id = $1`,
      [id, this.now().toISOString()],
    );
  }

  /** Records a failed send: retried from `retryAt`, or given up for good (status 'failed') when it is null. */
  async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.execute(
      `UPDATE outbox SET status = $2, due_at = COALESCE($3, due_at), last_error = $4, claimed_until = NULL
       WHERE id = $1`,
      [id, retryAt ? 'pending' : 'failed', retryAt?.toISOString() ?? null, error],
    );
  }
}
