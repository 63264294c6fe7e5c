// The case engine: every change to a rendez-vous de liaison case (open, accept, decline, ask for another date,
// SPST acknowledgement, new date, cancellation, meeting held) is decided here, by one pure function. The bot's
// surfaces (dialogs, cards, the HR tab, the absences feed, reminders) ask `decideCase` first and do what it
// returns, nothing else. Who may do what, the order of the checks, the notices, repeats and re-offers are
// described in docs/rules.md ("The case engine").
//
// Pure like the rest of domain/: no I/O, no clock (the caller passes `today`), no randomness. The book passed in
// is never modified: an applied decision returns a new book that shares the untouched records with the old one.
// A book is plain JSON data, so it can be stored and read back; a caller may also load only the named case and
// the same employee's cases (`caseBookOf`), decide, and write back `recordsChanged(before, after)`.
import {
  addDays,
  optionalIsoDate,
  requireIsoDate,
  toDayNumber,
  fromDayNumber,
  type IsoDate,
} from './calendar';
import { assessEligibility } from './eligibility';
import {
  checkAbsence,
  CONTRACT_KINDS,
  COUNTING_ABSENCE_KINDS,
  type Absence,
  type ContractKind,
} from './kinds';
import { planMeeting, type MeetingPlan, type PlanWarning } from './planning';
import type { Policy } from './policy';
import { requireBoolean, requireOneOf, showValue } from './validation';

export type CaseStatus = 'invited' | 'other_date_asked' | 'accepted' | 'declined' | 'cancelled' | 'held';
export type Role = 'employee' | 'manager' | 'hr' | 'spst';
export type NoticeKind = 'invitation' | 'notice' | 'change' | 'cancellation' | 'status' | 'update';
export type CaseRefusal =
  | 'unknown_case'
  | 'not_allowed'
  | 'case_closed'
  | 'stale_card'
  | 'meeting_passed'
  | 'invalid_transition'
  | 'open_case_exists'
  | 'reoffer_too_soon'
  | 'reoffer_limit'
  | 'not_eligible'
  | 'meeting_invalid';

/** Whoever sends a command; `roles` come from the company settings. */
export interface Actor {
  id: string;
  roles: Array<'hr' | 'spst'>;
}
/** `time` is 'HH:MM'. */
export interface Meeting {
  date: IsoDate;
  time: string;
  mode: 'on_site' | 'remote';
}
export interface Wishes {
  dates: IsoDate[];
  withoutManager: boolean;
  referent: boolean;
}

export type CaseCommand =
  | {
      type: 'open';
      caseId: string;
      by: Actor;
      initiator: 'employer' | 'employee';
      requestDate: IsoDate;
      employee: { id: string; managerId?: string };
      contract: { kind: ContractKind; end?: IsoDate };
      absences: Absence[];
      meeting: Meeting;
    }
  | { type: 'accept' | 'decline'; caseId: string; by: Actor; offer: number }
  | { type: 'ask_other_date'; caseId: string; by: Actor; offer: number; wishes: Wishes }
  | { type: 'acknowledge_spst'; caseId: string; by: Actor; offer: number }
  | { type: 'propose_again'; caseId: string; by: Actor; meeting: Meeting }
  | { type: 'cancel' | 'record_held'; caseId: string; by: Actor };

export interface CaseView {
  caseId: string;
  status: CaseStatus;
  /** `status`, except that a declined case is shown to the manager as 'closed' (R-INIT-04). */
  managerStatus: CaseStatus | 'closed';
  /** 1 at open, + 1 at each propose_again. */
  offer: number;
  /** The meeting of the current offer. */
  meeting: Meeting;
  /** The SPST acknowledged the notice of the current offer. */
  spstAcknowledged: boolean;
  /** The employee's latest wishes; kept across offers. */
  wishes: Wishes;
}

/** One case as stored: everything the engine needs to decide later commands on it. */
export interface CaseRecord {
  caseId: string;
  employeeId: string;
  /** Absent when the employee has no manager. */
  managerId?: string;
  initiator: 'employer' | 'employee';
  /** D0 of the open command, the same for every later offer. */
  requestDate: IsoDate;
  contract: { kind: ContractKind; end?: IsoDate };
  absences: Absence[];
  status: CaseStatus;
  offer: number;
  meeting: Meeting;
  spstAcknowledged: boolean;
  wishes: Wishes;
  /** The `today` of the decline (for re-offers); only on declined cases. */
  declinedOn?: IsoDate;
}

