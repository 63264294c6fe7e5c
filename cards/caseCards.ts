/**
 * The cards of a case, bound from the STORED case: the invitation to the employee and what it becomes once
 * answered, the notice to the SPST, the update to HR and the refusal. Each returns the card's JSON, ready for an
 * invoke response or for CardFactory.adaptiveCard.
 */
import type { Translator } from '../bot/i18n';
import type { LiaisonCase } from '../bot/cases';
import type { IsoDate } from '../domain';
import { bindCard } from './index';

export type InvitationAnswer = 'accepted' | 'declined' | 'reschedule_requested';

/** What the employee asked for with another date, as shown to HR. */
export interface RescheduleWishes {
  preferredDates: IsoDate[];
  comment?: string;
}

const inCards = (t: Translator, key: string, options: Record<string, unknown> = {}) =>
  t(key, { ns: 'cards', ...options });

/** `2026-12-07` → "07/12/2026" in French, "7 December 2026" in English; read from the string, no clock involved. */
export function formatIsoDate(date: IsoDate, t: Translator): string {
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const month = inCards(t, `case.months.${mm}`);
  return inCards(t, 'case.dateFormat', { yyyy, mm, dd, d: String(Number(dd)), month });
}

/** How the meeting is held, in words: in person (and where) or remote (and how to join). */
export function meetingMode(meeting: LiaisonCase['meeting'], t: Translator): string {
  if (meeting.mode === 'in_person') {
    return meeting.place
      ? inCards(t, 'case.inPersonAt', { place: meeting.place })
      : inCards(t, 'case.inPerson');
  }
  return meeting.link ? inCards(t, 'case.remoteAt', { link: meeting.link }) : inCards(t, 'case.remote');
}

/** The people the employee will meet: the manager, the SPST when asked to attend, the référent when requested. */
function participantsForEmployee(liaisonCase: LiaisonCase, t: Translator): string {
  return [
    inCards(t, 'case.manager', { name: liaisonCase.manager.name }),
    ...(liaisonCase.spst.attendance === 'attend' ? [inCards(t, 'case.spstAttends')] : []),
    ...(liaisonCase.referentRequested ? [inCards(t, 'case.referent')] : []),
  ].join(', ');
}

/** The data every case card shares. */
function meetingData(liaisonCase: LiaisonCase, t: Translator) {
  return {
    caseId: liaisonCase.id,
    employeeAadObjectId: liaisonCase.employee.aadObjectId ?? '',
    employeeName: liaisonCase.employee.name,
    date: formatIsoDate(liaisonCase.meeting.date, t),
    time: liaisonCase.meeting.time,
    mode: meetingMode(liaisonCase.meeting, t),
  };
}

/** The invitation, with `error` (already translated) shown above the facts when an answer was refused. */
export function invitationCard(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: { today: IsoDate; error?: string },
): object {
  return bindCard('invitation', t, {
    ...meetingData(liaisonCase, t),
    participants: participantsForEmployee(liaisonCase, t),
    referentRequested: String(liaisonCase.referentRequested),
    today: options.today,
    error: options.error,
  });
}

export function invitationAnsweredCard(
  liaisonCase: LiaisonCase,
  answer: InvitationAnswer,
  t: Translator,
): object {
  return bindCard('invitationAnswered', t, { ...meetingData(liaisonCase, t), answer });
}

/** `companyName` comes from the company's configuration: the case only knows the company's id. */
export function spstNoticeCard(liaisonCase: LiaisonCase, t: Translator, companyName: string): object {
  return bindCard('spstNotice', t, {
    ...meetingData(liaisonCase, t),
    companyName,
    jobTitle: liaisonCase.employee.jobTitle,
    initiator: inCards(t, liaisonCase.initiator === 'employer' ? 'case.employer' : 'case.employee'),
    employerContact: inCards(t, 'case.managerForOthers', { name: liaisonCase.manager.name }),
    attendance: liaisonCase.spst.attendance,
  });
}

export function spstAcknowledgedCard(liaisonCase: LiaisonCase, t: Translator): object {
  return bindCard('spstAcknowledged', t, meetingData(liaisonCase, t));
}

export function hrUpdateCard(
  liaisonCase: LiaisonCase,
  answer: InvitationAnswer,
  t: Translator,
  wishes: Partial<RescheduleWishes> = {},
): object {
  const preferredDates = wishes.preferredDates?.map((date) => formatIsoDate(date, t)).join(', ');
  return bindCard('hrUpdate', t, {
    ...meetingData(liaisonCase, t),
    answer,
    preferredDates: preferredDates || undefined,
    comment: wishes.comment || undefined,
    referentRequested: liaisonCase.referentRequested,
  });
}

export type RefusalReason = 'notAllowed' | 'unknown' | 'closed';

const REFUSAL_KEYS: Record<RefusalReason, string> = {
  notAllowed: 'case.refusalNotAllowed',
  unknown: 'case.refusalUnknown',
  closed: 'case.refusalClosed',
};

export function refusalCard(reason: RefusalReason, t: Translator): object {
  return bindCard('refusal', t, { reason: inCards(t, REFUSAL_KEYS[reason]) });
}
