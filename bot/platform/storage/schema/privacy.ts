// The tables of access and privacy: HR lists, privacy requests, retention log (versions 30–39).
import type { Migration } from './migration';

/**
 * The schema of bot/services/access and bot/services/privacy (migration versions 30–39 are reserved for them). Listed in
 * MIGRATIONS (bot/platform/storage/migrations.ts) by one spread line.
 */
export const PRIVACY_MIGRATIONS: Migration[] = [
  {
    version: 30,
    name: 'company HR users',
    statements: [
      // The people a company names HR (besides HR_ADMINS), by Entra object id; see bot/services/access.
      `CREATE TABLE company_hr_users (
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         aad_object_id TEXT NOT NULL,
         added_at TEXT NOT NULL,
         added_by TEXT,
         PRIMARY KEY (tenant_id, company_id, aad_object_id)
       )`,
    ],
  },
  {
    version: 31,
    name: 'retention and privacy requests',
    statements: [
      // A closed case whose details were purged (bot/services/privacy): only the proof of its steps is left, until
      // closed_on + the proof period, when the case and its audit rows are deleted.
      `CREATE TABLE case_retention (
         case_id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         closed_on TEXT NOT NULL,
         purged_on TEXT NOT NULL
       )`,
      'CREATE INDEX case_retention_closed ON case_retention (closed_on)',
      // What retention, export and erasure did: ids and counts only, never a name, an email or a message.
      `CREATE TABLE retention_log (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         case_id TEXT,
         action TEXT NOT NULL,
         actor_role TEXT NOT NULL,
         actor_id TEXT,
         at TEXT NOT NULL,
         details TEXT NOT NULL
       )`,
      'CREATE INDEX retention_log_by_company ON retention_log (tenant_id, company_id, at)',
      // Secrets the instances share (e.g. the key that signs export links), created once by the first to need one.
      `CREATE TABLE shared_secrets (
         name TEXT PRIMARY KEY,
         secret TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
      // Single-use links (an export download): a token's id is recorded when it is used.
      `CREATE TABLE used_links (
         link_id TEXT PRIMARY KEY,
         used_at TEXT NOT NULL
       )`,
    ],
  },
  {
    version: 32,
    name: 'pending privacy requests',
    statements: [
      // An export or erasure HR asked for, until it is downloaded or confirmed (or expires): the links and cards
      // carry only this row's id, never the employee's email. Deleted once used or expired.
      `CREATE TABLE privacy_requests (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         action TEXT NOT NULL,
         employee_key TEXT NOT NULL,
         requested_by TEXT,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL
       )`,
    ],
  },
];
