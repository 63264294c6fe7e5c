// A case as one line of HR's list (the tab's API and its CSV export): the shape the server sends and the tab reads.
import type { IsoDate } from './calendar';
import type { NextStep, TimelineDeadline } from './caseTimeline';
import type { CaseState, LiaisonCase } from './liaisonCase';

export type NextDeadline = TimelineDeadline;

/** Where the proposal stands against its deadline (R-DL-01): late when sent, or still due and overdue. */
export interface ProposalStatus {
  due: IsoDate;
  /** The day the first proposal went out; null while none has. */
  sentOn: IsoDate | null;
  /** Days past the deadline (0 when on time). */
  daysLate: number;
  /** No proposal has gone out and the deadline has passed: propose a date now. */
  overdue: boolean;
}

/** One line of the tab's case list (and of the CSV export). */
export interface CaseRow {
  id: string;
  state: CaseState;
  employeeName: string;
  jobTitle?: string;
  /** The employee's manager; absent when the case names none. */
  managerName?: string;
  openedBy: LiaisonCase['openedBy']['role'];
  initiator: LiaisonCase['initiator'];
  requestDate: IsoDate;
  meetingDate: IsoDate;
  meetingTime: string;
  meetingMode: LiaisonCase['meeting']['mode'];
  spstNoticeDate?: IsoDate;
  nextDeadline: NextDeadline | null;
  nextStep: NextStep;
  proposal: ProposalStatus;
  updatedAt: string;
}
