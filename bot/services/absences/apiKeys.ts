// The absences feed's API keys: per company, stored as SHA-256, listed and revoked.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../platform/storage';

/**
 * API keys of the absences feed: one or more per company, each bound to a tenant and a company, so a key of
 * company A can only ever write company A's absences. Only the SHA-256 of a key is stored; the key itself is shown
 * once, when it is created (scripts/absences-key.ts).
 */
export interface ApiKeyScope {
  keyId: string;
  tenantId: string;
  companyId: string;
}

const KEY_PREFIX = 'lsk_';

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export class AbsenceApiKeys {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a key for the company; returns it (the only time it is readable) with its id. */
  async create(tenantId: string, companyId: string, label?: string): Promise<{ keyId: string; key: string }> {
    if (!tenantId.trim() || !companyId.trim()) throw new Error('a key needs a tenant id and a company id');
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const keyId = randomUUID();
    await this.db.execute(
      `INSERT INTO absence_api_keys (id, key_hash, tenant_id, company_id, label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [keyId, hashApiKey(key), tenantId, companyId, label ?? null, this.now().toISOString()],
    );
    return { keyId, key };
  }

  /** The tenant and company of a valid, unrevoked key; null otherwise. */
  async verify(key: string): Promise<ApiKeyScope | null> {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const [row] = await this.db.query<{ id: string; tenant_id: string; company_id: string }>(
      'SELECT id, tenant_id, company_id FROM absence_api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(key)],
    );
    return row ? { keyId: row.id, tenantId: row.tenant_id, companyId: row.company_id } : null;
  }

  /** Revokes a key by its id; true when a key was revoked. */
  async revoke(keyId: string): Promise<boolean> {
    const changed = await this.db.execute(
      'UPDATE absence_api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      [keyId, this.now().toISOString()],
    );
    return changed === 1;
  }

  /** The keys of every company (never the key itself): id, tenant, company, label, dates. */
  async list(): Promise<Array<Record<string, string | null>>> {
    return this.db.query(
      `SELECT id, tenant_id, company_id, label, created_at, revoked_at FROM absence_api_keys
       ORDER BY tenant_id, company_id, created_at`,
    );
  }
}
