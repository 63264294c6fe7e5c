// bot/teams/cardActions: the registry that routes every card click to its handler.
/**
 * bot/teams/cardActions — what happens when someone clicks a case card: the `adaptiveCard/action` invoke of Universal
 * Actions (docs/cards.md). One registry maps each verb to its handler. The card's data names the case, the offer
 * it was made for and the person's inputs, nothing more: who may act and what changes is decided by the case
 * engine through CaseService, from the STORED case. A refused action changes nothing and answers the current card
 * with the reason, or a polite refusal card.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { employeeIdOf, type CaseStore, type EmployeeWishes, type LiaisonCase } from '../../services/cases';
import type { CaseCaller, CaseChange, CaseOutcome, CaseService } from '../../services/caseFlow';
import type { CompanySettingsStore } from '../../services/settings/companySettingsStore';
import { translatorFor, type Translator } from '../../../language/i18n';
import { proposalDueOf, type EmployeeRequests, type RequestStore } from '../../services/requests';
import { tenantOfActivity } from '../../services/access';
import { isIsoDate, meetingDateCheck, parisToday, type IsoDate } from '../../../domain';
import { containsHealthDetails } from '../../../language/health-guard';
import {
  companyNameOf,
  employeeCaseCard,
  employeeRequestCard,
  formatIsoDate,
  managerStatusCard,
  refusalCard,
  refusalText,
  spstAcknowledgedCard,
  type AnswerLinkView,
} from '../../../cards/caseCards';
import { employerContactOf, spstNoticeCardFor } from '../../../cards/noticeCards';

export interface CardActionDeps {
  cases: Pick<CaseStore, 'get'>;
  /** Every change goes through it: the case engine decides. */
  caseService: Pick<CaseService, 'change'>;
  /** The employees' own requests, acknowledged by HR or the manager they named (`request.acknowledge`). */
  requests?: { store: RequestStore; service: EmployeeRequests };
  /** The download buttons shown on the manager's status card: the letters, and the proof file. */
  letterActions?: DownloadActions;
  proofActions?: DownloadActions;
  /** How the employee was invited when not in Teams, and whether they opened the answer page (bot/http/answerPage). */
  answerLinkStatus?: (liaisonCase: LiaisonCase) => Promise<AnswerLinkView>;
  /** Decides who is HR for a company, from the server's configuration. */
  isHr?: (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;
  /** The company's name on the SPST's card. */
  companySettings?: Pick<CompanySettingsStore, 'get'>;
  now?: () => Date;
}

type DownloadActions = (
  liaisonCase: LiaisonCase,
  locale: string | undefined,
) => Promise<Array<{ title: string; url: string }>>;

/** What every case-card handler gets: the stored case, who clicked, and their inputs. */
interface CaseAction {
  data: Record<string, unknown>;
  liaisonCase: LiaisonCase;
  caller: CaseCaller;
  t: Translator;
  locale: string | undefined;
  today: IsoDate;
  deps: CardActionDeps;
}

type CaseActionHandler = (action: CaseAction) => Promise<object>;

const cardResponse = (card: object): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card as Record<string, unknown>,
});

/** The offer a card was sent for; cards sent before offers were numbered were all for the first one. */
function offerOf(data: Record<string, unknown>): number {
  const offer = Number(data.offer ?? 1);
  return Number.isInteger(offer) && offer > 0 ? offer : 0;
}

// A Map, not an object: a verb such as "constructor" must not find anything.
const CASE_ACTIONS = new Map<string, CaseActionHandler>([
  [
    'invitation.accept',
    (action) => answerInvitation(action, { type: 'accept', offer: offerOf(action.data) }),
  ],
  [
    'invitation.decline',
    (action) => answerInvitation(action, { type: 'decline', offer: offerOf(action.data) }),
  ],
  ['invitation.reschedule', askOtherDate],
  ['invitation.refresh', refreshInvitation],
  ['spst.acknowledge', acknowledgeSpstNotice],
  ['case.status', refreshManagerStatus],
  ['case.propose', proposeAgain],
  ['case.cancel', (action) => changeFromStatusCard(action, { type: 'cancel' })],
  ['case.held', (action) => changeFromStatusCard(action, { type: 'record_held' })],
]);
const REQUEST_ACKNOWLEDGE = 'request.acknowledge';

