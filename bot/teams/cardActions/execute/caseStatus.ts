// `case.status`: the manager's status card shown again as the case now stands (its manager and HR only).
import { refusalCard } from '../../../../cards/caseCards';
import { caseVerb } from '../caseAction';
import { mayFollowCase, statusCard } from '../statusCard';

export default caseVerb('case.status', async (action) => {
  if (!(await mayFollowCase(action))) return refusalCard('notAllowed', action.t);
  return statusCard(action, action.liaisonCase, {});
});