/** Every case of one company (or the part of it a decision needs), keyed by caseId. Plain JSON data. */
export interface CaseBook {
  readonly cases: Readonly<Record<string, CaseRecord>>;
}

export type CaseDecision =
  | {
      outcome: 'applied' | 'unchanged';
      book: CaseBook;
      view: CaseView;
      notify: Partial<Record<Role, NoticeKind>>;
      warnings: PlanWarning[];
    }
  | { outcome: 'refused'; reason: CaseRefusal; details: string[] };

export interface CaseContext {
  today: IsoDate;
  policy?: Partial<Policy>;
}

/** R-INIT-04: an employer's re-offer after a refusal comes at least this many days after the day of the refusal. */
export const REOFFER_MIN_DAYS = 30;

export const EMPTY_CASE_BOOK: CaseBook = Object.freeze({ cases: Object.freeze({}) });

const OPEN_STATUSES: readonly CaseStatus[] = ['invited', 'other_date_asked', 'accepted'];
const CLOSED_STATUSES: readonly CaseStatus[] = ['declined', 'cancelled', 'held'];
const MEETING_MODES: readonly Meeting['mode'][] = ['on_site', 'remote'];
const INITIATORS: readonly CaseRecord['initiator'][] = ['employer', 'employee'];
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

type CommandOn<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;
type CaseCommandOnRecord = Exclude<CaseCommand, { type: 'open' }>;

// ---------------------------------------------------------------------------------------------------------------
// Books and views

const hasCase = (book: CaseBook, caseId: string) => Object.hasOwn(book.cases, caseId);
const caseOf = (book: CaseBook, caseId: string) => (hasCase(book, caseId) ? book.cases[caseId] : undefined);

/** A book holding `records` (for instance the ones a caller loaded from storage); a caseId must not repeat. */
export function caseBookOf(records: readonly CaseRecord[]): CaseBook {
  const caseIds = new Set<string>();
  for (const { caseId } of records) {
    if (caseIds.has(caseId)) throw new RangeError(`caseBookOf: caseId ${showValue(caseId)} appears twice`);
    caseIds.add(caseId);
  }
  // fromEntries defines own properties, so even a caseId like '__proto__' stays an ordinary entry.
  return { cases: Object.fromEntries(records.map((record) => [record.caseId, record])) };
}

function withRecord(book: CaseBook, record: CaseRecord): CaseBook {
  // Spread and computed keys define own properties, so even a caseId like '__proto__' stays an ordinary entry.
  return { cases: { ...book.cases, [record.caseId]: record } };
}

const copyMeeting = (meeting: Meeting): Meeting => ({
  date: meeting.date,
  time: meeting.time,
  mode: meeting.mode,
});
const copyWishes = (wishes: Wishes): Wishes => ({
  dates: [...wishes.dates],
  withoutManager: wishes.withoutManager,
  referent: wishes.referent,
});

