import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../bot/platform/storage';

/** The PostgreSQL server the shared storage suite runs against (.ci/run makes sure it is up). */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  /** A DATABASE_URL that reaches the same data (for a bot started in a child process). */
  url: string;
  dispose(): Promise<void>;
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function freshSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-test-'));
  const file = path.join(dir, 'liaison.db');
  const db = await openDatabase({ kind: 'sqlite', path: file });
  return {
    db,
    url: `sqlite:${file}`,
    dispose: async () => {
      await db.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A schema of its own on the test server, so that runs and suites never see each other's rows. */
export async function freshPostgres(): Promise<TestDatabase> {
  const schema = `liaison_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const db = await openDatabase({ kind: 'postgres', url });
  return {
    db,
    url,
    dispose: async () => {
      await db.close().catch(() => undefined);
      const cleanup = new Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/**
 * An EMPTY schema of its own on the test server (no migration applied): a DATABASE_URL for bots started on it,
 * e.g. to show that instances starting at once migrate it safely.
 */
export async function emptyPostgres(): Promise<{ url: string; schema: string; dispose(): Promise<void> }> {
  const schema = `liaison_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url: `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    dispose: async () => {
      const cleanup = new Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/** Set by test/support/globalSetup.ts, once per run, after asking the server. */
export const POSTGRES_FLAG = 'LIAISON_TEST_POSTGRES';

/** The storages every shared suite runs against; PostgreSQL only where the server answered (see globalSetup). */
export function storageKinds(): Array<{ kind: 'sqlite' | 'postgres'; open: () => Promise<TestDatabase> }> {
  return [
    { kind: 'sqlite' as const, open: freshSqlite },
    ...(process.env[POSTGRES_FLAG] === '1' ? [{ kind: 'postgres' as const, open: freshPostgres }] : []),
  ];
}
