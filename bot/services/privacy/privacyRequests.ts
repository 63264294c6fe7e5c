// Pending privacy requests: an export waiting for download, an erasure waiting for confirmation.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/storage';
import type { EmployeeKey } from './employeeData';

/**
 * Pending privacy requests (table privacy_requests): an export waiting to be downloaded, an erasure waiting to be
 * confirmed. Links and cards carry only the row's id (signed), so that no email travels in a URL or a card;
 * taking a request deletes it, so each link or confirmation works once.
 */
export type PrivacyAction = 'export' | 'erase';

export interface PrivacyRequest {
  id: string;
  tenantId: string;
  companyId: string;
  action: PrivacyAction;
  key: EmployeeKey;
  requestedBy: string | null;
}

export class PrivacyRequests {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(request: Omit<PrivacyRequest, 'id'>, ttlMs: number): Promise<string> {
    const id = randomUUID();
    const at = this.now();
    await this.db.execute(
      `INSERT INTO privacy_requests (id, tenant_id, company_id, action, employee_key, requested_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        request.tenantId,
        request.companyId,
        request.action,
        JSON.stringify(request.key),
        request.requestedBy,
        at.toISOString(),
        new Date(at.getTime() + ttlMs).toISOString(),
      ],
    );
    return id;
  }

  /** The request, removed (single use); null when unknown, of another tenant or action, or expired. */
  async take(id: string, tenantId: string, action: PrivacyAction): Promise<PrivacyRequest | null> {
    const [row] = await this.db.query<{
      id: string;
      tenant_id: string;
      company_id: string;
      employee_key: string;
      requested_by: string | null;
      expires_at: string;
    }>(
      `DELETE FROM privacy_requests WHERE id = $1 AND tenant_id = $2 AND action = $3
       RETURNING id, tenant_id, company_id, employee_key, requested_by, expires_at`,
      [id, tenantId, action],
    );
    if (!row || row.expires_at <= this.now().toISOString()) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      companyId: row.company_id,
      action,
      key: JSON.parse(row.employee_key) as EmployeeKey,
      requestedBy: row.requested_by,
    };
  }

  /** Forgets expired requests (retention's housekeeping). */
  async deleteExpired(): Promise<number> {
    return this.db.execute('DELETE FROM privacy_requests WHERE expires_at <= $1', [this.now().toISOString()]);
  }
}
