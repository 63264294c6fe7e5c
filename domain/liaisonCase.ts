// A rendez-vous de liaison case as stored: the engine's record plus names, contacts and history (types only).
import type { Absence, CaseCommand, CaseStatus, ContractKind, IsoDate, Meeting, Policy, Wishes } from './';

/**
 * A rendez-vous de liaison case as stored: the case engine's record (domain/caseEngine.ts: status, offer, meeting,
 * wishes, contract and absences) plus what only the bot needs to talk to people (names, Teams ids, the place, how
 * the SPST was told). Deliberately holds no medical field of any kind: the meeting is not medical, and what is
 * never stored can never leak. Only CaseService (caseService.ts) writes it, and only as the engine decides.
 */
export type CaseState = CaseStatus;

/** What the audit trail records: the engine's command that changed the case. */
export type CaseEvent = CaseCommand['type'];

/** How the SPST notice went out: by a Teams card, by email; neither means the manager must notify the SPST. */
export type SpstChannel = 'teams' | 'email';

/**
 * What the employee asked for when answering the invitation; never anything about their health, and no free
 * text: the engine's wishes (dates, rather without the manager, the référent) and the part of the day that suits.
 */
export interface EmployeeWishes extends Wishes {
  partOfDay?: 'morning' | 'afternoon';
}

export type ActorRole = 'employee' | 'manager' | 'hr' | 'spst' | 'system';

/** Who caused a change: the role they acted in and, for a person, their Entra object id. */
export interface CaseActor {
  role: ActorRole;
  aadObjectId?: string;
}

/** A person as the cards name them; the Entra object id when Teams or the directory gave one. */
export interface CasePerson {
  aadObjectId?: string;
  name: string;
}

/** The meeting of the current offer: the engine's date, time and mode, and where or how to join. */
export interface CaseMeeting extends Meeting {
  place?: string;
  link?: string;
}

export interface LiaisonCase {
  id: string;
  tenantId: string;
  companyId: string;
  state: CaseState;
  /** 1 when opened, + 1 at each new date proposed: a card carries the offer it was sent for. */
  offer: number;
  initiator: 'employer' | 'employee';
  /** D0: the day the employee's request or acceptance reached the employer. */
  requestDate: IsoDate;
  employee: { aadObjectId?: string; name: string; email?: string; jobTitle?: string };
  /** The employee's manager (directory, people picker or the employee's request); absent when unknown. */
  manager?: CasePerson;
  /** Who opened the case: HR, or the employee's manager. HR organising a request never becomes the manager. */
  openedBy: CasePerson & { role: 'hr' | 'manager' };
  contract: { kind: ContractKind; end?: IsoDate };
  /** The absences given when the case was opened: the last day of the leave bounds every later date. */
  absences: Absence[];
  meeting: CaseMeeting;
  spst: {
    attendance: 'attend' | 'informed';
    noticeDate?: IsoDate;
    /** The Entra object id of the SPST contact who may acknowledge the notice in Teams, when they have one. */
    contactAadObjectId?: string;
    /** The channels the notice was queued on; empty when no SPST contact could be reached by Liaison. */
    notifiedBy?: SpstChannel[];
    /** The day the SPST contact acknowledged the notice of the current offer. */
    acknowledgedOn?: IsoDate;
  };
  /** The employee's latest wishes: kept across offers until the employee changes them. */
  wishes: EmployeeWishes;
  /** The day the employee declined (the engine's re-offer rule counts from it). */
  declinedOn?: IsoDate;
  /** The company's policy when the case started: its deadlines keep the rules it was opened under. */
  policy?: Partial<Policy>;
  /** The employee's own request this case answers, when they asked for the meeting through Liaison. */
  requestId?: string;
  /**
   * Whether the invitation offers the employee the référent handicap (one is designated, or the company is large
   * enough to need one). Absent on cases started before it was recorded: offered.
   */
  referentOffered?: boolean;
  /** ISO 8601 instants. */
  createdAt: string;
  updatedAt: string;
  /** Incremented by every change (optimistic concurrency). */
  version: number;
}

/** What the caller supplies to open a case; the engine and the store decide the rest. */
export type NewLiaisonCase = Omit<
  LiaisonCase,
  'id' | 'state' | 'offer' | 'wishes' | 'declinedOn' | 'createdAt' | 'updatedAt' | 'version'
>;
