// bot/teams/cardActions: where every card interaction arrives — Action.Execute verbs and Action.Submit kinds alike.
/**
 * Two entry points, one registry (registry.ts, one handler file per verb or kind; README.md says how to add one):
 *  - handleCardAction: the `adaptiveCard/action` invoke of Universal Actions (docs/cards.md), answered with the
 *    card that replaces the clicked one;
 *  - handleCardSubmit: a message whose value is a card's Action.Submit data, routed by its marker key.
 * The card's data names things (a case, an offer, a request) and carries the person's inputs, nothing more: who may
 * act is decided from the STORED record (bot/services/access), what changes by the case engine through
 * CaseService. A refused action changes nothing and answers with the reason; a verb or kind no card sends is
 * answered plainly in the person's language.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { tenantOfActivity } from '../../services/access';
import { refusalCard } from '../../../cards/caseCards';
import { translatorFor, type Translator } from '../../../language/i18n';
import { executeHandlerFor, submitHandlerFor } from './registry';
import { toConversation } from './submit/conversation';
import type { CardActionDeps, SubmitRoutes } from './types';

export { caseStatusCardFor } from './statusCard';
export type { CardActionDeps, SubmitRoutes } from './types';

const cardResponse = (card: object): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card as Record<string, unknown>,
});

/** Answers the `adaptiveCard/action` invoke of a card, in the caller's language; an unknown verb is refused. */
export async function handleCardAction(
  context: TurnContext,
  deps: CardActionDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const { activity } = context;
  const t = translatorFor(activity.locale);
  const invoke = activity.value as Partial<AdaptiveCardInvokeValue> | undefined;
  const verb = typeof invoke?.action?.verb === 'string' ? invoke.action.verb : '';
  const handler = executeHandlerFor(verb);
  if (!handler) return cardResponse(refusalCard('notAllowed', t));
  const rawData: unknown = invoke?.action?.data;
  const data = isObject(rawData) ? rawData : {};
  const tenantId = tenantOfActivity(activity);
  return cardResponse(await handler.handle({ context, data, tenantId, t, locale: activity.locale, deps }));
}

/**
 * Routes a card's Action.Submit (a message with a value: the card's data and inputs) to the handler of its kind.
 * Data of no kind (forged, or from a card that no longer exists) goes to the conversation under way, or is
 * answered plainly when there is none.
 */
export async function handleCardSubmit(
  context: TurnContext,
  submit: { value: unknown; typed: string; t: Translator; routes: SubmitRoutes },
): Promise<void> {
  const value = isObject(submit.value) ? submit.value : {};
  const handler = submitHandlerFor(value);
  await (handler ?? unknownKind).handle({ ...submit, context, value });
}

/** What data of no registered kind gets. */
const unknownKind = { handle: toConversation };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
