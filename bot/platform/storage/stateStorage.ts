// botbuilder's state storage over the project's database, with eTags for optimistic concurrency.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/**
 * botbuilder's Storage (conversation, user and dialog state) over the project's database, with optimistic
 * concurrency: a write that carries an eTag other than '*' succeeds only if the stored item still has it.
 */
export class DatabaseStateStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const placeholders = keys.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await this.db.query<{ storage_key: string; document: string; etag: string }>(
      `SELECT storage_key, document, etag FROM bot_state WHERE storage_key IN (${placeholders})`,
      keys,
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.storage_key] = { ...JSON.parse(row.document), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...document } = (item ?? {}) as { eTag?: string };
        const json = JSON.stringify(document);
        const newEtag = randomUUID();
        const now = new Date().toISOString();
        if (!eTag || eTag === '*') {
          await tx.execute(
            `INSERT INTO bot_state (storage_key, document, etag, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (storage_key) DO UPDATE SET document = $2, etag = $3, updated_at = $4`,
            [key, json, newEtag, now],
          );
          continue;
        }
        const updated = await tx.execute(
          'UPDATE bot_state SET document = $2, etag = $3, updated_at = $4 WHERE storage_key = $1 AND etag = $5',
          [key, json, newEtag, now, eTag],
        );
        if (updated === 0) {
          const inserted = await tx.execute(
            `INSERT INTO bot_state (storage_key, document, etag, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (storage_key) DO NOTHING`,
            [key, json, newEtag, now],
          );
          if (inserted === 0) throw new ETagConflictError(key);
        }
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const placeholders = keys.map((_, i) => `$${i + 1}`).join(', ');
    await this.db.execute(`DELETE FROM bot_state WHERE storage_key IN (${placeholders})`, keys);
  }
}
