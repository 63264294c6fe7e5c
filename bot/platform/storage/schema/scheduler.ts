// The scheduler's and the absences feed's tables (migration versions 10–19).
import type { Migration } from './migration';

/**
 * The schema of the scheduler and of the absences feed (migration versions 10–19 are reserved for them).
 * Listed in MIGRATIONS (bot/platform/storage/migrations.ts) by one spread line.
 */
export const REMINDER_MIGRATIONS: Migration[] = [
  {
    version: 10,
    name: 'scheduled jobs (reminders, daily tasks)',
    statements: [
      // One row per thing to do on a day. `subject` names what the job is about ('case:<id>',
      // 'employee:<company>:<key>', 'daily'), so that the unique key makes recomputation idempotent: the same
      // reminder for the same day is never stored twice, and a done one is never redone. `due_on` is the Paris
      // calendar day the job is about; `due_at` the instant from which it may run (that day at a set Paris hour,
      // or now when that has already passed). `claim_token` names the claim: only the claimer that still holds it
      // may complete the job, so a claimer whose lease ran out can never complete it a second time.
      `CREATE TABLE scheduled_jobs (
         id TEXT PRIMARY KEY,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         case_id TEXT,
         subject TEXT NOT NULL,
         kind TEXT NOT NULL,
         due_on TEXT NOT NULL,
         due_at TEXT NOT NULL,
         payload TEXT NOT NULL,
         status TEXT NOT NULL,
         claimed_until TEXT,
         claim_token TEXT,
         attempts INTEGER NOT NULL,
         last_error TEXT,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL,
         UNIQUE (tenant_id, subject, kind, due_on)
       )`,
      'CREATE INDEX scheduled_jobs_due ON scheduled_jobs (status, due_at)',
      'CREATE INDEX scheduled_jobs_by_subject ON scheduled_jobs (tenant_id, subject, status)',
    ],
  },
  {
    version: 11,
    name: 'absences fed by HR systems, and their API keys',
    statements: [
      // Only the SHA-256 of a key is kept: a leaked database does not leak working keys.
      `CREATE TABLE absence_api_keys (
         id TEXT PRIMARY KEY,
         key_hash TEXT NOT NULL UNIQUE,
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         label TEXT,
         created_at TEXT NOT NULL,
         revoked_at TEXT
       )`,
      // One row per absence as the HR system names it (absence_id), per tenant and company. employee_key is
      // 'aad:<object id>' or 'email:<lower-cased address>'; employee holds { aadObjectId?, email?, name? }.
      // No medical detail: the kind is the administrative category of the absence (domain ABSENCE_KINDS).
      `CREATE TABLE absences (
         tenant_id TEXT NOT NULL,
         company_id TEXT NOT NULL,
         absence_id TEXT NOT NULL,
         employee_key TEXT NOT NULL,
         employee TEXT NOT NULL,
         kind TEXT NOT NULL,
         start_on TEXT NOT NULL,
         end_on TEXT,
         contract_kind TEXT NOT NULL,
         contract_end TEXT,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL,
         PRIMARY KEY (tenant_id, company_id, absence_id)
       )`,
      'CREATE INDEX absences_by_employee ON absences (tenant_id, company_id, employee_key)',
    ],
  },
];
