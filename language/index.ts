// language/: what the bot understands of free text, offline (FAQ, health guard, commands, languages).
/**
 * The language layer: what the bot understands of an employee's free text, offline and in pure TypeScript.
 *
 * - FAQ matching (faq-matcher): a question in French or English → one FAQ entry, a few candidates, or a topic
 *   the bot declines (medical advice, pay, anything unrelated). Search data the bot never says (variants,
 *   synonyms, SMS spellings, stop words) lives in language/data/; what it says lives in locales/<lang>/faq.json.
 * - Replies (faq-reply): the exact text the bot shows for any match, shared by the card and the evaluation.
 * - Question language (question-language): French or English, from the text (tinyld and function words), the
 *   activity's language for short or mixed messages.
 * - Health guard (health-guard, screen-text): spots health details (diagnoses, symptoms, treatments, specialists,
 *   care places) however they are written, that must not be kept.
 * - Free-text screening (screen-free-text): screenFreeText(text, { maxLength }) for every free-text field of a
 *   dialog, card, API or feed before it is kept, logged or sent.
 * - Meeting request (meeting-request): spots an employee asking for the meeting itself.
 * - Evaluation (evaluate): runs the FAQ probes; scripts/eval-faq.ts prints the report.
 *
 * Every data file is loaded once, when the module loads; nothing is read at call time. The FAQ's models are built
 * from them on first use, or by warmUpFaqMatcher right after the bot listens.
 */
export {
  matchFaq,
  understandQuestion,
  warmUpFaqMatcher,
  ANSWER_THRESHOLD,
  type FaqMatch,
  type FaqUnderstanding,
} from './faq-matcher';
export {
  faqAnswerText,
  faqReplyText,
  replyToQuestion,
  type FaqAnswerSection,
  type FaqCardData,
  type FaqReply,
  type FaqTranslator,
} from './faq-reply';
export { containsHealthDetails, withoutHealthDetails, type HealthDetails } from './health-guard';
export {
  screenFreeText,
  type ScreenOptions,
  type ScreenRefusal,
  type ScreenResult,
} from './screen-free-text';
export { detectQuestionLanguage } from './question-language';
export { detectOutOfScope, type OutOfScopeTopic } from './out-of-scope';
export { detectsMeetingRequest } from './meeting-request';
export { MAX_PROCESSED_CHARS, type Locale } from './normalize';
