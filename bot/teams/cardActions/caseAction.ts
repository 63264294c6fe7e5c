// What every case-card verb shares: the STORED case the card names, who clicked, and the refusals before a handler.
import type { LiaisonCase } from '../../services/cases';
import { accessWith, type Caller } from '../../services/access';
import type { CaseCaller, CaseChange } from '../../services/caseFlow';
import { parisToday, type IsoDate } from '../../../domain';
import { employeeCaseCard, refusalCard, refusalText } from '../../../cards/caseCards';
import type { Translator } from '../../../language/i18n';
import type { CardActionDeps, ExecuteHandler } from './types';

/** What a case-card handler gets: the stored case, who clicked, and their inputs. */
export interface CaseAction {
  data: Record<string, unknown>;
  liaisonCase: LiaisonCase;
  caller: CaseCaller;
  /** The clicker as bot/services/access asks about them: the activity's tenant and their Entra id. */
  who: Caller;
  t: Translator;
  locale: string | undefined;
  today: IsoDate;
  deps: CardActionDeps;
}

export const todayOf = (deps: CardActionDeps): IsoDate => parisToday((deps.now ?? (() => new Date()))());

/**
 * The handler of a verb on a case card. The case is read from storage with the activity's tenant and the card's
 * case id: a clicker without an Entra id is refused, a case that does not exist (or is another tenant's) is
 * unknown. Who may do what is then decided from that stored case, by the handler and the case engine.
 */
export function caseVerb(verb: string, handle: (action: CaseAction) => Promise<object>): ExecuteHandler {
  return {
    verb,
    async handle({ context, data, tenantId, t, locale, deps }) {
      const { from } = context.activity;
      const callerId = from?.aadObjectId;
      if (!callerId) return refusalCard('notAllowed', t);
      const caseId = data.caseId;
      const liaisonCase =
        tenantId && typeof caseId === 'string' && caseId ? await deps.cases.get(tenantId, caseId) : null;
      if (!tenantId || !liaisonCase) return refusalCard('unknown', t);
      const caller: CaseCaller = { aadObjectId: callerId, name: from?.name, via: 'teams' };
      const who: Caller = { tenantId, aadObjectId: callerId };
      return handle({ data, liaisonCase, caller, who, t, locale, today: todayOf(deps), deps });
    },
  };
}

/** The rules of bot/services/access (manager, employee, HR of the case) with the HR check the handlers were given. */
export const accessOf = (action: Pick<CaseAction, 'deps'>) => accessWith(action.deps.isHr);

/** The offer a card was sent for; cards sent before offers were numbered were all for the first one. */
export function offerOf(data: Record<string, unknown>): number {
  const offer = Number(data.offer ?? 1);
  return Number.isInteger(offer) && offer > 0 ? offer : 0;
}

/**
 * The employee's answer to the invitation, decided by the engine. Whatever the outcome, the employee sees the
 * case as it now stands; a refusal (an old card for an earlier date, a meeting passed…) is said above it.
 */
export async function answerInvitation(action: CaseAction, change: CaseChange): Promise<object> {
  const { liaisonCase, caller, t, today, deps } = action;
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  if (outcome.outcome !== 'refused') return employeeCaseCard(outcome.case, t, { today });
  if (outcome.reason === 'not_allowed' || !outcome.case) return refusalCard(outcome.reason, t);
  return employeeCaseCard(outcome.case, t, { today, error: refusalText(outcome.reason, t) });
}
