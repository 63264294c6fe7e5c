// Small SQL helpers for retention and privacy requests, identical on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/storage';

/** Small SQL helpers shared by retention and the employee's data requests; identical results on both dialects. */

/** The text at `path` of a JSON document column ('$.a.b' in SQLite, `#>> '{a,b}'` in PostgreSQL). */
export function jsonText(dialect: Database['dialect'], column: string, path: string[]): string {
  return dialect === 'sqlite'
    ? `json_extract(${column}, '$.${path.join('.')}')`
    : `(${column}::jsonb #>> '{${path.join(',')}}')`;
}

/** Whether a table exists (tables of features that may not be installed, e.g. absences). */
export async function tableExists(db: Queryable, dialect: Database['dialect'], table: string) {
  const rows =
    dialect === 'sqlite'
      ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1", [table])
      : await db.query(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1',
          [table],
        );
  return rows.length > 0;
}

export type RetentionAction =
  | 'details_purged'
  | 'proof_deleted'
  | 'housekeeping'
  | 'employee_exported'
  | 'employee_export_downloaded'
  | 'employee_erased';

export interface RetentionLogEntry {
  tenantId: string;
  companyId: string;
  caseId?: string;
  action: RetentionAction;
  actor: { role: 'system' | 'hr'; aadObjectId?: string };
  at: Date;
  /** Counts and days only: never a name, an email or a message. */
  details: Record<string, number | string | string[]>;
}

/** Records what retention or a data request did (table retention_log). */
export async function logRetention(tx: Queryable, entry: RetentionLogEntry): Promise<void> {
  await tx.execute(
    `INSERT INTO retention_log (id, tenant_id, company_id, case_id, action, actor_role, actor_id, at, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      randomUUID(),
      entry.tenantId,
      entry.companyId,
      entry.caseId ?? null,
      entry.action,
      entry.actor.role,
      entry.actor.aadObjectId ?? null,
      entry.at.toISOString(),
      JSON.stringify(entry.details),
    ],
  );
}

export interface RetentionLogRow {
  tenantId: string;
  companyId: string;
  caseId: string | null;
  action: RetentionAction;
  actorRole: string;
  actorId: string | null;
  at: string;
  details: Record<string, unknown>;
}

/** The company's retention log, oldest first (tenant '*' holds the housekeeping that belongs to no tenant). */
export async function readRetentionLog(
  db: Queryable,
  tenantId: string,
  companyId?: string,
): Promise<RetentionLogRow[]> {
  const rows = await db.query<{
    tenant_id: string;
    company_id: string;
    case_id: string | null;
    action: RetentionAction;
    actor_role: string;
    actor_id: string | null;
    at: string;
    details: string;
  }>(
    `SELECT tenant_id, company_id, case_id, action, actor_role, actor_id, at, details FROM retention_log
     WHERE tenant_id = $1 AND ($2 = '' OR company_id = $2) ORDER BY at, id`,
    [tenantId, companyId ?? ''],
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    companyId: row.company_id,
    caseId: row.case_id,
    action: row.action,
    actorRole: row.actor_role,
    actorId: row.actor_id,
    at: row.at,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}
