// Per-company settings (SPST and HR contacts, HR channel, headcount, policy), scoped by tenant.
import type { Database, Queryable } from '../../platform/storage';

export type { CompanySettings, HrContact, InviteChannel, SpstContact } from '../../../domain/companySettings';
export { INVITE_CHANNELS } from '../../../domain/companySettings';
import type { CompanySettings } from '../../../domain/companySettings';

/**
 * How long a company's settings read from the database are reused by this instance (issue #16: every question
 * read them, one primary-key read a turn). The trade-off: a change made through ANOTHER instance (several
 * instances share one PostgreSQL database) is seen here within this time, not at once — for up to 5 s this
 * instance may still show the old SPST or HR contacts, or send an HR update to the old channel. A change made
 * through this instance is seen at once (its write forgets what was kept).
 */
export const SETTINGS_KEPT_MS = 5_000;
/** At most this many companies' settings kept per database (the oldest read leaving first). */
export const SETTINGS_KEPT_MAX = 1_000;

interface Kept {
  /** The stored JSON text: each read parses its own copy, so that no caller can change another's. */
  document: string | undefined;
  readAt: number;
}

/**
 * What this instance read lately, per database (not per store: every store over the same database — the app's,
 * a test's — sees the writes of the others at once). `writes` counts this instance's writes, so that a read that
 * began before a write and ends after it is not kept.
 */
interface SettingsCache {
  kept: Map<string, Kept>;
  writes: number;
}
const caches = new WeakMap<Database, SettingsCache>();
function cacheOf(db: Database): SettingsCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { kept: new Map(), writes: 0 };
    caches.set(db, cache);
  }
  return cache;
}

const SELECT_DOCUMENT = 'SELECT document FROM company_settings WHERE tenant_id = $1 AND company_id = $2';
const parse = (document: string | undefined): CompanySettings =>
  document === undefined ? {} : (JSON.parse(document) as CompanySettings);

/** Per-company settings, every read and write scoped by tenant id. */
export class CompanySettingsStore {
  private readonly cache: SettingsCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cache = cacheOf(db);
  }

  /**
   * The company's settings; empty when nothing was recorded yet (or the company belongs to another tenant).
   * Reused for SETTINGS_KEPT_MS after a read (see there). `queryable`: the transaction to read them in, when the
   * caller is inside one — then always read from it, never from what was kept.
   */
  async get(tenantId: string, companyId: string, queryable: Queryable = this.db): Promise<CompanySettings> {
    if (queryable !== this.db) return parse(await this.readDocument(tenantId, companyId, queryable));
    const key = `${tenantId}\u0000${companyId}`;
    const { kept } = this.cache;
    const now = this.now().getTime();
    const found = kept.get(key);
    if (found && now - found.readAt < SETTINGS_KEPT_MS && now >= found.readAt) return parse(found.document);
    const writesBefore = this.cache.writes;
    const document = await this.readDocument(tenantId, companyId, this.db);
    if (this.cache.writes === writesBefore) {
      kept.delete(key); // the latest read last, to leave last
      if (kept.size >= SETTINGS_KEPT_MAX) kept.delete(kept.keys().next().value as string);
      kept.set(key, { document, readAt: now });
    }
    return parse(document);
  }

  private async readDocument(tenantId: string, companyId: string, queryable: Queryable) {
    const [row] = await queryable.query<{ document: string }>(SELECT_DOCUMENT, [tenantId, companyId]);
    return row?.document;
  }

  /** Records `changes` over the current settings (absent fields are kept) and returns the result. */
  async upsert(tenantId: string, companyId: string, changes: CompanySettings): Promise<CompanySettings> {
    try {
      return await this.db.transaction(async (tx) => {
        const current = parse(await this.readDocument(tenantId, companyId, tx));
        const updated: CompanySettings = { ...current, ...changes };
        await tx.execute(
          `INSERT INTO company_settings (tenant_id, company_id, document, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, company_id)
           DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
          [tenantId, companyId, JSON.stringify(updated), this.now().toISOString()],
        );
        return updated;
      });
    } finally {
      // Forgotten once the write has ended (committed or not): the next read goes to the database.
      this.cache.writes += 1;
      this.cache.kept.delete(`${tenantId}\u0000${companyId}`);
    }
  }
}
