/**
 * bot/cardActions — what happens when someone clicks a case card: the `adaptiveCard/action` invoke of Universal
 * Actions (CONTRACT.md §3). Who may act and what the case is come from the STORED case only: the card's data
 * names the case and carries the person's inputs, nothing more. A refused action changes nothing and answers a
 * polite refusal card; an accepted one changes the case and queues the HR update in one transaction.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import {
  CaseNotFoundError,
  mayAnswerInvitation,
  type CaseEvent,
  type CaseStore,
  type EmployeeWishes,
  type LiaisonCase,
  type Outbox,
} from '../cases';
import {
  enqueueManagerStatus,
  HR_UPDATE_KIND,
  INVITATION_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type HrUpdatePayload,
} from '../caseFlow/messages';
import { translatorFor, type Translator } from '../i18n';
import { proposalDueOf, type EmployeeRequests, type RequestStore } from '../requests';
import { daysBetween, isIsoDate, parisToday, planMeeting, type IsoDate } from '../../domain';
import { containsHealthDetails } from '../../language/health-guard';
import {
  invitationAnsweredCard,
  invitationCard,
  employeeRequestCard,
  formatIsoDate,
  managerStatusCard,
  refusalCard,
  spstAcknowledgedCard,
  type InvitationAnswer,
} from '../../cards/caseCards';

export interface CardActionDeps {
  cases: CaseStore;
  /** The employees' own requests, acknowledged by HR or the manager they named (`request.acknowledge`). */
  requests?: { store: RequestStore; service: EmployeeRequests };
  /** The letters' download buttons shown on the manager's status card (bot/letters). */
  letterActions?: (
    liaisonCase: LiaisonCase,
    locale: string | undefined,
  ) => Promise<Array<{ title: string; url: string }>>;
  /** Decides who is HR for a company, from the server's configuration. */
  isHr?: (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;
  /** Where the HR update of an answered invitation is queued, in the answer's transaction. */
  outbox: Outbox;
  now?: () => Date;
}

interface InvitationAnswerVerb {
  event: CaseEvent;
  answer: InvitationAnswer;
}
// A Map, not an object: a verb such as "constructor" must not find anything.
const INVITATION_ANSWERS = new Map<string, InvitationAnswerVerb>([
  ['invitation.accept', { event: 'accept', answer: 'accepted' }],
  ['invitation.decline', { event: 'decline', answer: 'declined' }],
  ['invitation.reschedule', { event: 'request_reschedule', answer: 'reschedule_requested' }],
]);
/** The verb of the invitation's `refresh`: Teams asks for the card's current state. */
const INVITATION_REFRESH = 'invitation.refresh';
const SPST_ACKNOWLEDGE = 'spst.acknowledge';
/** The manager's status card: its `refresh`, and the new date proposed after a request for another one. */
const CASE_STATUS = 'case.status';
const CASE_PROPOSE = 'case.propose';
const REQUEST_ACKNOWLEDGE = 'request.acknowledge';
const MAX_COMMENT_LENGTH = 500;

interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  liaisonCase: LiaisonCase;
  callerId: string | undefined;
  t: Translator;
  locale: string | undefined;
  today: IsoDate;
  deps: CardActionDeps;
}

const cardResponse = (card: object): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card as Record<string, unknown>,
});