/** Answers the `adaptiveCard/action` invoke of a case card, in the caller's language. */
export async function handleCardAction(
  context: TurnContext,
  deps: CardActionDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const { activity } = context;
  const t = translatorFor(activity.locale);
  const invoke = activity.value as Partial<AdaptiveCardInvokeValue> | undefined;
  const verb = typeof invoke?.action?.verb === 'string' ? invoke.action.verb : '';
  const rawData: unknown = invoke?.action?.data;
  const data = typeof rawData === 'object' && rawData !== null ? (rawData as Record<string, unknown>) : {};
  const tenantId = tenantOfActivity(activity);
  const caseId = data.caseId;
  if (verb === REQUEST_ACKNOWLEDGE) {
    return cardResponse(await acknowledgeRequest(context, deps, tenantId, caseId, t));
  }
  const handler = CASE_ACTIONS.get(verb);
  const callerId = activity.from?.aadObjectId;
  if (!handler || !callerId) return cardResponse(refusalCard('notAllowed', t));
  const liaisonCase =
    tenantId && typeof caseId === 'string' && caseId ? await deps.cases.get(tenantId, caseId) : null;
  if (!liaisonCase) return cardResponse(refusalCard('unknown', t));
  const today = parisToday((deps.now ?? (() => new Date()))());
  const caller: CaseCaller = { aadObjectId: callerId, name: activity.from?.name, via: 'teams' };
  return cardResponse(await handler({ data, liaisonCase, caller, t, locale: activity.locale, today, deps }));
}

/**
 * The status card of a case for the person talking, when they may follow it (its manager, or HR); null otherwise.
 * Shown, for example, when they try to open a second case for an employee who has one under way.
 */
export async function caseStatusCardFor(
  context: TurnContext,
  deps: CardActionDeps,
  caseId: string,
): Promise<object | null> {
  const { activity } = context;
  const tenantId = tenantOfActivity(activity);
  const callerId = activity.from?.aadObjectId;
  const liaisonCase = tenantId && callerId ? await deps.cases.get(tenantId, caseId) : null;
  if (!liaisonCase || !callerId) return null;
  const action: CaseAction = {
    data: {},
    liaisonCase,
    caller: { aadObjectId: callerId, name: activity.from?.name, via: 'teams' },
    t: translatorFor(activity.locale),
    locale: activity.locale,
    today: parisToday((deps.now ?? (() => new Date()))()),
    deps,
  };
  return (await mayFollowCase(action)) ? statusCard(action, liaisonCase, {}) : null;
}

const isEmployeeOf = (liaisonCase: LiaisonCase, callerId: string) =>
  liaisonCase.employee.aadObjectId === callerId || employeeIdOf(liaisonCase.employee) === callerId;

/**
 * The employee's answer, decided by the engine. Whatever the outcome, the employee sees the case as it now
 * stands; a refusal (an old card for an earlier date, a meeting passed…) is said above it.
 */
async function answerInvitation(action: CaseAction, change: CaseChange): Promise<object> {
  const { liaisonCase, caller, t, today, deps } = action;
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  if (outcome.outcome !== 'refused') return employeeCaseCard(outcome.case, t, { today });
  if (outcome.reason === 'not_allowed' || !outcome.case) return refusalCard(outcome.reason, t);
  return employeeCaseCard(outcome.case, t, { today, error: refusalText(outcome.reason, t) });
}

/**
 * "Another date or arrangement": up to two wished days (real, not passed), a part of the day, the référent, rather
 * without the manager — choices only, no free text.
 */
