// bot/services/privacy: retention, and the export and erasure of an employee's data (GDPR).
/**
 * bot/services/privacy — how long Liaison keeps what, and the person's rights (GDPR): the daily retention of
 * docs/rules.md#r-data-05 (retention.ts, periods in bot/platform/retentionPolicy.ts), the export and erasure of
 * everything held on one employee (employeeData.ts), and HR's commands for them in Teams (commands.ts, download
 * route in exportRoute.ts). Everything is written to retention_log. See docs/security.md.
 */
export {
  DEFAULT_RETENTION,
  loadRetentionPolicy,
  retentionCutoffs,
  subtractMonths,
  type RetentionPolicy,
} from '../../platform/retentionPolicy';
export { applyRetention, proofOnly, type RetentionReport } from './retention';
export { readRetentionLog, type RetentionAction, type RetentionLogRow } from './sql';
export {
  EmployeeData,
  parseEmployeeKey,
  type EmployeeDataDeps,
  type EmployeeExport,
  type EmployeeKey,
  type EraseReport,
} from './employeeData';
export { PRIVACY_MIGRATIONS } from '../../platform/storage/schema/privacy';
export { PrivacyRequests, type PrivacyAction, type PrivacyRequest } from './privacyRequests';