/** Answers the `adaptiveCard/action` invoke of a case card, in the caller's language. */
export async function handleCardAction(
  context: TurnContext,
  deps: CardActionDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const { activity } = context;
  const t = translatorFor(activity.locale);
  const invoke = activity.value as Partial<AdaptiveCardInvokeValue> | undefined;
  const verb = invoke?.action?.verb ?? '';
  const data = invoke?.action?.data ?? {};
  const tenantId: unknown = activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;
  const caseId = data.caseId;
  if (verb === REQUEST_ACKNOWLEDGE) {
    return cardResponse(await acknowledgeRequest(context, deps, tenantId, caseId, t));
  }
  const liaisonCase =
    typeof tenantId === 'string' && typeof caseId === 'string'
      ? await deps.cases.get(tenantId, caseId)
      : null;
  if (!liaisonCase) return cardResponse(refusalCard('unknown', t));

  const action: CardAction = {
    verb,
    data,
    liaisonCase,
    callerId: activity.from?.aadObjectId,
    t,
    locale: activity.locale,
    today: parisToday((deps.now ?? (() => new Date()))()),
    deps,
  };
  try {
    const invitationAnswer = INVITATION_ANSWERS.get(verb);
    if (invitationAnswer) return cardResponse(await answerInvitation(action, invitationAnswer));
    if (verb === INVITATION_REFRESH) return cardResponse(refreshInvitation(action));
    if (verb === SPST_ACKNOWLEDGE) return cardResponse(await acknowledgeSpstNotice(action));
    if (verb === CASE_STATUS) return cardResponse(await refreshManagerStatus(action));
    if (verb === CASE_PROPOSE) return cardResponse(await proposeAgain(action));
    return cardResponse(refusalCard('notAllowed', t));
  } catch (error) {
    // The case vanished between the read and the transition.
    if (error instanceof CaseNotFoundError) return cardResponse(refusalCard('unknown', t));
    throw error;
  }
}

/** The employee's card for the case as it stands: the invitation while it awaits an answer, else the answer. */
function employeeCard(liaisonCase: LiaisonCase, t: Translator, today: IsoDate, error?: string): object {
  switch (liaisonCase.state) {
    case 'proposed':
      return invitationCard(liaisonCase, t, { today, error });
    case 'accepted':
    case 'scheduled':
    case 'held':
      return invitationAnsweredCard(liaisonCase, 'accepted', t);
    case 'declined':
      return invitationAnsweredCard(liaisonCase, 'declined', t);
    case 'reschedule_requested':
      return invitationAnsweredCard(liaisonCase, 'reschedule_requested', t);
    case 'draft':
    case 'cancelled':
      return refusalCard('closed', t);
  }
}

function refreshInvitation({ liaisonCase, callerId, t, today }: CardAction): object {
  if (!mayAnswerInvitation(liaisonCase, callerId)) return refusalCard('notAllowed', t);
  return employeeCard(liaisonCase, t, today);
}

async function answerInvitation(
  action: CardAction,
  { event, answer }: InvitationAnswerVerb,
): Promise<object> {
  const { verb, data, liaisonCase, callerId, t, today, deps } = action;
  if (!mayAnswerInvitation(liaisonCase, callerId)) return refusalCard('notAllowed', t);
  if (liaisonCase.state !== 'proposed') return employeeCard(liaisonCase, t, today);

  const parsed = employeeWishes(data, event, today);
  if ('errorKey' in parsed) return employeeCard(liaisonCase, t, today, t(parsed.errorKey, { ns: 'cards' }));
  const referentRequested =
    event !== 'decline' && typeof data.referentRequested === 'string'
      ? data.referentRequested === 'true'
      : liaisonCase.referentRequested;

  // Keyed on the version the click was made against: a double click or a Teams retry of the same answer finds
  // its key (or a case no longer 'proposed') and changes nothing, while a later invitation round gets a new key.
  const idempotencyKey = `${verb}:${liaisonCase.id}:${callerId}:v${liaisonCase.version}`;
  const payload: HrUpdatePayload = { caseId: liaisonCase.id, answer };
  const result = await deps.cases.applyEvent(
    liaisonCase.tenantId,
    liaisonCase.id,
    event,
    { role: 'employee', aadObjectId: callerId },
    idempotencyKey,
    {
      changes: { referentRequested, wishes: parsed },
      effect: async (tx, answered) => {
        await deps.outbox.enqueue(tx, {
          tenantId: liaisonCase.tenantId,
          caseId: liaisonCase.id,
          kind: HR_UPDATE_KIND,
          payload,
        });
        await enqueueManagerStatus(deps.outbox, tx, answered, answer);
      },
    },
  );
  return employeeCard(result.case, t, today);
}

