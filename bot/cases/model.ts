import type { IsoDate } from '../../domain';

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
  'propose' | 'accept' | 'decline' | 'request_reschedule' | 'schedule' | 'mark_held' | 'cancel';

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
  };
  referentRequested: boolean;
  /** ISO 8601 instants. */
  createdAt: string;
  updatedAt: string;
  /** Incremented by every transition (optimistic concurrency). */
  version: number;
}

/** What the caller supplies to open a case; the store assigns the rest. */
export type NewLiaisonCase = Omit<LiaisonCase, 'id' | 'state' | 'createdAt' | 'updatedAt' | 'version'>;
