/**
 * Which reminders a case or an employee calls for, and on which Paris day — pure functions of the stored facts
 * and today, every date taken from the domain (planMeeting, assessEligibility, addDays). The same functions
 * decide, when a reminder comes due, whether it still applies: a job fires only if recomputing today still
 * wants it (same kind, same day).
 */
import { addDays, planMeeting, type EligibilityAssessment, type IsoDate } from '../../domain';
import type { CaseState, LiaisonCase } from '../cases';
import type { JobSpec } from './jobStore';
import { dueInstant } from './parisTime';

export const FIRST_ELIGIBLE_KIND = 'reminder.first_eligible';
export const FIRST_ELIGIBLE_ESCALATION_KIND = 'reminder.first_eligible_escalation';
export const PROPOSAL_DUE_KIND = 'reminder.proposal_due';
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

/** Still waiting for a (new) proposal: the 15-day proposal deadline matters. */
const AWAITING_PROPOSAL: ReadonlySet<CaseState> = new Set(['draft', 'reschedule_requested']);
/** The meeting date stands and the SPST must be told before it (unless Liaison already told it). */
const MEETING_PLANNED: ReadonlySet<CaseState> = new Set(['draft', 'proposed', 'accepted', 'scheduled']);
/** The employee agreed: the meeting will take place on its date. */
const MEETING_AGREED: ReadonlySet<CaseState> = new Set(['accepted', 'scheduled']);

const job = (kind: string, dueOn: IsoDate, now: Date, payload: unknown = {}): JobSpec => ({
  kind,
  dueOn,
  dueAt: dueInstant(dueOn, REMINDER_HOUR, now),
  payload,
});

/**
 * The reminders a case calls for from `today`. A final state (declined, held, cancelled) calls for none. Each
 * reminder is keyed by the day it is due, so a changed date replaces it and an unchanged one is kept.
 */
export function caseReminderJobs(liaisonCase: LiaisonCase, today: IsoDate, now: Date): JobSpec[] {
  const { state, requestDate, meeting, spst, policy } = liaisonCase;
  const jobs: JobSpec[] = [];
  if (AWAITING_PROPOSAL.has(state)) {
    // The recommended send date is the last business day on or before D0 + 15 (R-DL-01).
    const deadline = planMeeting({ policy, requestDate, spstNoticeDate: today }).proposalRecommendedBy;
    if (deadline >= today) {
      jobs.push(job(PROPOSAL_DUE_KIND, addDays(deadline, -DEADLINE_LEAD_DAYS), now, { deadline }));
    }
  }
  if (MEETING_PLANNED.has(state) && !spst.noticeDate) {
    // The last day to notify the SPST: the meeting day minus the notice period (R-DL-03).
    const deadline = planMeeting({
      policy,
      requestDate,
      spstNoticeDate: today,
      meetingDate: meeting.date,
    }).latestSpstNoticeDate;
    if (deadline !== null && deadline >= today) {
      jobs.push(job(SPST_NOTICE_DUE_KIND, addDays(deadline, -DEADLINE_LEAD_DAYS), now, { deadline }));
    }
  }
  if (MEETING_AGREED.has(state)) {
    const dayBefore = addDays(meeting.date, -1);
    if (dayBefore >= today) jobs.push(job(DAY_BEFORE_KIND, dayBefore, now));
  }
  return jobs;
}

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
