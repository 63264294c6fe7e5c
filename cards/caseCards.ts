/**
 * The cards of a case, bound from the STORED case: the invitation to the employee and what it becomes once
 * answered, the notice to the SPST, the update to HR and the refusal. Each returns the card's JSON, ready for an
 * invoke response or for CardFactory.adaptiveCard.
 */
import type { Translator } from '../bot/i18n';
import type { LiaisonCase } from '../bot/cases';
import type { CaseNews } from '../bot/caseFlow/messages';
import type { EmployeeRequest } from '../bot/requests/requestStore';
import { planMeeting, type IsoDate } from '../domain';
import { bindCard } from './index';
import { escapeMarkdown } from './markdown';

export type InvitationAnswer = 'accepted' | 'declined' | 'reschedule_requested';

const inCards = (t: Translator, key: string, options: Record<string, unknown> = {}) =>
  t(key, { ns: 'cards', ...options });

/** `2026-12-07` → "07/12/2026" in French, "7 December 2026" in English; read from the string, no clock involved. */
export function formatIsoDate(date: IsoDate, t: Translator): string {
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const month = inCards(t, `case.months.${mm}`);
  return inCards(t, 'case.dateFormat', { yyyy, mm, dd, d: String(Number(dd)), month });
}

/** The company as the SPST reads it: its configured name, never its technical id. */
export function companyNameOf(settings: { companyName?: string }, t: Translator): string {
  return settings.companyName ?? inCards(t, 'case.companyNameNotSet');
}

/** How the meeting is held, in words: in person (and where) or remote (and how to join). */
export function meetingMode(
  meeting: LiaisonCase['meeting'],
  t: Translator,
  escape: (value: string) => string = (value) => value,
): string {
  if (meeting.mode === 'in_person') {
    return meeting.place
      ? inCards(t, 'case.inPersonAt', { place: escape(meeting.place) })
      : inCards(t, 'case.inPerson');
  }
  return meeting.link
    ? inCards(t, 'case.remoteAt', { link: escape(meeting.link) })
    : inCards(t, 'case.remote');
}

/** The people the employee will meet: the manager, the SPST when asked to attend, the référent when requested. */
function participantsForEmployee(liaisonCase: LiaisonCase, t: Translator): string {
  return [
    inCards(t, 'case.manager', { name: escapeMarkdown(liaisonCase.manager.name) }),
    ...(liaisonCase.spst.attendance === 'attend' ? [inCards(t, 'case.spstAttends')] : []),
    ...(liaisonCase.referentRequested ? [inCards(t, 'case.referent')] : []),
  ].join(', ');
}

/** The data every case card shares. */
function meetingData(liaisonCase: LiaisonCase, t: Translator) {
  return {
    caseId: liaisonCase.id,
    employeeAadObjectId: liaisonCase.employee.aadObjectId ?? '',
    employeeName: escapeMarkdown(liaisonCase.employee.name),
    date: formatIsoDate(liaisonCase.meeting.date, t),
    time: liaisonCase.meeting.time,
    mode: meetingMode(liaisonCase.meeting, t, escapeMarkdown),
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
    referentOffered: liaisonCase.referentOffered ?? true,
    withoutManager: String(liaisonCase.wishes?.withoutManager ?? false),
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
    companyName: escapeMarkdown(companyName),
    jobTitle: escapeMarkdown(liaisonCase.employee.jobTitle),
    initiator: inCards(t, liaisonCase.initiator === 'employer' ? 'case.employer' : 'case.employee'),
    employerContact: inCards(t, 'case.managerForOthers', { name: escapeMarkdown(liaisonCase.manager.name) }),
    attendance: liaisonCase.spst.attendance,
  });
}

export function spstAcknowledgedCard(liaisonCase: LiaisonCase, t: Translator): object {
  return bindCard('spstAcknowledged', t, meetingData(liaisonCase, t));
}

/** The employee's wishes as the manager and HR read them: dates formatted, absent fields left out. */
function wishesData(liaisonCase: LiaisonCase, t: Translator) {
  const { wishes } = liaisonCase;
  const preferredDates = wishes?.preferredDates.map((date) => formatIsoDate(date, t)).join(', ');
  return {
    preferredDates: preferredDates || undefined,
    comment: escapeMarkdown(wishes?.comment) || undefined,
    referentRequested: liaisonCase.referentRequested,
    withoutManager: wishes?.withoutManager ?? false,
  };
}

