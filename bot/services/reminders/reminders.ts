// Keeps each case's and employee's reminder jobs in line with every change, and turns due ones into messages.
import { addDays, parisToday, type EligibilityAssessment, type IsoDate } from '../../../domain';
import type { CaseStore, LiaisonCase, Outbox } from '../cases';
import type { Database, Queryable } from '../../platform/storage';
import type { ClaimedJob, JobStore } from '../../platform/scheduler/jobStore';
import {
  caseReminderJobs,
  caseSubject,
  DAY_BEFORE_KIND,
  employeeKeysOfCase,
  employeeReminderJobs,
  employeeSubject,
  FIRST_ELIGIBLE_ESCALATION_KIND,
  FIRST_ELIGIBLE_KIND,
  daysLateOn,
  PROPOSAL_DUE_KIND,
  PROPOSAL_OVERDUE_KIND,
  SPST_NOTICE_DUE_KIND,
  type CaseReminderJobPayload,
  type EmployeeRef,
  type EmployeeReminderJobPayload,
} from './reminderPlan';
import type { JobEffect, Scheduler } from '../../platform/scheduler/scheduler';

/** The outbox kind of every reminder; its payload says which reminder and to whom. */
export const REMINDER_OUTBOX_KIND = 'reminder';

export type CaseReminder = 'proposal_due' | 'proposal_overdue' | 'spst_notice_due' | 'day_before';

/** 'spst_email': the SPST contact by email (when the notice went out by email), the day before the meeting. */
export type ReminderRecipient = 'hr' | 'manager' | 'employee' | 'spst' | 'spst_email';

export type ReminderMessagePayload =
  | {
      reminder: CaseReminder;
      caseId: string;
      recipient: ReminderRecipient;
      deadline?: IsoDate;
      /** proposal_overdue: how many days past the deadline the proposal was when the reminder went out. */
      daysLate?: number;
    }
  | {
      reminder: 'first_eligible' | 'first_eligible_escalation';
      companyId: string;
      recipient: 'hr';
      employee: EmployeeRef;
      firstEligibleDate: IsoDate;
    };

/** What the reminders need to know of the absences feed (bot/services/absences implements it). */
export interface EmployeeEligibility {
  /** The employee's eligibility on `today` from their stored absences; null when none are stored. */
  assess(
    queryable: Queryable,
    scope: { tenantId: string; companyId: string; employeeKey: string },
    today: IsoDate,
  ): Promise<{ assessment: EligibilityAssessment; employee: EmployeeRef } | null>;
}

export interface RemindersDeps {
  db: Database;
  cases: Pick<CaseStore, 'get'>;
  outbox: Outbox;
  jobs: JobStore;
  /** Absent when no absences feed is wired: employee reminders are then skipped when due. */
  eligibility?: EmployeeEligibility;
  now?: () => Date;
}

/** A case for the employee started within this many days before their first eligible day counts as "sent". */
const CASE_COVERS_DAYS = 365;

/**
 * The reminders of Liaison: keeps each case's and each known employee's reminder jobs in line with the stored
 * facts (called in the transaction of every change), and turns a due job into outbox messages — one per
 * recipient, rendered in their language by reminderRenderers.
 */
export class Reminders {
  private readonly now: () => Date;