async function askOtherDate(action: CaseAction): Promise<object> {
  const { data, liaisonCase, t, today } = action;
  const wishes = wishesOf(data, liaisonCase, today);
  if (!wishes) {
    if (!isEmployeeOf(liaisonCase, action.caller.aadObjectId)) return refusalCard('notAllowed', t);
    return employeeCaseCard(liaisonCase, t, { today, error: t('case.errorPastDate', { ns: 'cards' }) });
  }
  return answerInvitation(action, { type: 'ask_other_date', offer: offerOf(data), wishes });
}

function wishesOf(
  data: Record<string, unknown>,
  liaisonCase: LiaisonCase,
  today: IsoDate,
): EmployeeWishes | null {
  const dates: IsoDate[] = [];
  for (const value of [data.preferredDate1, data.preferredDate2]) {
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value) || value < today) return null;
    if (!dates.includes(value)) dates.push(value);
  }
  const partOfDay =
    data.partOfDay === 'morning' || data.partOfDay === 'afternoon' ? data.partOfDay : undefined;
  const referentOffered = liaisonCase.referentOffered ?? true;
  return {
    dates,
    withoutManager: data.withoutManager === 'true',
    referent: referentOffered && data.referentRequested === 'true',
    ...(partOfDay ? { partOfDay } : {}),
  };
}

async function refreshInvitation({ liaisonCase, caller, t, today }: CaseAction): Promise<object> {
  if (!isEmployeeOf(liaisonCase, caller.aadObjectId)) return refusalCard('notAllowed', t);
  return employeeCaseCard(liaisonCase, t, { today });
}

/** The SPST contact acknowledges the notice of the offer its card was sent for; a newer notice is shown instead. */
async function acknowledgeSpstNotice({ data, liaisonCase, caller, t, deps }: CaseAction): Promise<object> {
  const change: CaseChange = { type: 'acknowledge_spst', offer: offerOf(data) };
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  if (outcome.outcome !== 'refused') return spstAcknowledgedCard(outcome.case, t);
  if (outcome.reason === 'stale_card' && outcome.case) {
    const settings = (await deps.companySettings?.get(liaisonCase.tenantId, liaisonCase.companyId)) ?? {};
    return spstNoticeCardFor(outcome.case, t, {
      notice: outcome.case.offer > 1 ? 'change' : 'notice',
      companyName: companyNameOf(settings, t),
      contact: employerContactOf(outcome.case, settings.hrContact),
    });
  }
  return refusalCard(outcome.reason, t);
}

/** The manager's status card is for the employee's manager and for HR (who may have opened the case). */
async function mayFollowCase({ liaisonCase, caller, deps }: CaseAction): Promise<boolean> {
  if (liaisonCase.manager?.aadObjectId === caller.aadObjectId) return true;
  return (await deps.isHr?.(liaisonCase.tenantId, liaisonCase.companyId, caller.aadObjectId)) ?? false;
}

async function statusCard(
  action: CaseAction,
  liaisonCase: LiaisonCase,
  extra: { news?: CaseOutcomeNews; error?: string },
) {
  const letters = (await action.deps.letterActions?.(liaisonCase, action.locale)) ?? [];
  const proof = (await action.deps.proofActions?.(liaisonCase, action.locale)) ?? [];
  const answerLink = await action.deps.answerLinkStatus?.(liaisonCase);
  return managerStatusCard(liaisonCase, action.t, {
    today: action.today,
    letters,
    proof,
    answerLink,
    viewerAadObjectId: action.caller.aadObjectId,
    ...extra,
  });
}
type CaseOutcomeNews = NonNullable<Parameters<typeof managerStatusCard>[2]['news']>;

async function refreshManagerStatus(action: CaseAction): Promise<object> {
  if (!(await mayFollowCase(action))) return refusalCard('notAllowed', action.t);
  return statusCard(action, action.liaisonCase, {});
}