/**
 * What the employee asked for with their answer: with a request for another date, the preferred dates (valid
 * days, not passed) and the comment (free of health details); in any answer but a decline, whether they would
 * rather their manager did not attend. Otherwise the key of the message that says why it is refused.
 */
function employeeWishes(
  data: Record<string, unknown>,
  event: CaseEvent,
  today: IsoDate,
): EmployeeWishes | { errorKey: string } {
  const withoutManager = event !== 'decline' && data.withoutManager === 'true';
  if (event !== 'request_reschedule') return { preferredDates: [], withoutManager };
  const preferredDates: IsoDate[] = [];
  for (const value of [data.preferredDate1, data.preferredDate2]) {
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value) || daysBetween(today, value) < 0) return { errorKey: 'case.errorPastDate' };
    preferredDates.push(value);
  }
  const comment = typeof data.comment === 'string' ? data.comment.trim().slice(0, MAX_COMMENT_LENGTH) : '';
  if (comment && containsHealthDetails(comment).found) return { errorKey: 'case.errorHealthDetails' };
  return comment ? { preferredDates, comment, withoutManager } : { preferredDates, withoutManager };
}

/**
 * The SPST contact is the person whose id the stored case records (the SPST role is not in the tenant's
 * directory). The first acknowledgement is recorded (who, when) and reported to the manager; later ones change
 * nothing.
 */
async function acknowledgeSpstNotice({ liaisonCase, callerId, t, today, deps }: CardAction): Promise<object> {
  const isSpstContact = !!callerId && callerId === liaisonCase.spst.contactAadObjectId;
  if (!isSpstContact) return refusalCard('notAllowed', t);
  if (liaisonCase.spst.acknowledgedOn) return spstAcknowledgedCard(liaisonCase, t);
  const result = await deps.cases.applyEvent(
    liaisonCase.tenantId,
    liaisonCase.id,
    'acknowledge_spst_notice',
    { role: 'spst', aadObjectId: callerId },
    `${SPST_ACKNOWLEDGE}:${liaisonCase.id}`,
    {
      changes: { spst: { ...liaisonCase.spst, acknowledgedOn: today } },
      effect: (tx, acknowledged) => enqueueManagerStatus(deps.outbox, tx, acknowledged, 'spst_acknowledged'),
    },
  );
  return spstAcknowledgedCard(result.case, t);
}

const isCaseManager = (liaisonCase: LiaisonCase, callerId: string | undefined) =>
  !!callerId && callerId === liaisonCase.manager.aadObjectId;

async function refreshManagerStatus({
  liaisonCase,
  callerId,
  t,
  today,
  deps,
  locale,
}: CardAction): Promise<object> {
  if (!isCaseManager(liaisonCase, callerId)) return refusalCard('notAllowed', t);
  const letters = (await deps.letterActions?.(liaisonCase, locale)) ?? [];
  return managerStatusCard(liaisonCase, t, { today, letters });
}

const TIME_SHAPE = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * After a request for another date, the manager proposes a new one from the status card: checked with planMeeting
 * (the SPST told again today), then the case is proposed again and a fresh invitation (and SPST notice) queued.
 */
