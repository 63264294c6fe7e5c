// R-DL-01/02/03: the one place where a case's deadlines are read from its facts — what is due, by when, how late,
// and what to do next. The HR tab, the reminders, the letters, the manager's status card and the employee's
// request all ask caseTimeline instead of computing dates of their own. Pure: `today` is passed in.
import { daysBetween, isIsoDate, parisToday, type IsoDate } from './calendar';
import type { CaseStatus } from './caseEngine';
import type { EmployeeRequest } from './employeeRequest';
import { planMeeting } from './planning';
import type { Policy } from './policy';

/**
 * What caseTimeline reads. A stored case (bot/services/cases LiaisonCase) fits as it is; an employee's request that no
 * case answers yet is `{ state: 'requested', requestDate }` with requestDate = the day its deadline starts from.
 */
export interface TimelineSource {
  /** The case's status, or 'requested' while no proposal has been sent for the employee's request. */
  state: CaseStatus | 'requested';
  /** D0: the employee's request or acceptance reached the employer. */
  requestDate: IsoDate;
  /** When the case was opened (an ISO instant or a day): the day the first proposal went out. */
  createdAt?: string;
  /** The meeting of the current offer. */
  meeting?: { date: IsoDate };
  /** The day the SPST was told of the current offer, when it was. */
  spst?: { noticeDate?: IsoDate };
  /** The company's policy the case was opened under (absent fields keep DEFAULT_POLICY). */
  policy?: Partial<Policy>;
}

/** What must be done next: propose a (new) date, tell the SPST, wait for the employee's answer, hold the
 * meeting, record that it was held (or not), or nothing (a closed case). */
export type NextStep = 'propose' | 'notify_spst' | 'await_answer' | 'hold_meeting' | 'record' | 'none';

export type TimelineDeadlineKind = 'proposal' | 'spst_notice' | 'meeting';

export interface TimelineDeadline {
  kind: TimelineDeadlineKind;
  date: IsoDate;
  /** Calendar days from today to the date; negative once it has passed. */
  daysLeft: number;
}

export interface CaseTimeline {
  /** R-DL-01: D0 + 15, the day the proposal is due. */
  proposalDue: IsoDate;
  /** The proposal is on time until this day (the next business day when proposalDue is not one). */
  proposalDueWithTolerance: IsoDate;
  /** The day to send it by without relying on the tolerance (the last business day on or before proposalDue). */
  proposalRecommendedBy: IsoDate;
  /** The day the first proposal went out; null while none has. */
  proposedOn: IsoDate | null;
  /** Days the first proposal went out past proposalDue (0 when on time or none went out): a fact of the case. */
  firstProposalDaysLate: number;
  /** A (new) date is awaited from the employer: an employee's request, or another date the employee asked for. */
  awaitingProposal: boolean;
  /** A (new) date is awaited and its deadline (tolerance included) has passed: propose a date now. */
  proposalOverdue: boolean;
  /** Days past proposalDue: of today while overdue, else of the first proposal; 0 when on time. */
  proposalDaysLate: number;
  /** R-DL-02: the last day to tell the SPST of the current meeting (meeting − 8); null without a meeting. */
  latestSpstNoticeDate: IsoDate | null;
  /** The meeting that stands (invited, accepted or held); null when none does. */
  meetingDate: IsoDate | null;
  nextDeadline: TimelineDeadline | null;
  nextStep: NextStep;
}

/** Statuses with a meeting that stands (or stood, once held). */
const MEETING_STANDS: ReadonlySet<TimelineSource['state']> = new Set(['invited', 'accepted', 'held']);

/** The day of `createdAt` in Paris (an instant), or the day itself. */
function dayOf(createdAt: string | undefined): IsoDate | null {
  if (createdAt === undefined || createdAt === '') return null;
  if (isIsoDate(createdAt)) return createdAt;
  const instant = new Date(createdAt);
  return Number.isNaN(instant.getTime()) ? null : parisToday(instant);
}