/** What a case looks like to the people on it (a copy: changing it changes no book). */
export function caseViewOf(record: CaseRecord): CaseView {
  return {
    caseId: record.caseId,
    status: record.status,
    managerStatus: record.status === 'declined' ? 'closed' : record.status,
    offer: record.offer,
    meeting: copyMeeting(record.meeting),
    spstAcknowledged: record.spstAcknowledged,
    wishes: copyWishes(record.wishes),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // Keys holding undefined are absent once stored as JSON, so they do not count as a difference.
  const keysOf = (value: object) =>
    Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  const aKeys = keysOf(a);
  const bKeys = keysOf(b);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** The records of `after` that are not in `before` or differ from it: what storage must write back. */
export function recordsChanged(before: CaseBook, after: CaseBook): CaseRecord[] {
  return Object.entries(after.cases)
    .filter(([caseId, record]) => !sameValue(caseOf(before, caseId), record))
    .map(([, record]) => record);
}

// ---------------------------------------------------------------------------------------------------------------
// The date check

/**
 * The last day of the run of counting absences that contains `today` (overlapping or touching absences merged,
 * as for eligibility), or undefined when no counting absence covers `today`. The leaveEnd of the date check.
 */
export function leaveEndOn(absences: readonly Absence[], today: IsoDate): IsoDate | undefined {
  const day = toDayNumber(today, 'today');
  const counting = absences
    .map((absence, index) => checkAbsence(absence, `absences[${index}]`))
    .filter((absence) => COUNTING_ABSENCE_KINDS.includes(absence.kind))
    .sort((a, b) => a.first - b.first);
  const runs: { first: number; last: number }[] = [];
  for (const { first, last } of counting) {
    const previous = runs.at(-1);
    if (previous && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else runs.push({ first, last });
  }
  const current = runs.find((run) => run.first <= day && day <= run.last);
  return current === undefined ? undefined : fromDayNumber(current.last);
}

/** What the date check reads from a case, an open command, or a form about to send one. */
export interface MeetingDateSource {
  /** D0: the open command's requestDate, the same for every offer. */
  requestDate: IsoDate;
  contract: { end?: IsoDate };
  absences: readonly Absence[];
  /** The meeting proposed (only its date is checked). */
  meeting: { date: IsoDate };
}

/**
 * The single date check of `open` and `propose_again`: planMeeting with the SPST told and the proposal sent
 * `today`, the leave ending at `leaveEndOn(absences, today)` and the contract at `contract.end`. The meeting
 * passes when `meetingValid` is true; its problems and warnings are the decision's details and warnings.
 */
export function meetingDateCheck(
  source: MeetingDateSource,
  today: IsoDate,
  policy?: Partial<Policy>,
): MeetingPlan {
  return planMeeting({
    requestDate: source.requestDate,
    spstNoticeDate: today,
    proposalDate: today,
    meetingDate: source.meeting.date,
    leaveEnd: leaveEndOn(source.absences, today),
    contractEnd: source.contract.end,
    policy,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Input checks: a malformed command is a caller's bug, not a refusal, so it throws a RangeError naming the field.

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new RangeError(`${field} must be a non-empty string, got ${showValue(value)}`);
  }
  return value;
}

function checkActor(by: unknown): void {
  if (typeof by !== 'object' || by === null)
    throw new RangeError(`by must be an actor, got ${showValue(by)}`);
  const { id, roles } = by as Record<string, unknown>;
  requireText(id, 'by.id');
  if (!Array.isArray(roles)) throw new RangeError(`by.roles must be an array, got ${showValue(roles)}`);
}

function checkMeeting(meeting: Meeting): void {
  if (typeof meeting !== 'object' || meeting === null) {
    throw new RangeError(`meeting must be { date, time, mode }, got ${showValue(meeting)}`);
  }
  requireIsoDate(meeting.date, 'meeting.date');
  if (typeof meeting.time !== 'string' || !TIME_PATTERN.test(meeting.time)) {
    throw new RangeError(`meeting.time must be 'HH:MM', got ${showValue(meeting.time)}`);
  }
  requireOneOf(meeting.mode, MEETING_MODES, 'meeting.mode');
}

function checkCommand(command: CaseCommand, today: IsoDate): void {
  requireIsoDate(today, 'today');
  requireText(command.caseId, 'caseId');
  checkActor(command.by);
  switch (command.type) {
    case 'open':
      requireOneOf(command.initiator, INITIATORS, 'initiator');
      requireIsoDate(command.requestDate, 'requestDate');
      requireText(command.employee?.id, 'employee.id');
      if (command.employee.managerId !== undefined)
        requireText(command.employee.managerId, 'employee.managerId');
      requireOneOf(command.contract?.kind, CONTRACT_KINDS, 'contract.kind');
      optionalIsoDate(command.contract.end, 'contract.end');
      if (!Array.isArray(command.absences)) throw new RangeError('absences must be an array');
      command.absences.forEach((absence, index) => checkAbsence(absence, `absences[${index}]`));
      checkMeeting(command.meeting);
      return;
    case 'propose_again':
      checkMeeting(command.meeting);
      return;
    case 'ask_other_date':
      if (!Array.isArray(command.wishes?.dates)) throw new RangeError('wishes.dates must be an array');
      command.wishes.dates.forEach((date, index) => requireIsoDate(date, `wishes.dates[${index}]`));
      requireBoolean(command.wishes.withoutManager, 'wishes.withoutManager');
      requireBoolean(command.wishes.referent, 'wishes.referent');
      return;
    case 'accept':
    case 'decline':
    case 'acknowledge_spst':
    case 'cancel':
    case 'record_held':
      return;
    default:
      throw new RangeError(`command.type is unknown: ${showValue((command as { type: unknown }).type)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions

const refused = (reason: CaseRefusal, details: readonly string[] = []): CaseDecision => ({
  outcome: 'refused',
  reason,
  details: [...details].sort(),
});

const unchanged = (book: CaseBook, record: CaseRecord): CaseDecision => ({
  outcome: 'unchanged',
  book,
  view: caseViewOf(record),
  notify: {},
  warnings: [],
});

/** Every applied command tells the manager (when the case has one) and HR, plus the command's own notices. */
function applied(
  book: CaseBook,
  record: CaseRecord,
  extra: Partial<Record<Role, NoticeKind>>,
  warnings: readonly PlanWarning[] = [],
): CaseDecision {
  return {
    outcome: 'applied',
    book: withRecord(book, record),
    view: caseViewOf(record),
    notify: { ...(record.managerId === undefined ? {} : { manager: 'status' }), hr: 'update', ...extra },
    warnings: [...warnings].sort(),
  };
}

const isHr = (actor: Actor) => actor.roles.includes('hr');
const isSpst = (actor: Actor) => actor.roles.includes('spst');

function mayAct(record: CaseRecord, command: CaseCommandOnRecord): boolean {
  switch (command.type) {
    case 'accept':
    case 'decline':
    case 'ask_other_date':
      return command.by.id === record.employeeId;
    case 'acknowledge_spst':
      return isSpst(command.by);
    case 'propose_again':
    case 'cancel':
    case 'record_held':
      return isHr(command.by) || (record.managerId !== undefined && command.by.id === record.managerId);
  }
}

const sameWishes = (a: Wishes, b: Wishes) =>
  a.withoutManager === b.withoutManager &&
  a.referent === b.referent &&
  a.dates.length === b.dates.length &&
  a.dates.every((date, index) => date === b.dates[index]);

/** The command would only repeat what the case already says (double click, retry). */
function isRepeat(record: CaseRecord, command: CaseCommandOnRecord): boolean {
  switch (command.type) {
    case 'accept':
      return record.status === 'accepted' && command.offer === record.offer;
    case 'decline':
      return record.status === 'declined' && command.offer === record.offer;
    case 'ask_other_date':
      return (
        record.status === 'other_date_asked' &&
        command.offer === record.offer &&
        sameWishes(record.wishes, command.wishes)
      );
    case 'acknowledge_spst':
      return record.spstAcknowledged && command.offer === record.offer;
    case 'cancel':
      return record.status === 'cancelled';
    case 'record_held':
      return record.status === 'held';
    case 'propose_again':
      return false;
  }
}

/** Commands answering a card of one offer; an offer other than the current one is stale. */
const offerOf = (command: CaseCommandOnRecord): number | undefined =>
  'offer' in command ? command.offer : undefined;

function decideOnRecord(
  book: CaseBook,
  record: CaseRecord,
  command: CaseCommandOnRecord,
  { today, policy }: CaseContext,
): CaseDecision {
  if (!mayAct(record, command)) return refused('not_allowed');
  if (isRepeat(record, command)) return unchanged(book, record);
  if (CLOSED_STATUSES.includes(record.status)) return refused('case_closed');
  const offer = offerOf(command);
  if (offer !== undefined && offer !== record.offer) return refused('stale_card');
  if ((command.type === 'accept' || command.type === 'ask_other_date') && today > record.meeting.date) {
    return refused('meeting_passed');
  }
  // Every status left is open (invited, other_date_asked or accepted).
  switch (command.type) {
    case 'accept':
      if (record.status === 'accepted') return refused('invalid_transition');
      return applied(book, { ...record, status: 'accepted' }, {});
    case 'decline':
      return applied(book, { ...record, status: 'declined', declinedOn: today }, { spst: 'cancellation' });
    case 'ask_other_date':
      return applied(book, { ...record, status: 'other_date_asked', wishes: copyWishes(command.wishes) }, {});
    case 'acknowledge_spst':
      return applied(book, { ...record, spstAcknowledged: true }, {});
    case 'cancel':
      return applied(
        book,
        { ...record, status: 'cancelled' },
        { employee: 'cancellation', spst: 'cancellation' },
      );
    case 'record_held':
      if (record.status !== 'accepted' || today < record.meeting.date) return refused('invalid_transition');
      return applied(book, { ...record, status: 'held' }, {});
    case 'propose_again': {
      const plan = meetingDateCheck({ ...record, meeting: command.meeting }, today, policy);
      if (!plan.meetingValid) return refused('meeting_invalid', plan.problems);
      const next: CaseRecord = {
        ...record,
        status: 'invited',
        offer: record.offer + 1,
        meeting: copyMeeting(command.meeting),
        spstAcknowledged: false,
      };
      return applied(book, next, { employee: 'invitation', spst: 'change' }, plan.warnings);
    }
  }
}

/** R-INIT-04: an employer may offer again once, REOFFER_MIN_DAYS after the refusal; never after two refusals. */
function reofferRefusal(cases: readonly CaseRecord[], today: IsoDate): CaseRefusal | undefined {
  const declinedOffers = cases.filter(
    (record) => record.initiator === 'employer' && record.status === 'declined',
  );
  if (declinedOffers.length >= 2) return 'reoffer_limit';
  const declinedOn = declinedOffers[0]?.declinedOn;
  if (declinedOn !== undefined && today < addDays(declinedOn, REOFFER_MIN_DAYS)) return 'reoffer_too_soon';
  return undefined;
}

function decideOpen(
  book: CaseBook,
  command: CommandOn<'open'>,
  { today, policy }: CaseContext,
): CaseDecision {
  const { employee } = command;
  if (!isHr(command.by) && (employee.managerId === undefined || command.by.id !== employee.managerId)) {
    return refused('not_allowed');
  }
  const employeeCases = Object.values(book.cases).filter((record) => record.employeeId === employee.id);
  if (
    hasCase(book, command.caseId) ||
    employeeCases.some((record) => OPEN_STATUSES.includes(record.status))
  ) {
    return refused('open_case_exists');
  }
  if (command.initiator === 'employer') {
    const reason = reofferRefusal(employeeCases, today);
    if (reason) return refused(reason);
  }
  const absences = command.absences.map(({ kind, start, end }) => ({ kind, start, end }));
  const contract = {
    kind: command.contract.kind,
    ...(command.contract.end === undefined ? {} : { end: command.contract.end }),
  };
  const eligibility = assessEligibility({ today, contract, absences, policy });
  if (!eligibility.eligible) return refused('not_eligible', eligibility.notes);
  const plan = meetingDateCheck(command, today, policy);
  if (!plan.meetingValid) return refused('meeting_invalid', plan.problems);

  const record: CaseRecord = {
    caseId: command.caseId,
    employeeId: employee.id,
    ...(employee.managerId === undefined ? {} : { managerId: employee.managerId }),
    initiator: command.initiator,
    requestDate: command.requestDate,
    contract,
    absences,
    status: 'invited',
    offer: 1,
    meeting: copyMeeting(command.meeting),
    spstAcknowledged: false,
    wishes: { dates: [], withoutManager: false, referent: false },
  };
  return applied(book, record, { employee: 'invitation', spst: 'notice' }, plan.warnings);
}

/**
 * Decides one command on a case. Refused: the reason (and, for not_eligible and meeting_invalid, the sorted notes
 * or problems) and no book — the caller keeps the one it had. Unchanged: the same book. Applied: a new book, the
 * case's view, who to notify of what, and the date check's warnings (open and propose_again only).
 * Throws a RangeError naming the field when the command or `today` is malformed.
 */
export function decideCase(book: CaseBook, command: CaseCommand, context: CaseContext): CaseDecision {
  checkCommand(command, context.today);
  if (command.type === 'open') return decideOpen(book, command, context);
  const record = caseOf(book, command.caseId);
  if (record === undefined) return refused('unknown_case');
  return decideOnRecord(book, record, command, context);
}
