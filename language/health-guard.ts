import healthTerms from './data/health-terms.json';
import { foldText, MAX_PROCESSED_CHARS } from './normalize';

export interface HealthDetails {
  found: boolean;
  /** The health words found, folded (lower case, no accents), each once. */
  terms: string[];
}

/** Folded text with every character other than a letter or a digit turned into one space. */
const flatten = (text: string) =>
  ` ${foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** One word or phrase of the lists as a pattern: whole words only, a trailing * for any word ending. */
function patternOf(entry: string): string {
  const words = flatten(entry.replace(/\*$/, '')).trim().split(' ');
  return words.join(' ') + (entry.endsWith('*') ? '[a-z0-9]*' : '');
}

/** Longer phrases first, so that "cancer du sein" is reported rather than "cancer". */
const byLengthDescending = (a: string, b: string) =>
  b.replace(/\*$/, '').length - a.replace(/\*$/, '').length;

const alternation = (entries: string[]) => {
  const patterns = [...entries].sort(byLengthDescending).map(patternOf);
  return new RegExp(`(?<=\\s)(?:${patterns.join('|')})(?=\\s)`, 'g');
};

const ORDINARY_PHRASES = alternation([...healthTerms.ordinary.fr, ...healthTerms.ordinary.en]);
const HEALTH_TERMS = alternation([...healthTerms.terms.fr, ...healthTerms.terms.en]);

const blank = (text: string) => ' '.repeat(text.length);

/** The message flattened, with HR phrases that only look medical ("arrêt maladie") blanked out. */
const withoutOrdinaryPhrases = (flatText: string) => flatText.replace(ORDINARY_PHRASES, blank);

/**
 * Whether a message carries a health detail (a diagnosis, a symptom, a treatment, a medicine), in French
 * or English. The bot needs none and must not keep any: the caller warns the author and does not store it.
 */
export function containsHealthDetails(text: string): HealthDetails {
  const flatText = flatten(text.slice(0, MAX_PROCESSED_CHARS));
  const terms = [...new Set(withoutOrdinaryPhrases(flatText).match(HEALTH_TERMS) ?? [])];
  return { found: terms.length > 0, terms };
}

/** The message, flattened, with its health details blanked out (and everything else kept). */
export function withoutHealthDetails(text: string): string {
  const flatText = flatten(text.slice(0, MAX_PROCESSED_CHARS));
  let result = flatText;
  for (const match of withoutOrdinaryPhrases(flatText).matchAll(HEALTH_TERMS)) {
    result = result.slice(0, match.index) + blank(match[0]) + result.slice(match.index + match[0].length);
  }
  return result;
}
