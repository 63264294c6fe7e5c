// R-DL-*: the deadlines around a rendez-vous de liaison and the check of a proposed meeting day.
// Letters as in docs/rules.md#deadlines-r-dl: D0 request, N SPST notice, M meeting, P proposal, F leave end,
// C contract end.
// Every date here is a checked IsoDate; 'YYYY-MM-DD' strings order like the days they name.
import {
  addDays,
  daysBetween,
  isBusinessDay,
  isPublicHoliday,
  isWeekend,
  nearestBusinessDay,
  optionalIsoDate,
  requireIsoDate,
  type IsoDate,
} from './calendar';
import { namesThatApply } from './conditions';
import { resolvePolicy, type Policy } from './policy';

export type PlanProblem =
  | 'spst_notice_too_short'
  | 'after_leave_end'
  | 'after_contract_end'
  | 'after_strict_deadline'
  | 'no_valid_date'
  | 'meeting_in_past';

export type PlanWarning = 'weekend' | 'public_holiday' | 'proposal_late' | 'proposal_due_not_business_day';

export interface PlanInput {
  /** D0: the employee's request or acceptance reached the employer. */
  requestDate: IsoDate;
  /** N: the day the SPST is (or was) told. */
  spstNoticeDate: IsoDate;
  /** M: a proposed meeting day to check. */
  meetingDate?: IsoDate;
  /** P: the day the proposal was (or will be) sent. */
  proposalDate?: IsoDate;
  /** F: last day of the known sick leave. */
  leaveEnd?: IsoDate;
  /** C: last day of a fixed-term contract or assignment. */
  contractEnd?: IsoDate;
  policy?: Partial<Policy>;
}

export interface MeetingPlan {
  proposalDue: IsoDate;
  proposalDueWithTolerance: IsoDate;
  proposalRecommendedBy: IsoDate;
  proposalDaysLate: number;
  earliestMeetingDate: IsoDate;
  latestMeetingDate: IsoDate | null;
  latestSpstNoticeDate: IsoDate | null;
  meetingValid: boolean | null;
  problems: PlanProblem[];
  warnings: PlanWarning[];
}

/** Without a search limit from the leave, the contract or the strict deadline, look this far ahead. */
const UNBOUNDED_SEARCH_DAYS = 366;

const laterOf = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

function earliestOf(days: (IsoDate | undefined)[]): IsoDate | null {
  const given = days.filter((day): day is IsoDate => day !== undefined);
  return given.length === 0 ? null : given.reduce((a, b) => (a < b ? a : b));
}

function checkPlanInput(input: PlanInput) {
  return {
    policy: resolvePolicy(input.policy),
    requestDate: requireIsoDate(input.requestDate, 'requestDate'),
    spstNoticeDate: requireIsoDate(input.spstNoticeDate, 'spstNoticeDate'),
    meetingDate: optionalIsoDate(input.meetingDate, 'meetingDate'),
    proposalDate: optionalIsoDate(input.proposalDate, 'proposalDate'),
    leaveEnd: optionalIsoDate(input.leaveEnd, 'leaveEnd'),
    contractEnd: optionalIsoDate(input.contractEnd, 'contractEnd'),
  };
}

/** A meeting cannot come before the proposal that announces it, nor, without one, before the request. */
function meetingNotBefore({ proposalDate, requestDate }: { proposalDate?: IsoDate; requestDate: IsoDate }) {
  return proposalDate ?? requestDate;
}

export function planMeeting(input: PlanInput): MeetingPlan {
  const checked = checkPlanInput(input);
  const { policy, requestDate, spstNoticeDate, meetingDate, proposalDate, leaveEnd, contractEnd } = checked;
  const region = policy.holidaysRegion;

  // R-DL-01: the day of D0 is not counted; a deadline on a non-business day is tolerated until the next business
  // day, but the recommendation never relies on that tolerance.
  const proposalDue = addDays(requestDate, policy.proposalDays);
  const proposalDueWithTolerance = nearestBusinessDay(proposalDue, 1, region);
  const proposalRecommendedBy = nearestBusinessDay(proposalDue, -1, region);
  const strictDeadline = policy.proposalRule === 'meeting' ? proposalDue : undefined;

  const earliestMeetingDate = addDays(spstNoticeDate, policy.spstNoticeDays);
  const latestMeetingDate = earliestOf([leaveEnd, contractEnd, strictDeadline]);
  const notBefore = meetingNotBefore(checked);

  const isMeetingAfter = (limit: IsoDate | undefined) =>
    meetingDate !== undefined && limit !== undefined && meetingDate > limit;
  const problems = namesThatApply<PlanProblem>({
    spst_notice_too_short:
      meetingDate !== undefined && daysBetween(spstNoticeDate, meetingDate) < policy.spstNoticeDays,
    after_leave_end: isMeetingAfter(leaveEnd),
    after_contract_end: isMeetingAfter(contractEnd),
    after_strict_deadline: isMeetingAfter(strictDeadline),
    meeting_in_past: meetingDate !== undefined && meetingDate < notBefore,
    no_valid_date: latestMeetingDate !== null && laterOf(earliestMeetingDate, notBefore) > latestMeetingDate,
  });

  const warnings = namesThatApply<PlanWarning>({
    weekend: meetingDate !== undefined && isWeekend(meetingDate),
    public_holiday: meetingDate !== undefined && isPublicHoliday(meetingDate, region),
    proposal_late: proposalDate !== undefined && proposalDate > proposalDueWithTolerance,
    proposal_due_not_business_day: !isBusinessDay(proposalDue, region),
  });

  return {
    proposalDue,
    proposalDueWithTolerance,
    proposalRecommendedBy,
    proposalDaysLate: proposalDate === undefined ? 0 : Math.max(0, daysBetween(proposalDue, proposalDate)),
    earliestMeetingDate,
    latestMeetingDate,
    latestSpstNoticeDate: meetingDate === undefined ? null : addDays(meetingDate, -policy.spstNoticeDays),
    meetingValid: meetingDate === undefined ? null : problems.length === 0,
    problems,
    warnings,
  };
}

/**
 * The first business day on or after `from` (else the proposed meeting day, else the earliest meeting day), and
 * never before the earliest meeting day, that planMeeting accepts as a valid meeting; null when the window holds
 * none. The search stops at latestMeetingDate, or UNBOUNDED_SEARCH_DAYS ahead when the window is open-ended.
 */
export function nearestValidMeetingDate(input: PlanInput & { from?: IsoDate }): IsoDate | null {
  const { from, ...planInput } = input;
  const checked = checkPlanInput(planInput);
  const plan = planMeeting(planInput);
  // Days before the proposal (or request) can never be valid, so starting there only skips certain failures.
  const first = [
    optionalIsoDate(from, 'from') ?? checked.meetingDate ?? plan.earliestMeetingDate,
    plan.earliestMeetingDate,
    meetingNotBefore(checked),
  ].reduce(laterOf);
  const last = plan.latestMeetingDate ?? addDays(first, UNBOUNDED_SEARCH_DAYS);
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (
      isBusinessDay(day, checked.policy.holidaysRegion) &&
      planMeeting({ ...planInput, meetingDate: day }).meetingValid
    ) {
      return day;
    }
  }
  return null;
}
