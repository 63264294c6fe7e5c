/**
 * bot/answerPage — the employee who is not on Teams answers the invitation from a link, on a phone (issue #17).
 * A short signed code per case and offer (links.ts), printed as a QR code on the invitation letter and as a link
 * in its email (invitation.ts, bot/letters); a plain HTML page without script (html.ts) served at /rdv/<code>
 * (routes.ts) where the answer goes through CaseService exactly as the Teams card's does. See
 * docs/answer-page.md.
 */
export {
  ANSWER_LINKS_TABLE,
  ANSWER_PATH,
  AnswerLinks,
  groupedCode,
  inviteChannelOf,
  normaliseCode,
  type AnswerLinkStatus,
  type AnswerLinkVerdict,
  type AnswerLinksOptions,
} from './links';
export { answerPageRoutes, type AnswerPageDeps, type AnswerPageLimits } from './routes';
export { answerPage, answersFor, PAGE_HEADERS, STYLE_HASH, type AnswerPageModel } from './html';
export { emailInvitation, invitationLetterPdf, type InvitationDeps } from './invitation';
export { RateLimiter } from './rateLimit';
