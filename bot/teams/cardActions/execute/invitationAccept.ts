// `invitation.accept`: the employee accepts the meeting their invitation card proposes (the engine decides).
import { answerInvitation, caseVerb, offerOf } from '../caseAction';

export default caseVerb('invitation.accept', (action) =>
  answerInvitation(action, { type: 'accept', offer: offerOf(action.data) }),
);
