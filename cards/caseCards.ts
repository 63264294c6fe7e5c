// Binds the case cards from the stored case: invitation, manager's status, refusal, request, SPST acknowledged.
/**
 * The cards of a case, bound from the STORED case: the invitation to the employee and what it becomes once
 * answered, the manager's status card, the notice to the SPST, the update to HR and the refusal. Each returns the
 * card's JSON, ready for an invoke response or for CardFactory.adaptiveCard. Every action of a case card carries
 * the case and the offer it was made for, so that an old card can never act on a newer date.
 */
import type { Translator } from '../language/i18n';
import { viewOf } from '../domain/caseRecord';
import type { EmployeeRequest } from '../domain/employeeRequest';
import type { CaseEvent as CaseNews, LiaisonCase } from '../domain/liaisonCase';
import { meetingDateCheck, parisToday, type CaseRefusal, type IsoDate } from '../domain';
import { bindCard } from './index';
import { escapeMarkdown } from './markdown';
import { formatIsoDate } from '../language/dates';

const inCards = (t: Translator, key: string, options: Record<string, unknown> = {}) =>
  t(key, { ns: 'cards', ...options });

/** The company as the SPST reads it: its configured name, never its technical id. */
export function companyNameOf(settings: { companyName?: string }, t: Translator): string {
  return settings.companyName ?? inCards(t, 'case.companyNameNotSet');
}

/** How the meeting is held, in words: on site (and where) or remote (and how to join). */
export function meetingMode(
  meeting: LiaisonCase['meeting'],
  t: Translator,
  escape: (value: string) => string = (value) => value,
): string {
  if (meeting.mode === 'on_site') {
    return meeting.place
      ? inCards(t, 'case.inPersonAt', { place: escape(meeting.place) })
      : inCards(t, 'case.inPerson');
  }
  return meeting.link
    ? inCards(t, 'case.remoteAt', { link: escape(meeting.link) })
    : inCards(t, 'case.remote');
}

/**
 * The people the employee will meet: their manager unless they would rather not, the SPST when asked to attend,
 * the référent when requested.
 */
function participantsForEmployee(liaisonCase: LiaisonCase, t: Translator): string {
  const { manager, wishes } = liaisonCase;
  return [
    ...(manager && !wishes.withoutManager
      ? [inCards(t, 'case.manager', { name: escapeMarkdown(manager.name) })]
      : [inCards(t, 'case.companyRepresentative')]),
    ...(liaisonCase.spst.attendance === 'attend' ? [inCards(t, 'case.spstAttends')] : []),
    ...(wishes.referent ? [inCards(t, 'case.referent')] : []),
  ].join(', ');
}

/** The data every case card shares; `offer` goes back with every action. */
export function meetingData(liaisonCase: LiaisonCase, t: Translator) {
  return {
    caseId: liaisonCase.id,
    offer: liaisonCase.offer,
    employeeAadObjectId: liaisonCase.employee.aadObjectId ?? '',
    employeeName: escapeMarkdown(liaisonCase.employee.name),
    date: formatIsoDate(liaisonCase.meeting.date, t),
    time: liaisonCase.meeting.time,
    mode: meetingMode(liaisonCase.meeting, t, escapeMarkdown),
  };
}

/** The form an employee fills to ask for another date or arrangement: their current wishes pre-filled. */
function wishesForm(liaisonCase: LiaisonCase, today: IsoDate) {
  const { wishes } = liaisonCase;
  return {
    today,
    wishedDate1: wishes.dates[0] ?? '',
    wishedDate2: wishes.dates[1] ?? '',
    partOfDay: wishes.partOfDay ?? 'any',
    referentRequested: String(wishes.referent),
    referentOffered: liaisonCase.referentOffered ?? true,
    withoutManager: String(wishes.withoutManager),
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
    ...wishesForm(liaisonCase, options.today),
    participants: participantsForEmployee(liaisonCase, t),
    replacesEarlier: liaisonCase.offer > 1,
    error: options.error,
  });
}

/**
 * What the employee sees once they answered: their answer, and while the meeting has not passed, how to change
 * it (decline after all, ask for another date, or accept the date after asking for another).
 */
export function invitationAnsweredCard(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: { today: IsoDate; error?: string },
): object {
  const { state } = liaisonCase;
  const beforeMeeting = options.today <= liaisonCase.meeting.date;
  return bindCard('invitationAnswered', t, {
    ...meetingData(liaisonCase, t),
    ...wishesForm(liaisonCase, options.today),
    answer: state,
    canDecline: beforeMeeting && (state === 'accepted' || state === 'other_date_asked'),
    canAccept: beforeMeeting && state === 'other_date_asked',
    canAskOtherDate: beforeMeeting && state === 'accepted',
    error: options.error,
  });
}

/** The employee's card for the case as it stands: the invitation while it awaits an answer, else the answer. */
export function employeeCaseCard(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: { today: IsoDate; error?: string },
): object {
  return liaisonCase.state === 'invited'
    ? invitationCard(liaisonCase, t, options)
    : invitationAnsweredCard(liaisonCase, t, options);
}

export function spstAcknowledgedCard(liaisonCase: LiaisonCase, t: Translator): object {
  return bindCard('spstAcknowledged', t, meetingData(liaisonCase, t));
}

/** The employee's wishes as the manager and HR read them: dates formatted, absent fields left out. */
export function wishesData(liaisonCase: LiaisonCase, t: Translator) {
  const { wishes } = liaisonCase;
  const preferredDates = wishes.dates.map((date) => formatIsoDate(date, t)).join(', ');
  return {
    preferredDates: preferredDates || undefined,
    partOfDay: wishes.partOfDay ? inCards(t, `case.partsOfDay.${wishes.partOfDay}`) : undefined,
    referentRequested: wishes.referent,
    withoutManager: wishes.withoutManager,
  };
}