/**
 * The case's deadlines and next step on `today`, every date from planMeeting (R-DL-01/02): the proposal is due
 * D0 + 15 (tolerated until the next business day), the SPST must be told at least 8 days before the meeting.
 * - requested / other_date_asked: propose a (new) date by D0 + 15; once that has passed the proposal is overdue,
 *   by today − (D0 + 15) days. After another date was asked, the employer still owes a date the employee can
 *   accept, within the same deadline (as the reminders always read it).
 * - invited: tell the SPST while it was not told, else wait for the answer; once the meeting day has passed
 *   unanswered, propose a new date.
 * - accepted: tell the SPST while it was not told, hold the meeting, then (the day after) record that it was held.
 * - declined, cancelled, held: nothing.
 */
export function caseTimeline(
  source: TimelineSource,
  today: IsoDate,
  policy: Partial<Policy> | undefined = source.policy,
): CaseTimeline {
  const { state, requestDate } = source;
  const proposedOn = state === 'requested' ? null : dayOf(source.createdAt);
  const meetingDate = MEETING_STANDS.has(state) && source.meeting ? source.meeting.date : null;
  const plan = planMeeting({
    policy,
    requestDate,
    spstNoticeDate: source.spst?.noticeDate ?? today,
    proposalDate: proposedOn ?? today,
    ...(meetingDate ? { meetingDate } : {}),
  });
  const firstProposalDaysLate =
    proposedOn !== null && proposedOn > plan.proposalDueWithTolerance
      ? daysBetween(plan.proposalDue, proposedOn)
      : 0;
  const awaitingProposal = state === 'requested' || state === 'other_date_asked';
  const proposalOverdue = awaitingProposal && today > plan.proposalDueWithTolerance;
  const proposalDaysLate = proposalOverdue ? daysBetween(plan.proposalDue, today) : firstProposalDaysLate;
  const at = (kind: TimelineDeadlineKind, date: IsoDate): TimelineDeadline => ({
    kind,
    date,
    daysLeft: daysBetween(today, date),
  });
  const spstToldOrNotNeeded = !!source.spst?.noticeDate || plan.latestSpstNoticeDate === null;
  const base = {
    proposalDue: plan.proposalDue,
    proposalDueWithTolerance: plan.proposalDueWithTolerance,
    proposalRecommendedBy: plan.proposalRecommendedBy,
    proposedOn,
    firstProposalDaysLate,
    awaitingProposal,
    proposalOverdue,
    proposalDaysLate,
    latestSpstNoticeDate: plan.latestSpstNoticeDate,
    meetingDate,
  };
  const step = (nextStep: NextStep, nextDeadline: TimelineDeadline | null): CaseTimeline => ({
    ...base,
    nextStep,
    nextDeadline,
  });

  switch (state) {
    case 'requested':
    case 'other_date_asked':
      return step('propose', at('proposal', plan.proposalDue));
    case 'invited':
      if (meetingDate !== null && today > meetingDate) return step('propose', at('meeting', meetingDate));
      if (!spstToldOrNotNeeded && plan.latestSpstNoticeDate) {
        return step('notify_spst', at('spst_notice', plan.latestSpstNoticeDate));
      }
      return step('await_answer', meetingDate ? at('meeting', meetingDate) : null);
    case 'accepted':
      if (meetingDate !== null && today > meetingDate) return step('record', at('meeting', meetingDate));
      if (!spstToldOrNotNeeded && plan.latestSpstNoticeDate) {
        return step('notify_spst', at('spst_notice', plan.latestSpstNoticeDate));
      }
      return step('hold_meeting', meetingDate ? at('meeting', meetingDate) : null);
    default:
      return step('none', null);
  }
}

/**
 * R-INIT / R-DL-01 for an employee's own request: the employer must propose a date within 15 days of the request,
 * or of the first day the employee can have the meeting when that is later (the request is kept until then).
 * Read from the request's timeline, under the policy the request was made under.
 */
export function proposalDueOf(
  request: Pick<EmployeeRequest, 'requestDate' | 'eligibleFrom' | 'policy'>,
): IsoDate {
  const start = request.eligibleFrom > request.requestDate ? request.eligibleFrom : request.requestDate;
  return caseTimeline({ state: 'requested', requestDate: start, policy: request.policy }, start).proposalDue;
}
