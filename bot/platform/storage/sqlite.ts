// The SQLite implementation of the SQL seam (the embedded default).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, SqlValue } from './database';

// better-sqlite3 binds numbered placeholders only by name: $1 becomes @p1, bound from { p1: … }.
const toSqlite = (sql: string) => sql.replace(/\$(\d+)/g, '@p$1');
const MAX_CACHED_STATEMENTS = 500;
const named = (params: SqlValue[]) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));

/**
 * SQLite through better-sqlite3. The driver is synchronous, so a transaction that awaits could let another
 * turn's statements slip into it: every statement outside a transaction waits for the running one to end.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly db: BetterSqlite3.Database;
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  /**
   * Compiled statements, reused: compiling costs more than running most of Liaison's short queries (seen in
   * the bench's CPU profile). SQLite recompiles a cached statement itself if the schema changed.
   */
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(toSqlite(sql));
      // Statements built from data (multi-row inserts) must not grow the cache without bound.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private run: Queryable = {
    query: async <Row>(sql: string, params: SqlValue[] = []) => {
      const statement = this.prepare(sql);
      if (!statement.reader) {
        statement.run(named(params));
        return [];
      }
      return statement.all(named(params)) as Row[];
    },
    execute: async (sql: string, params: SqlValue[] = []) => this.prepare(sql).run(named(params)).changes,
  };

  async query<Row = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<Row[]> {
    await this.exclusive;
    return this.run.query<Row>(sql, params);
  }

  async execute(sql: string, params?: SqlValue[]): Promise<number> {
    await this.exclusive;
    return this.run.execute(sql, params);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = this.exclusive.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(this.run);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.exclusive = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.exclusive;
    this.db.close();
  }
}