/** Where the SPST notice stands, and what the manager must still do about it (nothing, once Liaison sent it). */
function spstData(liaisonCase: LiaisonCase, t: Translator, today: IsoDate) {
  const { spst } = liaisonCase;
  const key = (name: string) => `managerStatus.${name}`;
  if (!spst.noticeDate) {
    const day = meetingDateCheck(liaisonCase, today, liaisonCase.policy).latestSpstNoticeDate;
    return {
      spstStatus: inCards(t, key('spstManual')),
      spstToDo: inCards(t, key('spstToDo'), { day: formatIsoDate(day ?? liaisonCase.meeting.date, t) }),
    };
  }
  const notified = formatIsoDate(spst.noticeDate, t);
  return {
    spstStatus: spst.acknowledgedOn
      ? inCards(t, key('spstAcknowledged'), { notified, day: formatIsoDate(spst.acknowledgedOn, t) })
      : inCards(t, key('spstNotified'), { day: notified }),
  };
}

/** How the employee was invited, and whether they opened the answer page of the current offer (bot/http/answerPage). */
export interface AnswerLinkView {
  channel: 'teams' | 'email' | 'letter';
  linkIssued: boolean;
  opened: boolean;
  firstOpenedAt?: string;
}

/** The sentence of the status card about the invitation's channel; none for an invitation in Teams. */
function invitationChannelText(view: AnswerLinkView | undefined, t: Translator): string | undefined {
  if (!view || view.channel === 'teams') return undefined;
  const how = inCards(t, `managerStatus.invitedBy.${view.channel}`);
  const opened = view.opened
    ? inCards(t, 'managerStatus.linkOpened', {
        day: formatIsoDate(parisToday(new Date(view.firstOpenedAt ?? Date.now())), t),
      })
    : inCards(t, view.linkIssued ? 'managerStatus.linkNotOpened' : 'managerStatus.linkNotIssued');
  return `${how} ${opened}`;
}

/**
 * The manager's view of the case: what just happened (`news`), where it stands (a decline is shown as "closed",
 * R-INIT-04), the employee's wishes, the SPST notice, the next step — and the forms to propose a new date, cancel
 * the meeting, or record that it was held. It refreshes itself (Universal Actions), so an old copy in the chat
 * shows the current state.
 */
export function managerStatusCard(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: {
    today: IsoDate;
    news?: CaseNews;
    error?: string;
    /** Download buttons of the letters for an employee not on Teams (bot/services/letters). */
    letters?: Array<{ title: string; url: string }>;
    /** Download buttons of the case's proof file (bot/services/letters). */
    proof?: Array<{ title: string; url: string }>;
    /** Who gets the card refreshed (the manager, or HR when the case has no manager). */
    viewerAadObjectId?: string;
    /** How the employee was invited when not in Teams, and whether they opened the answer page. */
    answerLink?: AnswerLinkView;
  },
): object {
  const { state } = liaisonCase;
  const { managerStatus } = viewOf(liaisonCase);
  const employeeName = escapeMarkdown(liaisonCase.employee.name);
  const open = state === 'invited' || state === 'other_date_asked' || state === 'accepted';
  const earliest = meetingDateCheck(liaisonCase, options.today, liaisonCase.policy).earliestMeetingDate;
  const showWishes = managerStatus !== 'closed';
  return bindCard('managerStatus', t, {
    ...meetingData(liaisonCase, t),
    ...(showWishes ? wishesData(liaisonCase, t) : { referentRequested: false, withoutManager: false }),
    ...spstData(liaisonCase, t, options.today),
    viewerAadObjectId: options.viewerAadObjectId ?? liaisonCase.manager?.aadObjectId ?? '',
    headline: inCards(t, `managerStatus.news.${options.news ?? 'current'}`, { employeeName }),
    stateLabel: inCards(t, `managerStatus.states.${managerStatus}`),
    nextStep: inCards(t, `managerStatus.next.${managerStatus}`),
    canPropose: open,
    canCancel: open,
    canRecordHeld: state === 'accepted' && options.today >= liaisonCase.meeting.date,
    onSite: liaisonCase.meeting.mode === 'on_site',
    earliest,
    earliestLabel: formatIsoDate(earliest, t),
    error: options.error,
    letters: options.letters ?? [],
    proof: options.proof ?? [],
    invitationChannel: invitationChannelText(options.answerLink, t),
  });
}

/** Why an action on a case card changed nothing, in the words of the person who tried it. */
export type RefusalReason = CaseRefusal | 'unknown' | 'notAllowed' | 'closed';

const REFUSAL_KEYS: Partial<Record<RefusalReason, string>> = {
  notAllowed: 'case.refusalNotAllowed',
  not_allowed: 'case.refusalNotAllowed',
  unknown: 'case.refusalUnknown',
  unknown_case: 'case.refusalUnknown',
  closed: 'case.refusalClosed',
  case_closed: 'case.refusalClosed',
  stale_card: 'case.refusalStale',
  meeting_passed: 'case.refusalMeetingPassed',
};

/** The sentence for a refusal; reasons without a sentence of their own read as "no longer awaits an answer". */
export function refusalText(reason: RefusalReason, t: Translator): string {
  return inCards(t, REFUSAL_KEYS[reason] ?? 'case.refusalClosed');
}

export function refusalCard(reason: RefusalReason, t: Translator): object {
  return bindCard('refusal', t, { reason: refusalText(reason, t) });
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
