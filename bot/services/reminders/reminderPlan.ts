// Which reminders a case or an employee calls for, and on which Paris day (pure, dates from the domain).
/**
 * Which reminders a case or an employee calls for, and on which Paris day — pure functions of the stored facts
 * and today, every date taken from the domain (caseTimeline, assessEligibility, addDays). The same functions
 * decide, when a reminder comes due, whether it still applies: a job fires only if recomputing today still
 * wants it (same kind, same day).
 */
import {
  addDays,
  caseTimeline,
  daysBetween,
  type EligibilityAssessment,
  type IsoDate,
} from '../../../domain';
import type { LiaisonCase } from '../cases';
import type { JobSpec } from '../../platform/scheduler/jobStore';
import { dueInstant } from '../../platform/scheduler/parisTime';

export const FIRST_ELIGIBLE_KIND = 'reminder.first_eligible';
export const FIRST_ELIGIBLE_ESCALATION_KIND = 'reminder.first_eligible_escalation';
export const PROPOSAL_DUE_KIND = 'reminder.proposal_due';
/** #12.10: the proposal deadline passed with no (new) date proposed — said plainly, with how late and what to do. */
export const PROPOSAL_OVERDUE_KIND = 'reminder.proposal_overdue';
export const SPST_NOTICE_DUE_KIND = 'reminder.spst_notice_due';
export const DAY_BEFORE_KIND = 'reminder.day_before';

/** Reminders go out from this hour (Paris time) on their day. */
export const REMINDER_HOUR = 8;
/** A deadline reminder comes this many calendar days before the deadline. */
export const DEADLINE_LEAD_DAYS = 2;
/** HR is reminded again this many days after the first eligible day when no case was started. */
export const ESCALATION_AFTER_DAYS = 7;

/** The payload of a case reminder job: the deadline it is about, when it is about one. */
export interface CaseReminderJobPayload {
  deadline?: IsoDate;
}

/** Who a reminder about a possible meeting is about: known from the absences feed, not from a case. */
export interface EmployeeRef {
  aadObjectId?: string;
  email?: string;
  name?: string;
}

export interface EmployeeReminderJobPayload {
  employeeKey: string;
  employee: EmployeeRef;
  firstEligibleDate: IsoDate;
}

const job = (kind: string, dueOn: IsoDate, now: Date, payload: unknown = {}): JobSpec => ({
  kind,
  dueOn,
  dueAt: dueInstant(dueOn, REMINDER_HOUR, now),
  payload,
});

/**
 * The reminders a case calls for from `today`, read from its timeline (domain caseTimeline, the one home of its
 * deadlines). A final state (declined, held, cancelled) calls for none. Each reminder is keyed by the day it is
 * due, so a changed date replaces it and an unchanged one is kept.
 * - a (new) date awaited: before the recommended send date (the last business day on or before D0 + 15), and
 *   the day after the deadline's tolerance if none was proposed by then (#12.10: late, by how much, what to do);
 * - an invitation or accepted meeting whose SPST Liaison could not tell: before the last day to tell it (M − 8);
 * - an accepted meeting: the day before.
 */
export function caseReminderJobs(liaisonCase: LiaisonCase, today: IsoDate, now: Date): JobSpec[] {
  const { state, meeting, spst } = liaisonCase;
  const timeline = caseTimeline(liaisonCase, today);
  const jobs: JobSpec[] = [];
  if (timeline.awaitingProposal) {
    const deadline = timeline.proposalRecommendedBy;
    if (deadline >= today) {
      jobs.push(job(PROPOSAL_DUE_KIND, addDays(deadline, -DEADLINE_LEAD_DAYS), now, { deadline }));
    }
    const firstLateDay = addDays(timeline.proposalDueWithTolerance, 1);
    if (firstLateDay >= today) {
      jobs.push(job(PROPOSAL_OVERDUE_KIND, firstLateDay, now, { deadline: timeline.proposalDue }));
    }
  }
  if (timeline.nextStep === 'notify_spst' && !spst.noticeDate && timeline.latestSpstNoticeDate) {
    const deadline = timeline.latestSpstNoticeDate;
    if (deadline >= today) {
      jobs.push(job(SPST_NOTICE_DUE_KIND, addDays(deadline, -DEADLINE_LEAD_DAYS), now, { deadline }));
    }
  }
  if (state === 'accepted') {
    const dayBefore = addDays(meeting.date, -1);
    if (dayBefore >= today) jobs.push(job(DAY_BEFORE_KIND, dayBefore, now));
  }
  return jobs;
}

/** How many days past `deadline` the proposal is on `day` (what the overdue reminder says). */
export const daysLateOn = (deadline: IsoDate, day: IsoDate): number =>
  Math.max(0, daysBetween(deadline, day));

/**
 * The reminders to HR about an employee known from the absences feed: on their first eligible day (or at once
 * when the feed brings the news late), then again ESCALATION_AFTER_DAYS later. None once a case exists for them,
 * nor when their eligibility lies in the past (back at work).
 */
export function employeeReminderJobs(input: {
  employeeKey: string;
  employee: EmployeeRef;
  assessment: EligibilityAssessment;
  hasCase: boolean;
  today: IsoDate;
  now: Date;
}): JobSpec[] {
  const { assessment, today, now } = input;
  const first = assessment.firstEligibleDate;
  if (input.hasCase || first === null) return [];
  if (!assessment.eligible && first <= today) return [];
  const payload: EmployeeReminderJobPayload = {
    employeeKey: input.employeeKey,
    employee: input.employee,
    firstEligibleDate: first,
  };
  const escalation = addDays(first, ESCALATION_AFTER_DAYS);
  return [
    job(FIRST_ELIGIBLE_KIND, first, now, payload),
    ...(escalation >= today ? [job(FIRST_ELIGIBLE_ESCALATION_KIND, escalation, now, payload)] : []),
  ];
}

/** How an employee is keyed in the absences feed and in their reminders: Entra id first, else email. */
export function employeeKeyOf(employee: EmployeeRef): string {
  if (employee.aadObjectId) return `aad:${employee.aadObjectId}`;
  if (employee.email) return `email:${employee.email.trim().toLowerCase()}`;
  throw new Error('an employee needs an Entra object id or an email');
}

/** The keys under which a case's employee may be known to the absences feed. */
export function employeeKeysOfCase(liaisonCase: LiaisonCase): string[] {
  const { aadObjectId, email } = liaisonCase.employee;
  return [
    ...(aadObjectId ? [`aad:${aadObjectId}`] : []),
    ...(email ? [`email:${email.trim().toLowerCase()}`] : []),
  ];
}

export const caseSubject = (caseId: string) => `case:${caseId}`;
export const employeeSubject = (companyId: string, employeeKey: string) =>
  `employee:${companyId}:${employeeKey}`;
