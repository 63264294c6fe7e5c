// bot/platform/storage: opens the database (SQLite or PostgreSQL), migrates it, and gives botbuilder state.
/**
 * bot/platform/storage — everything Liaison keeps: the SQL seam (SQLite by default, PostgreSQL for several instances),
 * its versioned migrations, and botbuilder's state storage on top of it.
 */
import type { StorageTarget } from '../config';
import type { Database } from './database';
import { migrate } from './migrations';
import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';

export type { Database, Queryable, SqlValue } from './database';
export { migrate, MIGRATIONS } from './migrations';
export { DatabaseStateStorage, ETagConflictError } from './stateStorage';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(target: StorageTarget): Promise<Database> {
  const db = target.kind === 'sqlite' ? new SqliteDatabase(target.path) : new PostgresDatabase(target.url);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
