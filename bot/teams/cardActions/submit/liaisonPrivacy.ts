// `liaisonPrivacy`: the erasure's confirmation card, confirmed or cancelled (bot/teams/privacyCommands checks HR and the token).
import { isPrivacySubmit } from '../../privacyCommands';
import type { SubmitHandler } from '../types';
import { toConversation } from './conversation';

const liaisonPrivacy: SubmitHandler = {
  kind: 'liaisonPrivacy',
  accepts: isPrivacySubmit,
  async handle(submit) {
    const { context, typed, routes } = submit;
    if (routes.privacy && (await routes.privacy.handle(context, typed))) return;
    // A deployment without the privacy feature: nothing owns the card.
    await toConversation(submit);
  },
};

export default liaisonPrivacy;
