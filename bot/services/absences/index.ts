// bot/services/absences: the absences feed of HR systems (store, keys, batches).
/**
 * bot/services/absences — the absences feed of HR systems: `POST /api/absences` (API key per company, zod-validated,
 * idempotent by absence id), the absences table scoped by tenant and company, and the keys (stored as SHA-256,
 * created by `npm run absences:key`). Each batch recomputes the employees' eligibility and their reminders
 * (bot/services/reminders). Documented in docs/reminders.md.
 */
export { AbsenceApiKeys, hashApiKey, type ApiKeyScope } from './apiKeys';
export { AbsenceStore, type CompanyScope, type UpsertStatus } from './absenceStore';
export { AbsenceFeed, DuplicateAbsenceIdError, type IngestResult } from './feed';
export {
  absenceItemSchema,
  absencesRequestSchema,
  describeIssues,
  MAX_ABSENCES_PER_REQUEST,
  screenAbsences,
  type AbsenceItem,
} from './schema';