export function hrUpdateCard(liaisonCase: LiaisonCase, answer: InvitationAnswer, t: Translator): object {
  return bindCard('hrUpdate', t, { ...meetingData(liaisonCase, t), ...wishesData(liaisonCase, t), answer });
}

/** Where the SPST notice stands, and what the manager must still do about it (nothing, once Liaison sent it). */
function spstData(liaisonCase: LiaisonCase, t: Translator, today: IsoDate) {
  const { spst } = liaisonCase;
  const key = (name: string) => `managerStatus.${name}`;
  if (!spst.noticeDate) {
    const plan = planMeeting({
      policy: liaisonCase.policy,
      requestDate: liaisonCase.requestDate,
      spstNoticeDate: today,
      meetingDate: liaisonCase.meeting.date,
    });
    const day = plan.latestSpstNoticeDate ?? liaisonCase.meeting.date;
    return {
      spstStatus: inCards(t, key('spstManual')),
      spstToDo: inCards(t, key('spstToDo'), { day: formatIsoDate(day, t) }),
    };
  }
  const notified = formatIsoDate(spst.noticeDate, t);
  return {
    spstStatus: spst.acknowledgedOn
      ? inCards(t, key('spstAcknowledged'), { notified, day: formatIsoDate(spst.acknowledgedOn, t) })
      : inCards(t, key('spstNotified'), { day: notified }),
  };
}

/** States from which the manager may propose a (new) date from the status card. */
const PROPOSABLE_STATES: ReadonlySet<LiaisonCase['state']> = new Set(['reschedule_requested']);

/**
 * The manager's view of the case: what just happened (`news`), where it stands, the employee's wishes, the SPST
 * notice, the next step — and, after a request for another date, a form to propose one. It refreshes itself for
 * the manager (Universal Actions), so an old copy in the chat shows the current state.
 */
export function managerStatusCard(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: {
    today: IsoDate;
    news?: CaseNews | 'reproposed';
    error?: string;
    /** Download buttons of the letters for an employee not on Teams (bot/letters). */
    letters?: Array<{ title: string; url: string }>;
  },
): object {
  const { state } = liaisonCase;
  const employeeName = escapeMarkdown(liaisonCase.employee.name);
  const canPropose = PROPOSABLE_STATES.has(state);
  const earliest = planMeeting({
    policy: liaisonCase.policy,
    requestDate: liaisonCase.requestDate,
    spstNoticeDate: options.today,
  }).earliestMeetingDate;
  const nextKey = ['proposed', 'accepted', 'declined', 'reschedule_requested'].includes(state)
    ? state
    : 'other';
  return bindCard('managerStatus', t, {
    ...meetingData(liaisonCase, t),
    ...wishesData(liaisonCase, t),
    ...spstData(liaisonCase, t, options.today),
    managerAadObjectId: liaisonCase.manager.aadObjectId,
    headline: inCards(t, `managerStatus.news.${options.news ?? 'current'}`, { employeeName }),
    stateLabel: inCards(t, `managerStatus.states.${state}`),
    nextStep: inCards(t, `managerStatus.next.${nextKey}`),
    canPropose,
    earliest,
    earliestLabel: formatIsoDate(earliest, t),
    error: options.error,
    letters: options.letters ?? [],
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

/** An employee's own request, as HR and the manager see it: pending with its button, or acknowledged. */
export function employeeRequestCard(request: EmployeeRequest, proposalDue: IsoDate, t: Translator): object {
  return bindCard('employeeRequest', t, {
    requestId: request.id,
    employeeName: escapeMarkdown(request.employee.name),
    requestDate: formatIsoDate(request.requestDate, t),
    leaveStart: formatIsoDate(request.leaveStart, t),
    notYetEligible: request.eligibleFrom > request.requestDate,
    eligibleFrom: formatIsoDate(request.eligibleFrom, t),
    managerName: escapeMarkdown(request.manager.name),
    proposalDue: formatIsoDate(proposalDue, t),
    acknowledged: request.state === 'acknowledged',
    acknowledgedBy: escapeMarkdown(request.acknowledged?.by.name),
    acknowledgedOn: request.acknowledged ? formatIsoDate(request.acknowledged.on, t) : undefined,
  });
}

/** To whoever acknowledged an employee's request: the button that opens the case flow with it filled in. */
export function organiseRequestCard(request: EmployeeRequest, proposalDue: IsoDate, t: Translator): object {
  return bindCard('organiseRequest', t, {
    requestId: request.id,
    employeeName: escapeMarkdown(request.employee.name),
    requestDate: formatIsoDate(request.requestDate, t),
    proposalDue: formatIsoDate(proposalDue, t),
  });
}
