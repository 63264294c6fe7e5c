// Named random secrets kept in the database, so every instance signs with the same key.
import { randomBytes } from 'node:crypto';
import type { Database } from './';

/**
 * Named random secrets kept in the database (table app_secrets), so that every instance of the bot uses the same
 * key and a restart invalidates nothing. The first instance to need a secret creates it; when two race, the
 * INSERT … ON CONFLICT DO NOTHING keeps the first one and both read it back.
 */
export class AppSecrets {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The secret `name` (32 random bytes), created on first use. */
  get(name: string): Promise<Buffer> {
    let secret = this.cache.get(name);
    if (!secret) {
      secret = this.load(name);
      // A failed read (database down) must not be remembered: the next call tries again.
      secret.catch(() => this.cache.delete(name));
      this.cache.set(name, secret);
    }
    return secret;
  }

  private async load(name: string): Promise<Buffer> {
    const read = async () =>
      (await this.db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [name]))[0];
    let row = await read();
    if (!row) {
      await this.db.execute(
        `INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO NOTHING`,
        [name, randomBytes(32).toString('base64url'), this.now().toISOString()],
      );
      row = await read();
    }
    if (!row) throw new Error(`The secret ${name} could not be stored.`);
    return Buffer.from(row.value, 'base64url');
  }
}