  constructor(private readonly deps: RemindersDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * CaseStore's onCaseWritten hook: recomputes the case's reminders (a new date moves the day-before reminder,
   * a cancelled or declined case cancels them) and cancels the "inform the employee" reminders of its employee,
   * since a case now exists for them.
   */
  onCaseWritten = async (tx: Queryable, liaisonCase: LiaisonCase): Promise<void> => {
    const now = this.now();
    const { tenantId, companyId, id } = liaisonCase;
    await this.deps.jobs.replacePending(
      tx,
      { tenantId, companyId, subject: caseSubject(id), caseId: id },
      caseReminderJobs(liaisonCase, parisToday(now), now),
    );
    if (liaisonCase.state === 'cancelled') return;
    for (const key of employeeKeysOfCase(liaisonCase)) {
      await this.deps.jobs.replacePending(
        tx,
        { tenantId, companyId, subject: employeeSubject(companyId, key) },
        [],
      );
    }
  };

  /** Recomputes the reminders of an employee known from the absences feed, within `tx`. */
  async recomputeEmployee(
    tx: Queryable,
    scope: { tenantId: string; companyId: string; employeeKey: string },
  ): Promise<void> {
    const now = this.now();
    const today = parisToday(now);
    const known = await this.deps.eligibility?.assess(tx, scope, today);
    const jobs = known
      ? employeeReminderJobs({
          employeeKey: scope.employeeKey,
          employee: known.employee,
          assessment: known.assessment,
          hasCase: await hasCaseFor(tx, scope, known.assessment.firstEligibleDate),
          today,
          now,
        })
      : [];
    await this.deps.jobs.replacePending(
      tx,
      {
        tenantId: scope.tenantId,
        companyId: scope.companyId,
        subject: employeeSubject(scope.companyId, scope.employeeKey),
      },
      jobs,
    );
  }

  /** Registers the job handlers of every reminder kind. */
  register(scheduler: Scheduler): void {
    for (const kind of [PROPOSAL_DUE_KIND, PROPOSAL_OVERDUE_KIND, SPST_NOTICE_DUE_KIND, DAY_BEFORE_KIND]) {
      scheduler.handle(kind, (job) => this.caseReminder(job));
    }
    for (const kind of [FIRST_ELIGIBLE_KIND, FIRST_ELIGIBLE_ESCALATION_KIND]) {
      scheduler.handle(kind, (job) => this.employeeReminder(job));
    }
  }

  /** A case reminder goes out only if recomputing today still wants it: same kind, same day. */
  private async caseReminder(job: ClaimedJob): Promise<JobEffect | null> {
    if (!job.caseId) return null;
    const liaisonCase = await this.deps.cases.get(job.tenantId, job.caseId);
    if (!liaisonCase) return null;
    const now = this.now();
    const stillWanted = caseReminderJobs(liaisonCase, parisToday(now), now).some(
      (wanted) => wanted.kind === job.kind && wanted.dueOn === job.dueOn,
    );
    if (!stillWanted) return null;
    const { deadline } = job.payload as CaseReminderJobPayload;
    const reminder = job.kind.slice('reminder.'.length) as CaseReminder;
    const daysLate =
      job.kind === PROPOSAL_OVERDUE_KIND && deadline ? daysLateOn(deadline, parisToday(now)) : undefined;
    // The case's manager only when it names one reachable in Teams (HR organising a request is not the manager).
    const manager = liaisonCase.manager?.aadObjectId ? (['manager'] as const) : [];
    const recipients: ReminderRecipient[] =
      job.kind === DAY_BEFORE_KIND
        ? [
            ...(liaisonCase.employee.aadObjectId ? (['employee'] as const) : []),
            ...manager,
            ...(liaisonCase.spst.attendance === 'attend' && liaisonCase.spst.contactAadObjectId
              ? (['spst'] as const)
              : []),
            ...(liaisonCase.spst.attendance === 'attend' && liaisonCase.spst.notifiedBy?.includes('email')
              ? (['spst_email'] as const)
              : []),
          ]
        : [...manager, 'hr'];
    return this.enqueueAll(
      liaisonCase.tenantId,
      liaisonCase.id,
      recipients.map((recipient) => ({
        reminder,
        caseId: liaisonCase.id,
        recipient,
        deadline,
        ...(daysLate !== undefined ? { daysLate } : {}),
      })),
    );
  }

  /** An employee reminder goes out only while they are eligible and no case exists for them. */
  private async employeeReminder(job: ClaimedJob): Promise<JobEffect | null> {
    const payload = job.payload as EmployeeReminderJobPayload;
    const scope = { tenantId: job.tenantId, companyId: job.companyId, employeeKey: payload.employeeKey };
    const today = parisToday(this.now());
    const known = await this.deps.eligibility?.assess(this.deps.db, scope, today);
    if (!known?.assessment.eligible) return null;
    if (await hasCaseFor(this.deps.db, scope, payload.firstEligibleDate)) return null;
    return async (tx) => {
      const message: ReminderMessagePayload = {
        reminder: job.kind === FIRST_ELIGIBLE_KIND ? 'first_eligible' : 'first_eligible_escalation',
        companyId: job.companyId,
        recipient: 'hr',
        employee: known.employee,
        firstEligibleDate: payload.firstEligibleDate,
      };
      await this.deps.outbox.enqueue(tx, {
        tenantId: job.tenantId,
        kind: REMINDER_OUTBOX_KIND,
        payload: message,
      });
    };
  }

  private enqueueAll(tenantId: string, caseId: string, payloads: ReminderMessagePayload[]): JobEffect {
    return async (tx) => {
      for (const payload of payloads) {
        await this.deps.outbox.enqueue(tx, { tenantId, caseId, kind: REMINDER_OUTBOX_KIND, payload });
      }
    };
  }
}

/**
 * Whether a case exists (not cancelled) for the employee in the company, requested within CASE_COVERS_DAYS
 * before `firstEligibleDate`. Reads the cases table directly so that it can run inside the caller's transaction.
 */
async function hasCaseFor(
  queryable: Queryable,
  scope: { tenantId: string; companyId: string; employeeKey: string },
  firstEligibleDate: IsoDate | null,
): Promise<boolean> {
  const rows = await queryable.query<{ document: string }>(
    `SELECT document FROM cases WHERE tenant_id = $1 AND company_id = $2 AND state <> 'cancelled'`,
    [scope.tenantId, scope.companyId],
  );
  const since = firstEligibleDate ? addDays(firstEligibleDate, -CASE_COVERS_DAYS) : '0000-01-01';
  return rows.some((row) => {
    const liaisonCase = JSON.parse(row.document) as LiaisonCase;
    return employeeKeysOfCase(liaisonCase).includes(scope.employeeKey) && liaisonCase.requestDate >= since;
  });
}
