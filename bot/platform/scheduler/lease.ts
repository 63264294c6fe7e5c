// Leasing rows of a work table among several instances (the outbox's pattern, reusable).
import type { Database } from '../storage';

/**
 * Leasing rows of a work table among several instances — the pattern of bot/platform/messaging/outbox.ts, made reusable
 * here: a row is due when it is 'pending' and its due instant has come, or 'claimed' and its lease has run out
 * (the claimer died). Claiming marks it 'claimed' until `now + leaseMs`, counts the attempt and stamps a fresh
 * claim token; only the holder of that token may then complete the row (see `completeLeased`).
 *
 * PostgreSQL: `FOR UPDATE SKIP LOCKED` lets concurrent claimers take disjoint rows instead of queueing.
 * SQLite: the claim runs in a `BEGIN IMMEDIATE` transaction (Database.transaction), which holds the file's write
 * lock, so claimers — in one process or in several sharing the file — run one after another.
 */
export interface LeaseTable {
  /** Table name (a constant of the code, never user input). */
  table: string;
  /** The column holding the ISO instant from which a pending row is due. */
  dueColumn: string;
  /** Columns returned for each claimed row, besides id, attempts and claim_token. */
  columns: string[];
}

export interface LeaseClaim {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Written to every row of this claim. */
  token: string;
}

export function claimSql(spec: LeaseTable, dialect: Database['dialect']): string {
  const candidates = `SELECT id FROM ${spec.table}
    WHERE (status = 'pending' AND ${spec.dueColumn} <= $1) OR (status = 'claimed' AND claimed_until <= $1)
    ORDER BY ${spec.dueColumn}, id LIMIT $3`;
  const lock = dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  return `UPDATE ${spec.table}
    SET status = 'claimed', claimed_until = $2, attempts = attempts + 1, claim_token = $4
    WHERE id IN (${candidates}${lock})
    RETURNING ${['id', 'attempts', 'claim_token', ...spec.columns].join(', ')}`;
}

/** Claims up to `limit` due rows of `spec.table` for a lease; resolves with them (in no particular order). */
export function claimLeased<Row>(db: Database, spec: LeaseTable, claim: LeaseClaim): Promise<Row[]> {
  const leaseEnd = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  return db.transaction((tx) =>
    tx.query<Row>(claimSql(spec, db.dialect), [claim.now.toISOString(), leaseEnd, claim.limit, claim.token]),
  );
}
