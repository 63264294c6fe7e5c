// The HR tab's case list and case view: rows sorted by urgency, deadlines from the domain's caseTimeline.
import { caseTimeline, type IsoDate, type TimelineDeadline } from '../../../domain';
import { FINAL_STATES, type CaseState, type LiaisonCase } from '../../services/cases';

/** What HR must do next for a case: send the proposal, notify the SPST, or hold the meeting (caseTimeline's). */
export type DeadlineKind = TimelineDeadline['kind'];
export type { CaseRow, NextDeadline, ProposalStatus } from '../../../domain/caseRow';
import type { CaseRow, NextDeadline } from '../../../domain/caseRow';

export const CASE_STATES: readonly CaseState[] = [
  'invited',
  'other_date_asked',
  'accepted',
  'held',
  'declined',
  'cancelled',
];

/** The case's timeline as the domain reads it (domain/caseTimeline.ts): the one home of its deadlines. */
export const timelineOf = (liaisonCase: LiaisonCase, today: IsoDate) => caseTimeline(liaisonCase, today);

/** The next deadline of a case (null for a closed case, or when no deadline is left to miss). */
export function nextDeadline(liaisonCase: LiaisonCase, today: IsoDate): NextDeadline | null {
  return timelineOf(liaisonCase, today).nextDeadline;
}

export function caseRow(liaisonCase: LiaisonCase, today: IsoDate): CaseRow {
  const timeline = timelineOf(liaisonCase, today);
  return {
    id: liaisonCase.id,
    state: liaisonCase.state,
    employeeName: liaisonCase.employee.name,
    ...(liaisonCase.employee.jobTitle ? { jobTitle: liaisonCase.employee.jobTitle } : {}),
    ...(liaisonCase.manager ? { managerName: liaisonCase.manager.name } : {}),
    openedBy: liaisonCase.openedBy.role,
    initiator: liaisonCase.initiator,
    requestDate: liaisonCase.requestDate,
    meetingDate: liaisonCase.meeting.date,
    meetingTime: liaisonCase.meeting.time,
    meetingMode: liaisonCase.meeting.mode,
    ...(liaisonCase.spst.noticeDate ? { spstNoticeDate: liaisonCase.spst.noticeDate } : {}),
    nextDeadline: timeline.nextDeadline,
    nextStep: timeline.nextStep,
    proposal: {
      due: timeline.proposalDue,
      sentOn: timeline.proposedOn,
      daysLate: timeline.proposalDaysLate,
      overdue: timeline.proposalOverdue,
    },
    updatedAt: liaisonCase.updatedAt,
  };
}

const isOpen = (row: CaseRow) => !FINAL_STATES.has(row.state);

/**
 * Most urgent first: open cases by their next deadline (overdue ones on top), then open cases with no deadline
 * left (a new date to propose), then closed ones, latest first.
 */
export function byUrgency(a: CaseRow, b: CaseRow): number {
  if (a.nextDeadline && b.nextDeadline) {
    return a.nextDeadline.date.localeCompare(b.nextDeadline.date) || a.id.localeCompare(b.id);
  }
  if (a.nextDeadline) return -1;
  if (b.nextDeadline) return 1;
  if (isOpen(a) !== isOpen(b)) return isOpen(a) ? -1 : 1;
  return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}

export interface CaseFilter {
  /** A state, 'open' (not closed), 'late' (proposal overdue or sent late) or undefined (all). */
  state?: CaseState | 'open' | 'late';
  /** Words looked for in the employee's and manager's names and the job title, ignoring case and accents. */
  text?: string;
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matches(row: CaseRow, filter: CaseFilter): boolean {
  if (filter.state === 'open' && !isOpen(row)) return false;
  if (filter.state === 'late' && row.proposal.daysLate === 0) return false;
  if (filter.state && filter.state !== 'open' && filter.state !== 'late' && row.state !== filter.state) {
    return false;
  }
  const words = fold(filter.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const haystack = fold([row.employeeName, row.managerName ?? '', row.jobTitle ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

/** The parsed `state` query parameter: undefined for none, null for a value that is not a state. */
export function parseStateFilter(value: string | null): CaseFilter['state'] | null {
  if (value === null || value === '' || value === 'all') return undefined;
  if (value === 'open' || value === 'late') return value;
  return (CASE_STATES as readonly string[]).includes(value) ? (value as CaseState) : null;
}
