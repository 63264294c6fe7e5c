// bot/http/answerPage: the invitation answered from a link or QR code by an employee who is not on Teams.
/**
 * bot/http/answerPage — the employee who is not on Teams answers the invitation from a link, on a phone (issue #17).
 * The short signed code of each case and offer (bot/services/answerLinks), printed as a QR code on the invitation
 * letter and as a link in its email, opens a plain HTML page without script (html.ts) served at /rdv/<code>
 * (routes.ts) where the answer goes through CaseService exactly as the Teams card's does. See
 * docs/answer-page.md.
 */
export { answerPageRoutes, type AnswerPageDeps, type AnswerPageLimits } from './routes';
export { answerPage, answersFor, PAGE_HEADERS, STYLE_HASH, type AnswerPageModel } from './html';
export { RateLimiter } from './rateLimit';
