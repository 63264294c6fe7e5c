// The bridge between a stored case and the case engine's record and view.
import { caseViewOf, type Actor, type CaseRecord, type CaseView, type IsoDate } from './';
import type { CaseState, LiaisonCase } from './liaisonCase';

/**
 * The bridge between a stored case and the case engine's record: the engine decides on `recordOf(case)`, and
 * `withDecidedRecord` copies what it decided back onto the case. The engine's fields are never written anywhere
 * else.
 */

/**
 * The employee as the engine knows them: their Entra object id, else their email, else their typed name — the
 * same key for every case of one person, so a second case for them is seen.
 */
export function employeeIdOf(employee: LiaisonCase['employee']): string {
  if (employee.aadObjectId) return employee.aadObjectId;
  if (employee.email) return `email:${employee.email.trim().toLowerCase()}`;
  return `name:${employee.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

export function recordOf(liaisonCase: LiaisonCase): CaseRecord {
  const { meeting, wishes } = liaisonCase;
  return {
    caseId: liaisonCase.id,
    employeeId: employeeIdOf(liaisonCase.employee),
    ...(liaisonCase.manager?.aadObjectId ? { managerId: liaisonCase.manager.aadObjectId } : {}),
    initiator: liaisonCase.initiator,
    requestDate: liaisonCase.requestDate,
    contract: liaisonCase.contract,
    absences: liaisonCase.absences,
    status: liaisonCase.state,
    offer: liaisonCase.offer,
    meeting: { date: meeting.date, time: meeting.time, mode: meeting.mode },
    spstAcknowledged: !!liaisonCase.spst.acknowledgedOn,
    wishes: { dates: wishes.dates, withoutManager: wishes.withoutManager, referent: wishes.referent },
    ...(liaisonCase.declinedOn ? { declinedOn: liaisonCase.declinedOn } : {}),
  };
}

/** What the people on the case are shown of it (the manager sees a decline as 'closed'). */
export function viewOf(liaisonCase: LiaisonCase): CaseView {
  return caseViewOf(recordOf(liaisonCase));
}

/**
 * The case after the engine's decision: status, offer, meeting, wishes and decline day from the record; the
 * SPST's acknowledgement dated `today` when it was just given, dropped when a new offer reset it. A wish's part of
 * the day is kept only while the dates it came with are.
 */
export function withDecidedRecord(liaisonCase: LiaisonCase, record: CaseRecord, today: IsoDate): LiaisonCase {
  const { spst } = liaisonCase;
  const sameDates = record.wishes.dates.join() === liaisonCase.wishes.dates.join();
  const { acknowledgedOn: _dropped, ...spstWithoutAcknowledgement } = spst;
  return {
    ...liaisonCase,
    state: record.status,
    offer: record.offer,
    meeting: { ...liaisonCase.meeting, ...record.meeting },
    wishes: {
      ...record.wishes,
      ...(sameDates && liaisonCase.wishes.partOfDay ? { partOfDay: liaisonCase.wishes.partOfDay } : {}),
    },
    spst: record.spstAcknowledged
      ? { ...spst, acknowledgedOn: spst.acknowledgedOn ?? today }
      : spstWithoutAcknowledgement,
    ...(record.declinedOn ? { declinedOn: record.declinedOn } : {}),
  };
}

/** The statuses a case never leaves. */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set(['declined', 'cancelled', 'held']);

export const isOpenCase = (liaisonCase: LiaisonCase): boolean => !FINAL_STATES.has(liaisonCase.state);

/** An engine actor: the person's id and the company roles the server established (never the card's word). */
export function actorOf(id: string, roles: { hr: boolean; spst: boolean }): Actor {
  return { id, roles: [...(roles.hr ? (['hr'] as const) : []), ...(roles.spst ? (['spst'] as const) : [])] };
}

// Cases stored before the engine: older status names and shapes, read as the engine's.
const LEGACY_STATES: Record<string, CaseState> = {
  draft: 'cancelled',
  proposed: 'invited',
  reschedule_requested: 'other_date_asked',
  scheduled: 'accepted',
};

interface LegacyFields {
  state: string;
  offer?: number;
  referentRequested?: boolean;
  wishes?: { preferredDates?: IsoDate[]; dates?: IsoDate[]; withoutManager?: boolean; referent?: boolean };
  meeting: { mode: string; time?: string };
  manager?: { aadObjectId?: string; name: string };
  openedBy?: LiaisonCase['openedBy'];
  contract?: LiaisonCase['contract'];
  absences?: LiaisonCase['absences'];
}

/** A stored document as today's LiaisonCase (documents written before the case engine are upgraded on read). */
export function caseFromDocument(document: string): LiaisonCase {
  const stored = JSON.parse(document) as LiaisonCase & LegacyFields;
  if (stored.offer !== undefined) return stored;
  const { referentRequested, ...rest } = stored;
  const wishes = stored.wishes ?? {};
  return {
    ...rest,
    state: LEGACY_STATES[stored.state] ?? (stored.state as CaseState),
    offer: 1,
    meeting: {
      ...stored.meeting,
      mode: stored.meeting.mode === 'remote' ? 'remote' : 'on_site',
      time: stored.meeting.time ?? '09:00',
    },
    wishes: {
      dates: wishes.dates ?? wishes.preferredDates ?? [],
      withoutManager: wishes.withoutManager ?? false,
      referent: wishes.referent ?? referentRequested ?? false,
    },
    openedBy: stored.openedBy ?? { ...(stored.manager ?? { name: '' }), role: 'manager' },
    contract: stored.contract ?? { kind: 'cdi' },
    absences: stored.absences ?? [],
  };
}
