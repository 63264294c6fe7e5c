// `case.cancel`: the case cancelled from the manager's status card (the engine decides who may).
import { caseVerb } from '../caseAction';
import { changeFromStatusCard } from '../statusCard';

export default caseVerb('case.cancel', (action) => changeFromStatusCard(action, { type: 'cancel' }));