/** A change made from the status card (cancel, meeting held): the card as it now stands, or why not. */
async function changeFromStatusCard(action: CaseAction, change: CaseChange): Promise<object> {
  const { liaisonCase, caller, deps, t } = action;
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  return statusOfOutcome(action, outcome, change.type, (reason) => refusalText(reason, t));
}

function statusOfOutcome(
  action: CaseAction,
  outcome: CaseOutcome,
  news: CaseOutcomeNews,
  errorOf: (reason: Extract<CaseOutcome, { outcome: 'refused' }>['reason'], details: string[]) => string,
): Promise<object> | object {
  if (outcome.outcome !== 'refused') {
    return statusCard(action, outcome.case, outcome.outcome === 'applied' ? { news } : {});
  }
  if (outcome.reason === 'not_allowed' || !outcome.case) return refusalCard(outcome.reason, action.t);
  return statusCard(action, outcome.case, { error: errorOf(outcome.reason, outcome.details) });
}

const TIME_SHAPE = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_PLACE_LENGTH = 200;

/**
 * A new date from the status card (after a request for another one, or to change the date): checked by the
 * engine's date check, then a fresh invitation and a change notice to the SPST go out.
 */
async function proposeAgain(action: CaseAction): Promise<object> {
  const { data, liaisonCase, caller, t, deps } = action;
  if (!(await mayFollowCase(action))) return refusalCard('notAllowed', t);
  const refuse = (key: string) => statusCard(action, liaisonCase, { error: t(key, { ns: 'cards' }) });
  const date = data.meetingDate;
  const time = typeof data.meetingTime === 'string' ? data.meetingTime.trim().slice(0, 5) : '';
  if (!TIME_SHAPE.test(time)) return refuse('managerStatus.errorTime');
  const mode =
    data.meetingMode === 'remote'
      ? 'remote'
      : data.meetingMode === 'on_site'
        ? 'on_site'
        : liaisonCase.meeting.mode;
  const where = typeof data.meetingPlace === 'string' ? data.meetingPlace.trim() : '';
  if (where.length > MAX_PLACE_LENGTH || (where && containsHealthDetails(where).found)) {
    return refuse('managerStatus.errorPlace');
  }
  if (!isIsoDate(date)) return refuse('managerStatus.errorDateFormat');
  const keepsWhere = mode === liaisonCase.meeting.mode && !where;
  const meeting = {
    date,
    time,
    mode,
    ...(keepsWhere
      ? { place: liaisonCase.meeting.place, link: liaisonCase.meeting.link }
      : where
        ? mode === 'on_site'
          ? { place: where }
          : { link: where }
        : {}),
  } as const;
  const outcome = await deps.caseService.change(
    liaisonCase.tenantId,
    liaisonCase.id,
    { type: 'propose_again', meeting },
    caller,
  );
  return statusOfOutcome(action, outcome, 'propose_again', (reason, details) =>
    reason === 'meeting_invalid'
      ? t('managerStatus.errorDate', {
          ns: 'cards',
          reasons: details.map((problem) => t(`planProblems.${problem}`, { ns: 'caseDialog' })).join(' '),
          earliest: formatIsoDate(
            meetingDateCheck(liaisonCase, action.today, liaisonCase.policy).earliestMeetingDate,
            t,
          ),
        })
      : refusalText(reason, t),
  );
}

/**
 * `request.acknowledge` on an employee's own request (whose id the card carries as `caseId`): HR of the company
 * or the manager the employee named may note it, once; the employee is then told. Anyone else gets a refusal.
 */
async function acknowledgeRequest(
  context: TurnContext,
  deps: CardActionDeps,
  tenantId: string | undefined,
  requestId: unknown,
  t: Translator,
): Promise<object> {
  if (!deps.requests || !tenantId || typeof requestId !== 'string') return refusalCard('unknown', t);
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
