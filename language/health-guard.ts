import healthTerms from './data/health-terms.json';
import { foldText, MAX_PROCESSED_CHARS } from './normalize';

export interface HealthDetails {
  found: boolean;
  /** The health words found, folded (lower case, no accents), each once. */
  terms: string[];
}

/** Folded text between two spaces; the guard's patterns need a space on each side of a word. */
const padded = (text: string) => ` ${foldText(text.slice(0, MAX_PROCESSED_CHARS))} `;

/** The same text with every character other than a letter or a digit turned into a space, length kept. */
const lettersAndDigits = (foldedText: string) => foldedText.replace(/[^a-z0-9]/g, ' ');

/** One word or phrase of the lists as a pattern: whole words only, a trailing * for any word ending. */
function patternOf(entry: string): string {
  const words = lettersAndDigits(foldText(entry.replace(/\*$/, '')))
    .trim()
    .split(/\s+/);
  return words.join('\\s+') + (entry.endsWith('*') ? '[a-z0-9]*' : '');
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

/** Where the health details are: the folded words, with HR phrases that only look medical blanked out. */
const healthMatches = (foldedText: string) =>
  lettersAndDigits(foldedText).replace(ORDINARY_PHRASES, blank).matchAll(HEALTH_TERMS);

/**
 * Whether a message carries a health detail (a diagnosis, a symptom, a treatment, a medicine), in French
 * or English. The bot needs none and must not keep any: the caller warns the author and does not store it.
 */
export function containsHealthDetails(text: string): HealthDetails {
  const terms = [...new Set([...healthMatches(padded(text))].map(([term]) => term.replace(/\s+/g, ' ')))];
  return { found: terms.length > 0, terms };
}

/** The message, folded, with its health details blanked out and everything else (apostrophes too) kept. */
export function withoutHealthDetails(text: string): string {
  let result = padded(text);
  for (const { 0: term, index } of healthMatches(result)) {
    result = result.slice(0, index) + blank(term) + result.slice(index + term.length);
  }
  return result;
}
