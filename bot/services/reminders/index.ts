// bot/services/reminders: which reminders a case or an employee calls for and how they reach the outbox.
/**
 * bot/services/reminders — work due on a Paris calendar day, run once across any number of bot instances: the jobs table
 * and its leases (jobStore, lease), the poll loop (Scheduler, with `daily(name, task)` for daily tasks such as
 * the retention purge), and Liaison's reminders — which ones a case or an employee calls for (reminderPlan),
 * how they are kept in line with each change and turned into outbox messages (Reminders), and their cards
 * (reminderRenderers). Documented in docs/reminders.md.
 */
export {
  JobStore,
  type ClaimedJob,
  type JobScope,
  type JobSpec,
  type JobStatus,
  type StoredJob,
} from '../../platform/scheduler/jobStore';
export { parisInstant, dueInstant } from '../../platform/scheduler/parisTime';
export {
  DAILY_KIND_PREFIX,
  DAILY_SCOPE,
  Scheduler,
  type DailyTask,
  type JobEffect,
  type JobHandler,
  type SchedulerOptions,
} from '../../platform/scheduler/scheduler';
export * from './reminderPlan';
export {
  REMINDER_OUTBOX_KIND,
  Reminders,
  type EmployeeEligibility,
  type ReminderMessagePayload,
  type ReminderRecipient,
  type RemindersDeps,
} from './reminders';
export { reminderCards, reminderRenderers, type ReminderRendererDeps } from './reminderRenderers';
