import type { CaseActor, LiaisonCase } from './model';

/**
 * Who may act on a case, decided from the STORED case (never from what a card sends back), per CONTRACT.md §3.
 */

/** invitation.accept / .decline / .reschedule: the case's employee only. */
export function mayAnswerInvitation(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return !!aadObjectId && liaisonCase.employee.aadObjectId === aadObjectId;
}

/**
 * request.acknowledge: HR or the case's manager. The caller establishes the HR role from the company's
 * configuration, not from the card.
 */
export function mayAcknowledgeRequest(liaisonCase: LiaisonCase, actor: CaseActor): boolean {
  if (actor.role === 'hr') return true;
  return (
    actor.role === 'manager' && !!actor.aadObjectId && liaisonCase.manager.aadObjectId === actor.aadObjectId
  );
}

/** spst.acknowledge: the SPST contact, a role the caller establishes from the company's configuration. */
export function mayAcknowledgeSpstNotice(actor: CaseActor): boolean {
  return actor.role === 'spst';
}
