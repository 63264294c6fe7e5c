// The versioned schema changes, applied in order at start-up; a shipped migration is never edited.
import type { Database } from './database';
import { PRIVACY_MIGRATIONS } from './schema/privacy';
import { REMINDER_MIGRATIONS } from './schema/scheduler';
import { LETTER_MIGRATIONS } from './schema/letters';
import { ANSWER_LINKS_TABLE } from './schema/answerLinks';
import type { Migration } from './schema/migration';

/**
 * Versioned schema changes, applied in order at start-up. Never edit a migration that has shipped: add one.
 * Each is a list of statements; `{ sqlite, postgres }` where the two dialects differ.
 */
export type { Migration } from './schema/migration';

// Before the case engine (migration 6): the states and events of the first case model, and the engine's names.
const LEGACY_STATES = [
  ['draft', 'cancelled'],
  ['proposed', 'invited'],
  ['reschedule_requested', 'other_date_asked'],
  ['scheduled', 'accepted'],
] as const;
const LEGACY_EVENTS = [
  ['propose', 'propose_again'],
  ['request_reschedule', 'ask_other_date'],
  ['acknowledge_spst_notice', 'acknowledge_spst'],
  ['mark_held', 'record_held'],
] as const;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'bot framework state',
    statements: [
      `CREATE TABLE bot_state (
         storage_key TEXT PRIMARY KEY,
         document TEXT NOT NULL,
         etag TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
    ],
  },
  {
    version: 2,
    name: 'cases, their audit trail and the outbox',
    statements: [
      // The case is a JSON document; the columns beside it are what queries filter and lock on.
      `CREATE TABLE cases (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         state TEXT NOT NULL,
         version INTEGER NOT NULL,
         document TEXT NOT NULL,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
      'CREATE INDEX cases_by_company ON cases (tenant_id, company_id, updated_at)',
      'CREATE INDEX cases_by_state ON cases (state, updated_at)',
      // One row per transition, no free text. The primary key allows one transition per version; the unique
      // key makes a repeated card action (same idempotency key) impossible to record twice.
      `CREATE TABLE case_audit (
         case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
         case_version INTEGER NOT NULL,
         at TEXT NOT NULL,
         actor_role TEXT NOT NULL,
         actor_id TEXT,
         event TEXT NOT NULL,
         from_state TEXT NOT NULL,
         to_state TEXT NOT NULL,
         idempotency_key TEXT NOT NULL,
         PRIMARY KEY (case_id, case_version),
         UNIQUE (case_id, idempotency_key)
       )`,
      `CREATE TABLE outbox (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         case_id TEXT,
         kind TEXT NOT NULL,
         payload TEXT NOT NULL,
         status TEXT NOT NULL,
         due_at TEXT NOT NULL,
         claimed_until TEXT,
         attempts INTEGER NOT NULL,
         last_error TEXT,
         created_at TEXT NOT NULL,
         sent_at TEXT
       )`,
      'CREATE INDEX outbox_due ON outbox (status, due_at)',
    ],
  },
  {
    version: 3,
    name: 'conversation references for proactive messages',
    statements: [
      // target_kind 'user' is keyed by the person's Entra object id, 'channel' by the Teams channel id.
      `CREATE TABLE conversation_references (
         tenant_id TEXT NOT NULL,
         target_kind TEXT NOT NULL,
         target_id TEXT NOT NULL,
         reference TEXT NOT NULL,
         updated_at TEXT NOT NULL,
         PRIMARY KEY (tenant_id, target_kind, target_id)
       )`,
    ],
  },
  {
    version: 4,
    name: 'company settings',
    statements: [
      // document: the company's name, HR channel id, SPST contact, headcount, référent designated (JSON).
      `CREATE TABLE company_settings (
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         document TEXT NOT NULL,
         updated_at TEXT NOT NULL,
         PRIMARY KEY (tenant_id, company_id)
       )`,
    ],
  },
  {
    version: 5,
    name: "employees' own requests for a liaison meeting",
    statements: [
      // document: the employee (name, Entra id), the manager they named, the request day, the leave start they
      // gave — never why they are on leave.
      `CREATE TABLE employee_requests (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         state TEXT NOT NULL,
         document TEXT NOT NULL,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
      'CREATE INDEX employee_requests_by_company ON employee_requests (tenant_id, company_id, created_at)',
    ],
  },
  {
    version: 6,
    name: 'cases decided by the case engine',
    statements: [
      // The key the engine knows the employee by (domain/caseEngine.ts): a second case for them is found by it.
      'ALTER TABLE cases ADD COLUMN employee_key TEXT',
      {
        sqlite: "UPDATE cases SET employee_key = json_extract(document, '$.employee.aadObjectId')",
        postgres: "UPDATE cases SET employee_key = document::jsonb #>> '{employee,aadObjectId}'",
      },
      'CREATE INDEX cases_by_employee ON cases (tenant_id, company_id, employee_key)',
      // The engine's status names (documents are upgraded when read: domain/caseRecord.ts).
      ...LEGACY_STATES.flatMap(([before, after]) => [
        `UPDATE cases SET state = '${after}' WHERE state = '${before}'`,
        `UPDATE case_audit SET from_state = '${after}' WHERE from_state = '${before}'`,
        `UPDATE case_audit SET to_state = '${after}' WHERE to_state = '${before}'`,
      ]),
      "UPDATE case_audit SET event = 'open', from_state = '' WHERE event = 'propose' AND from_state = 'cancelled'",
      ...LEGACY_EVENTS.map(
        ([before, after]) => `UPDATE case_audit SET event = '${after}' WHERE event = '${before}'`,
      ),
      'ALTER TABLE case_audit ADD COLUMN offer INTEGER',
      'ALTER TABLE case_audit ADD COLUMN via TEXT',
    ],
  },
  ...REMINDER_MIGRATIONS, // 10–11: scheduled jobs, absences and their API keys (bot/services/reminders, bot/services/absences)
  ...LETTER_MIGRATIONS, // 20: application secrets, e.g. the key of the letters' download links (bot/services/letters)
  ...PRIVACY_MIGRATIONS, // 30–31: HR users, retention, privacy requests (bot/services/access, bot/services/privacy)
  {
    version: 40,
    name: "the answer page's links (bot/http/answerPage)",
    statements: [ANSWER_LINKS_TABLE],
  },
  {
    version: 41,
    name: 'one store of shared secrets (app_secrets)',
    statements: [
      // The link-signing key moves from shared_secrets to app_secrets (bot/platform/storage/secrets.ts), where
      // every other shared key lives; its base64 text reads back the same as base64url. WHERE true lets SQLite
      // parse the ON CONFLICT of an INSERT … SELECT.
      `INSERT INTO app_secrets (name, value, created_at)
         SELECT name, secret, created_at FROM shared_secrets WHERE true
         ON CONFLICT (name) DO NOTHING`,
      'DROP TABLE shared_secrets',
    ],
  },
];

// Any fixed number: it names the lock that lets one instance at a time migrate a shared PostgreSQL database.
const MIGRATION_LOCK_ID = 741_226_013;

/** Applies the migrations not yet applied; safe when several instances start at once. Returns those applied. */
export async function migrate(db: Database, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.execute(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (row) => row.version,
      ),
    );
    const pending = migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      for (const statement of migration.statements) {
        await tx.execute(typeof statement === 'string' ? statement : statement[db.dialect]);
      }
      await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((m) => m.version);
  });
}
