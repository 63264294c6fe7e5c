// bot/services/answerLinks: the answer page's codes and the invitation by email or letter that carries them.
/**
 * bot/services/answerLinks — the answer page's links: a short signed code per case and offer (answerLinks.ts), and
 * the invitation by email or letter that carries it (invitation.ts). The page itself is bot/http/answerPage.
 */
export {
  ANSWER_PATH,
  AnswerLinks,
  groupedCode,
  inviteChannelOf,
  normaliseCode,
  type AnswerLinkStatus,
  type AnswerLinkVerdict,
  type AnswerLinksOptions,
} from './answerLinks';
export { emailInvitation, invitationLetterPdf, type InvitationDeps } from './invitation';
