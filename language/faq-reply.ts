// The FAQ reply composed once: the answer sections and card data in the question's language.
import i18next, { type TFunction } from 'i18next';
import faqEn from '../locales/en/faq.json';
import faqFr from '../locales/fr/faq.json';
import { understandQuestion, type FaqMatch, type FaqUnderstanding } from './faq-matcher';
import { containsHealthDetails } from './health-guard';
import type { Locale } from './normalize';

/** A translator fixed to one language and to the "faq" namespace (locales/<language>/faq.json). */
export type FaqTranslator = TFunction;

/** One answered question: the entry's title, short answer and "learn more" paragraph. */
export interface FaqAnswerSection {
  id: string;
  question: string;
  answer: string;
  details: string;
}

/**
 * The bot's whole reply to a free-text question, composed once here and only laid out by the caller (a card
 * or plain text): everything in the language of the question, which may differ from the person's Teams
 * language; the card's labels stay in the person's language.
 */
export interface FaqReply {
  /** The first question's match (the only one when the message asks one question). */
  match: FaqMatch;
  understanding: FaqUnderstanding;
  /** The language the reply is written in: the question's. */
  language: Locale;
  /** The question's language is not the person's Teams language: the reply says so. */
  languageDiffers: boolean;
  /** The message carried a health detail: the reply starts with a note that none is needed. */
  healthDetails: boolean;
  /** The kind note about health details, or ''. */
  notice: string;
  /** "You wrote in English, so I am answering (or suggesting these topics) in English…", or ''. */
  languageNote: string;
  /** The questions answered (one or two). */
  sections: FaqAnswerSection[];
  /** Titles of further questions the message asked (beyond two), offered as buttons. */
  more: string[];
  /** Titles of entries close to the answer, offered as buttons. */
  related: string[];
  /** For a message the bot is unsure of: the intro and the titles of the closest entries. */
  suggestions: { intro: string; titles: string[] };
  /** For a redirection (medical advice, pay, anything else): the polite sentence. */
  redirection: string;
  /** The data of the answer card (cards/faqAnswer.json) or, when unsure, of the suggestions card. */
  card: FaqCardData;
  /** Exactly what the bot says, as plain text (written only when read). */
  text: string;
}

type Titles = Array<{ title: string }>;

/** What the FAQ cards show; the caller adds the company's contacts to the answer card. */
export type FaqCardData =
  | {
      name: 'faqAnswer';
      data: {
        speak: string;
        languageNote: string;
        notice: string;
        sections: Array<FaqAnswerSection & { detailsId: string }>;
        more: Titles;
        related: Titles;
      };
    }
  | {
      name: 'faqSuggestions';
      data: { languageNote: string; notice: string; intro: string; suggestions: Titles };
    };

/** A translator per language over the FAQ resource files, as the bot loads them. */
export function createFaqTranslators(): Record<Locale, FaqTranslator> {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { fr: { faq: faqFr }, en: { faq: faqEn } },
    lng: 'fr',
    ns: ['faq'],
    defaultNS: 'faq',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return { fr: instance.getFixedT('fr', 'faq'), en: instance.getFixedT('en', 'faq') };
}

let defaultTranslators: Record<Locale, FaqTranslator> | undefined;

function translatorsFrom(
  given: FaqTranslator | Record<Locale, FaqTranslator> | undefined,
  activityLocale: Locale,
): Record<Locale, FaqTranslator> {
  defaultTranslators ??= createFaqTranslators();
  if (!given) return defaultTranslators;
  if (typeof given === 'function') return { ...defaultTranslators, [activityLocale]: given };
  return given;
}

const REMEMBERED = new WeakMap<FaqTranslator, FaqTranslator>();

/**
 * The translator, with the sentences it gave kept: the FAQ's sentences take no options, and looking each up
 * again costs more than matching the question.
 */
