import type { TFunction } from 'i18next';
import { matchFaq, type FaqMatch } from './faq-matcher';
import { containsHealthDetails } from './health-guard';
import type { Locale } from './normalize';

/** A translator fixed to one language and to the "faq" namespace (locales/<language>/faq.json). */
export type FaqTranslator = TFunction;

export interface FaqReply {
  match: FaqMatch;
  /** The message carried a health detail: the reply starts with a note that none is needed. */
  healthDetails: boolean;
  /** Exactly what the bot says. */
  text: string;
}

/** The text shown for one entry: the short answer, then the "learn more" paragraph. */
export function faqAnswerText(id: string, t: FaqTranslator): string {
  return `${t(`entries.${id}.answer`)}\n\n${t('reply.learnMore')} ${t(`entries.${id}.details`)}`;
}

/** The text shown for any outcome of the matcher: an answer, a short list of candidates, or a polite refusal. */
export function faqReplyText(match: FaqMatch, t: FaqTranslator): string {
  switch (match.kind) {
    case 'answer':
      return faqAnswerText(match.id, t);
    case 'suggestions':
      return [t('reply.suggestions'), ...match.ids.map((id) => `- ${t(`entries.${id}.title`)}`)].join('\n');
    case 'out_of_scope':
      return t(`outOfScope.${match.topic}`);
  }
}

/**
 * The bot's whole reply to a free-text question: the match, and the text, preceded by a short note when the
 * question volunteered a health detail (the bot never repeats it).
 */
export function replyToQuestion(text: string, locale: Locale, t: FaqTranslator): FaqReply {
  const match = matchFaq(text, locale);
  const healthDetails = match.kind !== 'out_of_scope' && containsHealthDetails(text).found;
  return {
    match,
    healthDetails,
    // Written only when read: an answered question is shown as a card, and the text is not needed.
    get text() {
      const reply = faqReplyText(match, t);
      return healthDetails ? `${t('reply.healthNotice')}\n\n${reply}` : reply;
    },
  };
}
