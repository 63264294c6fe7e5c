// The employees' requests table, every read and write scoped by tenant.
import type { Database, Queryable } from '../../platform/storage';

export type { EmployeeRequest, NewEmployeeRequest } from '../../../domain/employeeRequest';
import type { EmployeeRequest, NewEmployeeRequest } from '../../../domain/employeeRequest';

export type AcknowledgeOutcome = 'acknowledged' | 'already_acknowledged';

/** The employees' requests, every read and write scoped by tenant. */
export class RequestStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores the request within `tx` unless its id exists already (a retried confirmation); `effect` runs only
   * when it is new, in the same transaction (e.g. to queue the notices). Returns the stored request.
   */
  async create(
    request: NewEmployeeRequest,
    effect: (tx: Queryable, created: EmployeeRequest) => Promise<unknown>,
  ): Promise<{ created: boolean; request: EmployeeRequest }> {
    return this.db.transaction(async (tx) => {
      const existing = await readRequest(tx, request.tenantId, request.id);
      if (existing) return { created: false, request: existing };
      const at = this.now().toISOString();
      const created: EmployeeRequest = { ...request, state: 'pending', createdAt: at };
      await tx.execute(
        `INSERT INTO employee_requests (id, tenant_id, company_id, state, document, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [created.id, created.tenantId, created.companyId, created.state, JSON.stringify(created), at],
      );
      await effect(tx, created);
      return { created: true, request: created };
    });
  }

  async get(tenantId: string, id: string): Promise<EmployeeRequest | null> {
    return readRequest(this.db, tenantId, id);
  }

  /**
   * Marks the request acknowledged by `by` on `on`, once: later calls change nothing and say so. `effect` runs
   * with the first acknowledgement only, in its transaction.
   */
  async acknowledge(
    tenantId: string,
    id: string,
    acknowledged: NonNullable<EmployeeRequest['acknowledged']>,
    effect: (tx: Queryable, request: EmployeeRequest) => Promise<unknown>,
  ): Promise<{ outcome: AcknowledgeOutcome; request: EmployeeRequest } | null> {
    return this.db.transaction(async (tx) => {
      const forUpdate = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const current = await readRequest(tx, tenantId, id, forUpdate);
      if (!current) return null;
      if (current.state === 'acknowledged') return { outcome: 'already_acknowledged', request: current };
      const updated: EmployeeRequest = { ...current, state: 'acknowledged', acknowledged };
      await tx.execute(
        `UPDATE employee_requests SET state = $1, document = $2, updated_at = $3 WHERE tenant_id = $4 AND id = $5`,
        [updated.state, JSON.stringify(updated), this.now().toISOString(), tenantId, id],
      );
      await effect(tx, updated);
      return { outcome: 'acknowledged', request: updated };
    });
  }
}

async function readRequest(
  queryable: Queryable,
  tenantId: string,
  id: string,
  suffix = '',
): Promise<EmployeeRequest | null> {
  const [row] = await queryable.query<{ document: string }>(
    `SELECT document FROM employee_requests WHERE tenant_id = $1 AND id = $2${suffix}`,
    [tenantId, id],
  );
  return row ? (JSON.parse(row.document) as EmployeeRequest) : null;
}
