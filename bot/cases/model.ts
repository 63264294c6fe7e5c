import type { IsoDate, Policy } from '../../domain';

/**
 * A rendez-vous de liaison case as stored. Deliberately holds no medical field of any kind: the meeting is not
 * medical, and what is never stored can never leak.
 */
export type CaseState =
  | 'draft'
  | 'proposed'
  | 'accepted'
  | 'declined'
  | 'reschedule_requested'
  | 'scheduled'
  | 'held'
  | 'cancelled';

export type CaseEvent =
  | 'propose'
  | 'accept'
  | 'decline'
  | 'request_reschedule'
  | 'schedule'
  | 'mark_held'
  | 'cancel'
  /** The SPST contact acknowledged the notice: recorded with who and when, the state does not change. */
  | 'acknowledge_spst_notice';

/** How the SPST notice went out: by a Teams card, by email; neither means the manager must notify the SPST. */
export type SpstChannel = 'teams' | 'email';

/** What the employee asked for when answering the invitation; never anything about their health. */
export interface EmployeeWishes {
  /** With a request for another date: up to two days that would suit them. */
  preferredDates: IsoDate[];
  /** Free text, checked by the health guard before it is stored. */
  comment?: string;
  /** The employee would rather their manager did not attend. */
  withoutManager: boolean;
}

export type ActorRole = 'employee' | 'manager' | 'hr' | 'spst' | 'system';

/** Who caused a change: the role they acted in and, for a person, their Entra object id. */
export interface CaseActor {
  role: ActorRole;
  aadObjectId?: string;
}

export interface LiaisonCase {
  id: string;
  tenantId: string;
  companyId: string;
  state: CaseState;
  initiator: 'employer' | 'employee';
  /** D0: the day the employee's request or acceptance reached the employer. */
  requestDate: IsoDate;
  employee: { aadObjectId?: string; name: string; email?: string; jobTitle?: string };
  manager: { aadObjectId: string; name: string };
  meeting: {
    date: IsoDate;
    /** 'HH:MM', local time in France. */
    time?: string;
    mode: 'in_person' | 'remote';
    place?: string;
    link?: string;
  };
  spst: {
    attendance: 'attend' | 'informed';
    noticeDate?: IsoDate;
    /** The Entra object id of the SPST contact who may acknowledge the notice in Teams, when they have one. */
    contactAadObjectId?: string;
    /** The channels the notice was queued on; empty when no SPST contact could be reached by Liaison. */
    notifiedBy?: SpstChannel[];
    /** The day the SPST contact acknowledged the notice. */
    acknowledgedOn?: IsoDate;
  };
  /** The employee's answer details, once they answered the invitation. */
  wishes?: EmployeeWishes;
  /** The company's policy when the case started: its deadlines keep the rules it was opened under. */
  policy?: Partial<Policy>;
  /** The employee's own request this case answers, when they asked for the meeting through Liaison. */
  requestId?: string;
  referentRequested: boolean;
  /**
   * Whether the invitation offers the employee the référent handicap (one is designated, or the company is large
   * enough to need one). Absent on cases started before it was recorded: offered.
   */
  referentOffered?: boolean;
  /** ISO 8601 instants. */
  createdAt: string;
  updatedAt: string;
  /** Incremented by every transition (optimistic concurrency). */
  version: number;
}

/** What the caller supplies to open a case; the store assigns the rest. */
export type NewLiaisonCase = Omit<LiaisonCase, 'id' | 'state' | 'createdAt' | 'updatedAt' | 'version'>;