function remembered(t: FaqTranslator): FaqTranslator {
  const known = REMEMBERED.get(t);
  if (known) return known;
  const sentences = new Map<string, string>();
  const lookUp = ((key: string) => {
    let sentence = sentences.get(key);
    if (sentence === undefined) {
      sentence = t(key);
      sentences.set(key, sentence);
    }
    return sentence;
  }) as FaqTranslator;
  REMEMBERED.set(t, lookUp);
  return lookUp;
}

/** The text shown for one entry: the short answer, then the "learn more" paragraph. */
export function faqAnswerText(id: string, t: FaqTranslator): string {
  return `${t(`entries.${id}.answer`)}\n\n${t('reply.learnMore')} ${t(`entries.${id}.details`)}`;
}

/** The text shown for one outcome of the matcher: an answer, a short list of candidates, or a polite refusal. */
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
 * The reply to a free-text message: the question's language detected (the activity's for short or mixed
 * messages), up to two questions answered, the rest offered, a health detail acknowledged without being
 * repeated, and the question still answered.
 */
export function replyToQuestion(
  text: string,
  activityLocale: Locale,
  translators?: FaqTranslator | Record<Locale, FaqTranslator>,
): FaqReply {
  const understanding = understandQuestion(text, activityLocale);
  const { language, match, answers, more } = understanding;
  const t = remembered(translatorsFrom(translators, activityLocale)[language]);
  const healthDetails = match.kind !== 'out_of_scope' && containsHealthDetails(text).found;
  const languageDiffers = language !== activityLocale;
  const title = (id: string) => t(`entries.${id}.title`);
  const sections = answers.map(({ id }) => ({
    id,
    question: title(id),
    answer: t(`entries.${id}.answer`),
    details: t(`entries.${id}.details`),
  }));
  const shown = new Set([...answers.map(({ id }) => id), ...more]);
  const related = answers
    .flatMap((answer) => answer.related)
    .filter((id, i, all) => !shown.has(id) && all.indexOf(id) === i)
    .slice(0, 3)
    .map(title);
  const moreTitles = more.map(title);
  const suggestionIds = match.kind === 'suggestions' ? match.ids : [];
  const notice = healthDetails ? t('reply.healthNotice') : '';
  const languageNote =
    !languageDiffers || match.kind === 'out_of_scope'
      ? ''
      : t(sections.length ? 'reply.languageNote' : 'reply.languageNoteSuggestions');
  const redirection = match.kind === 'out_of_scope' ? t(`outOfScope.${match.topic}`) : '';
  const suggestions = suggestionIds.length
    ? { intro: t('reply.suggestions'), titles: suggestionIds.map(title) }
    : { intro: '', titles: [] };
  const asTitles = (titles: string[]) => titles.map((line) => ({ title: line }));
  const card: FaqCardData = sections.length
    ? {
        name: 'faqAnswer',
        data: {
          speak: sections.map((section) => `${section.question} ${section.answer}`).join(' '),
          languageNote,
          notice,
          sections: sections.map((section, i) => ({ ...section, detailsId: `details-${i + 1}` })),
          more: asTitles(moreTitles),
          related: asTitles(related),
        },
      }
    : {
        name: 'faqSuggestions',
        data: {
          languageNote,
          notice,
          intro: suggestions.intro,
          suggestions: asTitles(suggestions.titles),
        },
      };
  return {
    match,
    understanding,
    language,
    languageDiffers,
    healthDetails,
    notice,
    languageNote,
    sections,
    more: moreTitles,
    related,
    suggestions,
    redirection,
    card,
    get text() {
      let body: string;
      if (redirection) body = redirection;
      else if (sections.length) {
        body = sections
          .map((section) =>
            sections.length > 1
              ? `${section.question}\n${faqAnswerText(section.id, t)}`
              : faqAnswerText(section.id, t),
          )
          .join('\n\n');
        if (moreTitles.length)
          body += `\n\n${t('reply.more')}\n${moreTitles.map((line) => `- ${line}`).join('\n')}`;
      } else {
        body = [
          suggestions.intro || t('reply.suggestions'),
          ...suggestions.titles.map((line) => `- ${line}`),
        ].join('\n');
      }
      return [languageNote, notice, body].filter(Boolean).join('\n\n');
    },
  };
}