async function proposeAgain({
  verb,
  data,
  liaisonCase,
  callerId,
  t,
  today,
  deps,
}: CardAction): Promise<object> {
  if (!isCaseManager(liaisonCase, callerId)) return refusalCard('notAllowed', t);
  if (liaisonCase.state !== 'reschedule_requested') return managerStatusCard(liaisonCase, t, { today });
  const refuse = (error: string) => managerStatusCard(liaisonCase, t, { today, error });
  const time = typeof data.meetingTime === 'string' ? data.meetingTime.trim() : '';
  if (time && !TIME_SHAPE.test(time)) return refuse(t('managerStatus.errorTime', { ns: 'cards' }));
  const date = data.meetingDate;
  const plan = planMeeting({
    policy: liaisonCase.policy,
    requestDate: liaisonCase.requestDate,
    spstNoticeDate: today,
    proposalDate: today,
    ...(isIsoDate(date) ? { meetingDate: date } : {}),
  });
  if (!isIsoDate(date) || plan.problems.length > 0) {
    const reasons = isIsoDate(date)
      ? plan.problems.map((problem) => t(`planProblems.${problem}`, { ns: 'caseDialog' })).join(' ')
      : t('errors.dayFormat', { ns: 'caseDialog' });
    return refuse(
      t('managerStatus.errorDate', {
        ns: 'cards',
        reasons,
        earliest: formatIsoDate(plan.earliestMeetingDate, t),
      }),
    );
  }
  // A time given for the old date does not carry over to the new one.
  const meeting = { ...liaisonCase.meeting, date, time: time || undefined };
  const notifiedBy = liaisonCase.spst.notifiedBy ?? [];
  const result = await deps.cases.applyEvent(
    liaisonCase.tenantId,
    liaisonCase.id,
    'propose',
    { role: 'manager', aadObjectId: callerId },
    `${verb}:${liaisonCase.id}:v${liaisonCase.version}`,
    {
      changes: {
        meeting,
        wishes: undefined,
        spst: {
          attendance: liaisonCase.spst.attendance,
          notifiedBy,
          ...(notifiedBy.length > 0 ? { noticeDate: today } : {}),
          ...(liaisonCase.spst.contactAadObjectId
            ? { contactAadObjectId: liaisonCase.spst.contactAadObjectId }
            : {}),
        },
      },
      effect: async (tx, proposed) => {
        const enqueue = (kind: string) =>
          deps.outbox.enqueue(tx, {
            tenantId: proposed.tenantId,
            caseId: proposed.id,
            kind,
            payload: { caseId: proposed.id },
          });
        await enqueue(INVITATION_KIND);
        if (notifiedBy.includes('teams')) await enqueue(SPST_NOTICE_KIND);
        if (notifiedBy.includes('email')) await enqueue(SPST_EMAIL_KIND);
      },
    },
  );
  return managerStatusCard(result.case, t, { today, news: 'reproposed' });
}

/**
 * `request.acknowledge` on an employee's own request (whose id the card carries as `caseId`): HR of the company
 * or the manager the employee named may note it, once; the employee is then told. Anyone else gets a refusal.
 */
async function acknowledgeRequest(
  context: TurnContext,
  deps: CardActionDeps,
  tenantId: unknown,
  requestId: unknown,
  t: Translator,
): Promise<object> {
  if (!deps.requests || typeof tenantId !== 'string' || typeof requestId !== 'string') {
    return refusalCard('unknown', t);
  }
  const { store, service } = deps.requests;
  const request = await store.get(tenantId, requestId);
  if (!request) return refusalCard('unknown', t);
  const callerId = context.activity.from?.aadObjectId;
  const isNamedManager = !!callerId && callerId === request.manager.aadObjectId;
  const isHr = (await deps.isHr?.(tenantId, request.companyId, callerId)) ?? false;
  if (!isNamedManager && !isHr) return refusalCard('notAllowed', t);
  const today = parisToday((deps.now ?? (() => new Date()))());
  const result = await store.acknowledge(
    tenantId,
    requestId,
    { on: today, by: { aadObjectId: callerId ?? '', name: context.activity.from?.name ?? '' } },
    (tx, acknowledged) => service.enqueueAcknowledged(tx, acknowledged),
  );
  if (!result) return refusalCard('unknown', t);
  return employeeRequestCard(result.request, proposalDueOf(result.request), t);
}
