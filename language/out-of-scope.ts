// Recognises messages the bot must not answer itself (medical advice, pay, unrelated topics).
import patterns from './data/out-of-scope.json';
import { containsHealthDetails } from './health-guard';
import { foldText, MAX_PROCESSED_CHARS, type Locale } from './normalize';

export type OutOfScopeTopic = 'medical' | 'pay' | 'other';

interface CompiledPatterns {
  medical: RegExp[];
  pay: RegExp[];
  other: RegExp[];
  meetingAnchors: RegExp[];
}

const compile = (sources: string[]) => sources.map((source) => new RegExp(source));

const PATTERNS: Record<Locale, CompiledPatterns> = {
  fr: {
    medical: compile(patterns.fr.medical),
    pay: compile(patterns.fr.pay),
    other: compile(patterns.fr.other),
    meetingAnchors: compile(patterns.fr.meetingAnchors),
  },
  en: {
    medical: compile(patterns.en.medical),
    pay: compile(patterns.en.pay),
    other: compile(patterns.en.other),
    meetingAnchors: compile(patterns.en.meetingAnchors),
  },
};

const TAKING =
  /\b(?:can|may|should|could|must) i (?:take|have|use|stop|skip|reduce|come off)\b|\b(?:puis-je|je peux|je pourrais|dois-je|je dois|faut-il) (?:prendre|utiliser|arreter|stopper|diminuer|sauter)\b|\bpeut-on (?:prendre|arreter)\b/;

/**
 * The topic of a message the bot must not answer itself, or null. A request for medical advice is always
 * out of scope; pay and unrelated topics only when the message says nothing of the meeting ("si je refuse
 * le rdv, je peux être licencié ?" is a question about refusing, not about dismissal).
 */
export function detectOutOfScope(text: string, locale: Locale): OutOfScopeTopic | null {
  const folded = foldText(text.slice(0, MAX_PROCESSED_CHARS));
  const matches = (list: RegExp[]) => list.some((pattern) => pattern.test(folded));
  const patternsOfLocale = PATTERNS[locale];
  if (matches(patternsOfLocale.medical)) return 'medical';
  // "Can I take <a medicine> before the meeting?": asking whether to take something named in the guard's
  // vocabulary is asking for medical advice, whatever the medicine.
  if (TAKING.test(folded) && containsHealthDetails(text).found) return 'medical';
  if (matches(patternsOfLocale.meetingAnchors)) return null;
  if (matches(patternsOfLocale.pay)) return 'pay';
  if (matches(patternsOfLocale.other)) return 'other';
  return null;
}
