import { daysBetween, planMeeting, type IsoDate } from '../../domain';
import { FINAL_STATES, type CaseState, type LiaisonCase } from '../cases';

/** What HR must do next for a case: send the proposal, notify the SPST, or hold the meeting. */
export type DeadlineKind = 'proposal' | 'spstNotice' | 'meeting';

export interface NextDeadline {
  kind: DeadlineKind;
  date: IsoDate;
  /** Negative when the day has passed. */
  daysLeft: number;
}

/** One line of the tab's case list (and of the CSV export). */
export interface CaseRow {
  id: string;
  state: CaseState;
  employeeName: string;
  jobTitle?: string;
  managerName: string;
  initiator: LiaisonCase['initiator'];
  requestDate: IsoDate;
  meetingDate: IsoDate;
  meetingTime?: string;
  spstNoticeDate?: IsoDate;
  nextDeadline: NextDeadline | null;
  updatedAt: string;
}

export const CASE_STATES: readonly CaseState[] = [
  'draft',
  'proposed',
  'accepted',
  'declined',
  'reschedule_requested',
  'scheduled',
  'held',
  'cancelled',
];

/**
 * The next deadline of an open case, from the domain's plan of its dates: the proposal (D0 + 15) while no proposal
 * stands, then the last day to notify the SPST (meeting − 8) while it has not been notified, then the meeting day.
 * A closed case (declined, held, cancelled) has none.
 */
export function nextDeadline(liaisonCase: LiaisonCase, today: IsoDate): NextDeadline | null {
  if (FINAL_STATES.has(liaisonCase.state)) return null;
  const plan = planMeeting({
    policy: liaisonCase.policy,
    requestDate: liaisonCase.requestDate,
    spstNoticeDate: liaisonCase.spst.noticeDate ?? today,
    meetingDate: liaisonCase.meeting.date,
  });
  const at = (kind: DeadlineKind, date: IsoDate): NextDeadline => ({
    kind,
    date,
    daysLeft: daysBetween(today, date),
  });
  if (liaisonCase.state === 'draft' || liaisonCase.state === 'reschedule_requested') {
    return at('proposal', plan.proposalDue);
  }
  if (!liaisonCase.spst.noticeDate && plan.latestSpstNoticeDate) {
    return at('spstNotice', plan.latestSpstNoticeDate);
  }
  return at('meeting', liaisonCase.meeting.date);
}

export function caseRow(liaisonCase: LiaisonCase, today: IsoDate): CaseRow {
  return {
    id: liaisonCase.id,
    state: liaisonCase.state,
    employeeName: liaisonCase.employee.name,
    jobTitle: liaisonCase.employee.jobTitle,
    managerName: liaisonCase.manager.name,
    initiator: liaisonCase.initiator,
    requestDate: liaisonCase.requestDate,
    meetingDate: liaisonCase.meeting.date,
    meetingTime: liaisonCase.meeting.time,
    spstNoticeDate: liaisonCase.spst.noticeDate,
    nextDeadline: nextDeadline(liaisonCase, today),
    updatedAt: liaisonCase.updatedAt,
  };
}

/** Most urgent first: open cases by their next deadline (overdue ones on top), then closed ones, latest first. */
export function byUrgency(a: CaseRow, b: CaseRow): number {
  if (a.nextDeadline && b.nextDeadline) {
    return a.nextDeadline.date.localeCompare(b.nextDeadline.date) || a.id.localeCompare(b.id);
  }
  if (a.nextDeadline) return -1;
  if (b.nextDeadline) return 1;
  return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}

export interface CaseFilter {
  /** A state, 'open' (not closed) or undefined (all). */
  state?: CaseState | 'open';
  /** Words looked for in the employee's and manager's names and the job title, ignoring case and accents. */
  text?: string;
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matches(row: CaseRow, filter: CaseFilter): boolean {
  if (filter.state === 'open' && row.nextDeadline === null) return false;
  if (filter.state && filter.state !== 'open' && row.state !== filter.state) return false;
  const words = fold(filter.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const haystack = fold([row.employeeName, row.managerName, row.jobTitle ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

/** The parsed `state` query parameter: undefined for none, null for a value that is not a state. */
export function parseStateFilter(value: string | null): CaseFilter['state'] | null {
  if (value === null || value === '' || value === 'all') return undefined;
  if (value === 'open') return 'open';
  return (CASE_STATES as readonly string[]).includes(value) ? (value as CaseState) : null;
}
