// The one SQL seam: the interface SQLite and PostgreSQL both implement.
/**
 * The one SQL seam of Liaison. Two implementations — SQLite (embedded default) and PostgreSQL (several
 * instances) — answer the same statements. Statements are written with PostgreSQL's numbered placeholders
 * ($1, $2…); the SQLite side rewrites them to its own numbered form (?1, ?2…).
 */
export type SqlValue = string | number | null;

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves with the number of rows it changed. */
  execute(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface Database extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
