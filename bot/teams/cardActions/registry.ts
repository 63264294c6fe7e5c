// The one list of card actions: every Action.Execute verb and every Action.Submit kind, each with its one handler.
import caseCancel from './execute/caseCancel';
import caseHeld from './execute/caseHeld';
import casePropose from './execute/casePropose';
import caseStatus from './execute/caseStatus';
import invitationAccept from './execute/invitationAccept';
import invitationDecline from './execute/invitationDecline';
import invitationRefresh from './execute/invitationRefresh';
import invitationReschedule from './execute/invitationReschedule';
import requestAcknowledge from './execute/requestAcknowledge';
import spstAcknowledge from './execute/spstAcknowledge';
import caseForm from './submit/caseForm';
import liaisonPrivacy from './submit/liaisonPrivacy';
import personForm from './submit/personForm';
import question from './submit/question';
import settingsForm from './submit/settingsForm';
import startCaseFromRequest from './submit/startCaseFromRequest';
import type { ExecuteHandler, SubmitHandler } from './types';

/** `verb` of the cards' Action.Execute buttons (the `adaptiveCard/action` invoke). See README.md to add one. */
const EXECUTE: readonly ExecuteHandler[] = [
  invitationAccept,
  invitationDecline,
  invitationReschedule,
  invitationRefresh,
  spstAcknowledge,
  caseStatus,
  casePropose,
  caseCancel,
  caseHeld,
  requestAcknowledge,
];

/** The marker key of the cards' Action.Submit data (a message with the data as its value). */
const SUBMIT: readonly SubmitHandler[] = [
  settingsForm,
  liaisonPrivacy,
  startCaseFromRequest,
  question,
  personForm,
  caseForm,
];

/** One handler per name, or the module does not load: a second registration is a mistake, never an override. */
function byName<H>(handlers: readonly H[], nameOf: (handler: H) => string): ReadonlyMap<string, H> {
  // A Map, not an object: a forged name such as "constructor" or "__proto__" must find nothing.
  const index = new Map<string, H>();
  for (const handler of handlers) {
    const name = nameOf(handler);
    if (index.has(name)) throw new Error(`card action "${name}" is registered twice`);
    index.set(name, handler);
  }
  return index;
}

const EXECUTE_BY_VERB = byName(EXECUTE, (handler) => handler.verb);
const SUBMIT_BY_KIND = byName(SUBMIT, (handler) => handler.kind);

/** The handler of an Action.Execute verb; undefined for a verb no card sends (forged, or from a removed card). */
export function executeHandlerFor(verb: string): ExecuteHandler | undefined {
  return EXECUTE_BY_VERB.get(verb);
}

/**
 * The handler of a submitted card's data: the one kind whose marker key it carries, when that kind accepts the
 * marker's value. Data with no marker, a marker with a value no card sends, or two markers (no card sends two)
 * has no handler: the order of the list never decides.
 */
export function submitHandlerFor(value: Record<string, unknown>): SubmitHandler | undefined {
  const [kind, ...others] = Object.keys(value).filter((key) => SUBMIT_BY_KIND.has(key));
  const handler = kind !== undefined && others.length === 0 ? SUBMIT_BY_KIND.get(kind) : undefined;
  return handler?.accepts(value) ? handler : undefined;
}

/** The registered verbs and kinds (the test that every card's button has a handler reads them). */
export const registeredVerbs = (): string[] => [...EXECUTE_BY_VERB.keys()];
export const registeredKinds = (): string[] => [...SUBMIT_BY_KIND.keys()];
