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
  type LiaisonCase,
  type Outbox,
} from '../cases';
import { translatorFor, type Translator } from '../i18n';
import { daysBetween, isIsoDate, parisToday, type IsoDate } from '../../domain';
import { containsHealthDetails } from '../../language/health-guard';
import {
  invitationAnsweredCard,
  invitationCard,
  refusalCard,
  spstAcknowledgedCard,
  type InvitationAnswer,
  type RescheduleWishes,
} from '../../cards/caseCards';

export interface CardActionDeps {
  cases: CaseStore;
  /** Where the HR update of an answered invitation is queued, in the answer's transaction. */
  outbox: Outbox;
  now?: () => Date;
}

/** The outbox message an answered invitation queues; the sender posts the hrUpdate card from it. */
export interface HrUpdatePayload extends Partial<RescheduleWishes> {
  caseId: string;
  answer: InvitationAnswer;
}
export const HR_UPDATE_KIND = 'hr.update';

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
const MAX_COMMENT_LENGTH = 500;

interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  liaisonCase: LiaisonCase;
  callerId: string | undefined;
  t: Translator;
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
    today: parisToday((deps.now ?? (() => new Date()))()),
    deps,
  };
  try {
    const invitationAnswer = INVITATION_ANSWERS.get(verb);
    if (invitationAnswer) return cardResponse(await answerInvitation(action, invitationAnswer));
    if (verb === INVITATION_REFRESH) return cardResponse(refreshInvitation(action));
    if (verb === SPST_ACKNOWLEDGE) return cardResponse(acknowledgeSpstNotice(action));
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

  let wishes: RescheduleWishes | undefined;
  if (event === 'request_reschedule') {
    const parsed = rescheduleWishes(data, today);
    if ('errorKey' in parsed) {
      return employeeCard(liaisonCase, t, today, t(parsed.errorKey, { ns: 'cards' }));
    }
    wishes = parsed;
  }
  const referentRequested =
    event !== 'decline' && typeof data.referentRequested === 'string'
      ? data.referentRequested === 'true'
      : liaisonCase.referentRequested;

  // Keyed on the version the click was made against: a double click or a Teams retry of the same answer finds
  // its key (or a case no longer 'proposed') and changes nothing, while a later invitation round gets a new key.
  const idempotencyKey = `${verb}:${liaisonCase.id}:${callerId}:v${liaisonCase.version}`;
  const payload: HrUpdatePayload = { caseId: liaisonCase.id, answer, ...wishes };
  const result = await deps.cases.applyEvent(
    liaisonCase.tenantId,
    liaisonCase.id,
    event,
    { role: 'employee', aadObjectId: callerId },
    idempotencyKey,
    {
      changes: { referentRequested },
      effect: (tx) =>
        deps.outbox.enqueue(tx, {
          tenantId: liaisonCase.tenantId,
          caseId: liaisonCase.id,
          kind: HR_UPDATE_KIND,
          payload,
        }),
    },
  );
  return employeeCard(result.case, t, today);
}

/**
 * The preferred dates (valid days, not passed) and the comment (free of health details) of a reschedule request,
 * or the key of the message that says why they are refused.
 */
function rescheduleWishes(
  data: Record<string, unknown>,
  today: IsoDate,
): RescheduleWishes | { errorKey: string } {
  const preferredDates: IsoDate[] = [];
  for (const value of [data.preferredDate1, data.preferredDate2]) {
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value) || daysBetween(today, value) < 0) return { errorKey: 'case.errorPastDate' };
    preferredDates.push(value);
  }
  const comment = typeof data.comment === 'string' ? data.comment.trim().slice(0, MAX_COMMENT_LENGTH) : '';
  if (comment && containsHealthDetails(comment).found) return { errorKey: 'case.errorHealthDetails' };
  return comment ? { preferredDates, comment } : { preferredDates };
}

/**
 * The SPST contact is the person whose id the stored case records (the SPST role is not in the tenant's
 * directory). The acknowledgement is answered but not yet recorded: the case store has no event for it.
 */
function acknowledgeSpstNotice({ liaisonCase, callerId, t }: CardAction): object {
  const isSpstContact = !!callerId && callerId === liaisonCase.spst.contactAadObjectId;
  if (!isSpstContact) return refusalCard('notAllowed', t);
  return spstAcknowledgedCard(liaisonCase, t);
}
