// The letters' tables (migration versions 20–29).
import type { Migration } from './migration';

/**
 * The schema of the letters (migration versions 20–29 are reserved for them). Listed in MIGRATIONS
 * (bot/platform/storage/migrations.ts) by one spread line.
 */
export const LETTER_MIGRATIONS: Migration[] = [
  {
    version: 20,
    name: 'application secrets',
    statements: [
      // Random keys the instances share and that survive restarts, e.g. the one that signs letter download
      // links. Created on first use (see bot/platform/storage/secrets.ts); never logged, never sent.
      `CREATE TABLE app_secrets (
         name TEXT PRIMARY KEY,
         value TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
    ],
  },
];
