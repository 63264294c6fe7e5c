// The PostgreSQL implementation of the SQL seam (several instances).
import { Pool, types } from 'pg';
import type { Database, Queryable, SqlValue } from './database';

// BIGINT counts come back as numbers, like SQLite's integers (they stay far below 2^53 here).
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  }

  async query<Row = Record<string, unknown>>(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  async execute(sql: string, params: SqlValue[] = []): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Queryable = {
      query: async <Row>(sql: string, params: SqlValue[] = []) =>
        (await client.query(sql, params)).rows as Row[],
      execute: async (sql: string, params: SqlValue[] = []) =>
        (await client.query(sql, params)).rowCount ?? 0,
    };
    try {
      await client.query('BEGIN');
      const value = await work(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
