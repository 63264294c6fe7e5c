// `invitation.decline`: the employee declines the meeting, now or after accepting it (the engine decides).
import { answerInvitation, caseVerb, offerOf } from '../caseAction';

export default caseVerb('invitation.decline', (action) =>
  answerInvitation(action, { type: 'decline', offer: offerOf(action.data) }),
);
