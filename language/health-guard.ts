// The health guard: finds health details in a text however they are written.
import healthTerms from './data/health-terms.json';
import { foldText, MAX_PROCESSED_CHARS } from './normalize';
import { canonicalLetters, screeningForms } from './screen-text';

export interface HealthDetails {
  found: boolean;
  /** The health words found, folded (lower case, no accents), each once. */
  terms: string[];
}

/**
 * The health guard, by design rather than by word list alone:
 * 1. the text is brought to one canonical form whatever the tricks (screen-text.ts: NFKC, invisible and
 *    control characters removed, look-alike letters, accents, digits used as letters), and looked at as
 *    written, with hyphens inside words removed, and with spelt-out letters joined;
 * 2. a vocabulary of conditions, symptoms, treatments and medicines, specialists, care places and their
 *    abbreviations, in French and English (data/health-terms.json), is matched on whole words, a trailing *
 *    standing for any ending;
 * 3. a long word one letter away from a long term of the vocabulary is a misspelling of it ("depresion");
 * 4. HR phrases that only look medical ("arrêt maladie", "médecin du travail") are set aside first.
 * Recall and false positives are measured on a held-apart set (docs/faq.md, `npm run eval:faq`).
 */

/** One word or phrase of the lists as a pattern: whole words only, a trailing * for any word ending. */
function patternOf(entry: string): string {
  const words = foldText(entry.replace(/\*$/, ''))
    .replace(/[^a-z0-9]/g, ' ')
    .trim()
    .split(/\s+/);
  return words.join(' ') + (entry.endsWith('*') ? '[a-z0-9]*' : '');
}

/** Longer phrases first, so that "cancer du sein" is reported rather than "cancer". */
const byLengthDescending = (a: string, b: string) =>
  b.replace(/\*$/, '').length - a.replace(/\*$/, '').length;

const alternation = (entries: string[]) => {
  const patterns = [...new Set(entries)].sort(byLengthDescending).map(patternOf);
  return new RegExp(`(?<= )(?:${patterns.join('|')})(?= )`, 'g');
};

/** Misspellings are looked for only between long words: short ones are too close to ordinary words. */
const MIN_FUZZY_LENGTH = 8;

/** Every string one deletion away from a word, and the word itself. */
function deletions(word: string): string[] {
  const variants = [word];
  for (let i = 0; i < word.length; i++) variants.push(word.slice(0, i) + word.slice(i + 1));
  return variants;
}

interface GuardTables {
  ordinaryPhrases: RegExp;
  healthTerms: RegExp;
  /** Deletion variant → the long single-word term it comes from (symmetric delete, edit distance 1). */
  fuzzyIndex: Map<string, string>;
}

/**
 * The vocabulary's patterns and misspelling index, built on first use (the first message, or the FAQ's
 * warm-up once the bot listens) rather than when the module loads.
 */
let tables: GuardTables | undefined;
function guardTables(): GuardTables {
  if (tables) return tables;
  const allTerms = [...healthTerms.terms.fr, ...healthTerms.terms.en];
  const fuzzyIndex = new Map<string, string>();
  for (const entry of allTerms) {
    const word = foldText(entry.replace(/\*$/, ''));
    if (!/^[a-z]+$/.test(word) || word.length < MIN_FUZZY_LENGTH) continue;
    for (const variant of deletions(word)) if (!fuzzyIndex.has(variant)) fuzzyIndex.set(variant, word);
  }
  tables = {
    ordinaryPhrases: alternation([...healthTerms.ordinary.fr, ...healthTerms.ordinary.en]),
    healthTerms: alternation(allTerms),
    fuzzyIndex,
  };
  return tables;
}

/** Builds the guard's tables now, if no message has yet (the FAQ's warm-up). */
export function warmUpHealthGuard(): void {
  guardTables();
}

/** The long term a word is a one-letter misspelling of, if any ("depresion" → "depression"). */
/** Ordinary words one letter away from a term ("handicap", "handicapé"): never read as misspellings. */
const NOT_MISSPELLINGS = new Set(healthTerms.notMisspellings);

const MISSPELT_CACHE = new Map<string, string | null>();
const MAX_CACHED_WORDS = 50_000;

function misspeltTerm(word: string): string | undefined {
  if (word.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(word) || NOT_MISSPELLINGS.has(word)) {
    return undefined;
  }
  const known = MISSPELT_CACHE.get(word);
  if (known !== undefined) return known ?? undefined;
  const term = findMisspeltTerm(word);
  if (MISSPELT_CACHE.size >= MAX_CACHED_WORDS) MISSPELT_CACHE.clear();
  MISSPELT_CACHE.set(word, term ?? null);
  return term;
}

function findMisspeltTerm(word: string): string | undefined {
  for (const variant of deletions(word)) {
    const term = guardTables().fuzzyIndex.get(variant);
    if (term) return term;
  }
  return undefined;
}

const blank = (text: string) => ' '.repeat(text.length);

/** The health terms found in one screening form (words separated by single spaces). */
function termsIn(form: string): string[] {
  const { ordinaryPhrases, healthTerms: terms } = guardTables();
  const padded = ` ${form} `.replace(ordinaryPhrases, blank);
  const found = [...padded.matchAll(terms)].map(([term]) => term);
  for (const word of padded.split(' ')) {
    const term = misspeltTerm(word);
    if (term) found.push(term);
  }
  return found;
}

/**
 * Whether a message carries a health detail (a diagnosis, a symptom, a treatment, a medicine, a specialist
 * or a place of care), in French or English, however it is written. The bot needs none and must not keep
 * any: the caller warns the author and does not store it.
 */
export function containsHealthDetails(text: string): HealthDetails {
  // The same message is often screened twice in a turn (the matcher, then the reply): the last answer is kept.
  if (lastScreened?.text !== text) {
    const forms = screeningForms(text.slice(0, MAX_PROCESSED_CHARS));
    lastScreened = { text, terms: [...new Set(forms.flatMap(termsIn))] };
  }
  return { found: lastScreened.terms.length > 0, terms: [...lastScreened.terms] };
}

let lastScreened: { text: string; terms: string[] } | undefined;

/** The message in canonical form (folded), with its health details blanked out and everything else kept. */
export function withoutHealthDetails(text: string): string {
  let result = ` ${canonicalLetters(text.slice(0, MAX_PROCESSED_CHARS))} `;
  // The words as the search sees them (same length): HR phrases that only look medical are set aside, for the
  // misspellings too ("médecine du travail" is not a misspelt "medicine").
  const { ordinaryPhrases, healthTerms: terms } = guardTables();
  const screened = result.replace(/[^a-z0-9]/g, ' ').replace(ordinaryPhrases, blank);
  const blankAt = (index: number, length: number) =>
    (result = result.slice(0, index) + ' '.repeat(length) + result.slice(index + length));
  for (const { 0: term, index } of screened.matchAll(terms)) blankAt(index, term.length);
  for (const { 0: word, index } of screened.matchAll(/[a-z]+/g)) {
    if (misspeltTerm(word)) blankAt(index, word.length);
  }
  return result;
}
