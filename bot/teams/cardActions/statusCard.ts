// The manager's status card as the case-card verbs answer it: who may follow a case, and its card as it now stands.
import type { TurnContext } from 'botbuilder';
import type { LiaisonCase } from '../../services/cases';
import type { CaseChange, CaseOutcome } from '../../services/caseFlow';
import { tenantOfActivity } from '../../services/access';
import { managerStatusCard, refusalCard, refusalText } from '../../../cards/caseCards';
import { translatorFor } from '../../../language/i18n';
import { accessOf, todayOf, type CaseAction } from './caseAction';
import type { CardActionDeps } from './types';

type CaseOutcomeNews = NonNullable<Parameters<typeof managerStatusCard>[2]['news']>;
type Refusal = Extract<CaseOutcome, { outcome: 'refused' }>['reason'];

/** The status card is for the case's manager and for HR, who may have opened it (bot/services/access). */
export function mayFollowCase(action: CaseAction): Promise<boolean> {
  return accessOf(action).mayFollowCase(action.who, action.liaisonCase);
}

/** The case's status card for the person who clicked: its letters, proof file and answer link included. */
export async function statusCard(
  action: CaseAction,
  liaisonCase: LiaisonCase,
  extra: { news?: CaseOutcomeNews; error?: string },
): Promise<object> {
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

/** The status card after a change the engine decided: with its news when applied, or why not. */
export function statusOfOutcome(
  action: CaseAction,
  outcome: CaseOutcome,
  news: CaseOutcomeNews,
  errorOf: (reason: Refusal, details: string[]) => string,
): Promise<object> | object {
  if (outcome.outcome !== 'refused') {
    return statusCard(action, outcome.case, outcome.outcome === 'applied' ? { news } : {});
  }
  if (outcome.reason === 'not_allowed' || !outcome.case) return refusalCard(outcome.reason, action.t);
  return statusCard(action, outcome.case, { error: errorOf(outcome.reason, outcome.details) });
}

/** A change made from the status card (cancel, meeting held): the card as it now stands, or why not. */
export async function changeFromStatusCard(action: CaseAction, change: CaseChange): Promise<object> {
  const { liaisonCase, caller, deps, t } = action;
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  return statusOfOutcome(action, outcome, change.type, (reason) => refusalText(reason, t));
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
  if (!tenantId || !liaisonCase || !callerId) return null;
  const action: CaseAction = {
    data: {},
    liaisonCase,
    caller: { aadObjectId: callerId, name: activity.from?.name, via: 'teams' },
    who: { tenantId, aadObjectId: callerId },
    t: translatorFor(activity.locale),
    locale: activity.locale,
    today: todayOf(deps),
    deps,
  };
  return (await mayFollowCase(action)) ? statusCard(action, liaisonCase, {}) : null;
}
