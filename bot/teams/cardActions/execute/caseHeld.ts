// `case.held`: the meeting recorded as held from the manager's status card, on its day (the engine decides).
import { caseVerb } from '../caseAction';
import { changeFromStatusCard } from '../statusCard';

export default caseVerb('case.held', (action) => changeFromStatusCard(action, { type: 'record_held' }));
