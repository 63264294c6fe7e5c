// `invitation.refresh`: the employee's card shown again as the case now stands (Universal Actions' refresh).
import { employeeCaseCard, refusalCard } from '../../../../cards/caseCards';
import { accessOf, caseVerb } from '../caseAction';

export default caseVerb('invitation.refresh', async (action) => {
  const { liaisonCase, who, t, today } = action;
  if (!accessOf(action).mayAnswerInvitation(who, liaisonCase)) return refusalCard('notAllowed', t);
  return employeeCaseCard(liaisonCase, t, { today });
});
