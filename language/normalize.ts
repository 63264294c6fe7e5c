// Text normalisation for the FAQ: folding, stemming, stop words and small talk, in French and English.
import MiniSearch from 'minisearch';
import indexEn from './data/faq-index.en.json';
import indexFr from './data/faq-index.fr.json';
import lexiconEn from './data/lexicon.en.json';
import lexiconFr from './data/lexicon.fr.json';

export type Locale = 'fr' | 'en';

/** Longest message part looked at: enough for several paragraphs, bounded for the search index. */
export const MAX_PROCESSED_CHARS = 4000;

interface Lexicon {
  /** Multi-word expressions rewritten to one canonical word before splitting (folded text). */
  phrases: Record<string, string>;
  /** SMS spellings and glued forms ("jsuis", "pk", "u") expanded to plain words. */
  expansions: Record<string, string>;
  /** English contractions, expanded before splitting ("can't" → "cannot"). */
  contractions?: Record<string, string>;
  stopWords: string[];
  /** Canonical word → the words (and their stems) that mean the same here. */
  synonyms: Record<string, string[]>;
  /** Canonical words that nearly every message of this bot contains ("rdv", "meeting"): they weigh little. */
  genericTerms: string[];
  /** Numbers that mean the same as a canonical word here ("35 jours d'arrêt" is about the 30-day threshold). */
  numberRanges: { from: number; to: number; as: string }[];
  /**
   * Words that make a message a greeting or a thank-you when nothing else is said; `filler` words ("infos",
   * "help", "answer") may go with a thank-you ("merci beaucoup pour ces infos") without making it a question.
   */
  smallTalk: { greeting: string[]; thanks: string[]; filler: string[] };
}

interface PreparedLexicon {
  phrasePattern: RegExp | null;
  phrases: Map<string, string>;
  /** Every word of the phrases and synonyms: a message's word two swapped letters away is read as one. */
  vocabulary: Set<string>;
  /** Words of the phrasings and stop words, never read as a typo. */
  knownWords: Set<string>;
  contractions: [string, string][];
  expansions: Map<string, string>;
  stopWords: Set<string>;
  synonymsByWord: Map<string, string>;
  synonymsByStem: Map<string, string>;
  /** The synonym words, searchable with typos ("compulsary" → "compulsory"). */
  synonymWords: MiniSearch<{ id: string }>;
  /** The phrasings' other long words, searchable with one typo ("reqest" → "request"). */
  phrasingWords: MiniSearch<{ id: string }>;
  stem: (word: string) => string;
  smallTalk: { greeting: Set<string>; thanks: Set<string>; filler: Set<string> };
  genericTerms: Set<string>;
  numberRanges: { from: number; to: number; as: string }[];
}

/** The last texts folded: a message is folded by the language guess, the redirections and the matcher. */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 256;

/** Lower case, accents and ligatures removed, typographic apostrophes unified. */
export function foldText(text: string): string {
  const known = FOLDED.get(text);
  if (known !== undefined) return known;
  const folded = fold(text);
  if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
  FOLDED.set(text, folded);
  return folded;
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’ʼ‘`´]/g, "'");
}

/** Words shorter than this are too ambiguous to be read as a misspelt synonym. */
const MIN_TYPO_LENGTH = 6;

const FRENCH_SUFFIXES = [
  'issement',
  'ements',
  'ement',
  'ations',
  'ation',
  'aient',
  'ions',
  'ees',
  'ent',
  'ait',
  'ais',
];
const FRENCH_ENDINGS = ['er', 'ez', 'es', 'ee', 'e'];
const ENGLISH_SUFFIXES = [
  'ations',
  'ation',
  'ments',
  'ment',
  'ings',
  'ing',
  'ies',
  'ied',
  'ed',
  'es',
  'ly',
  'e',
];

function stripSuffix(word: string, suffixes: string[], minStem: number): string {
  const suffix = suffixes.find(
    (candidate) => word.endsWith(candidate) && word.length - candidate.length >= minStem,
  );
  return suffix ? word.slice(0, -suffix.length) : word;
}

/** Light French stemmer: plural, then one derivational or verbal ending ("aménagement", "aménager" → "amenag"). */
export function stemFrench(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const singular = /[sx]$/.test(word) && !word.endsWith('ss') ? word.slice(0, -1) : word;
  const stripped = stripSuffix(singular, FRENCH_SUFFIXES, 3);
  return stripped === singular ? stripSuffix(singular, FRENCH_ENDINGS, 4) : stripped;
}

/** Light English stemmer: plural and the commonest endings ("meetings", "meeting" → "meet"). */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const singular =
    word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') ? word.slice(0, -1) : word;
  return stripSuffix(singular, ENGLISH_SUFFIXES, 3);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function prepare(lexicon: Lexicon, stem: (word: string) => string, texts: string[]): PreparedLexicon {
  const contractions = Object.entries(lexicon.contractions ?? {});
  const expansions = new Map(
    Object.entries(lexicon.expansions).map(([word, expansion]) => [foldText(word), expansion]),
  );
  const phrases = new Map(
    Object.entries(lexicon.phrases).map(([phrase, word]) => [
      plainWords(phrase, contractions, expansions).trim(),
      word,
    ]),
  );
  const alternatives = [...phrases.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const synonymsByWord = new Map<string, string>();
  const synonymsByStem = new Map<string, string>();
  for (const [canonical, words] of Object.entries(lexicon.synonyms)) {
    for (const word of [canonical, ...words].map(foldText)) {
      synonymsByWord.set(word, canonical);
      synonymsByStem.set(stem(word), canonical);
    }
  }
  const synonymWords = new MiniSearch<{ id: string }>({ fields: ['id'], tokenize: (word) => [word] });
  synonymWords.addAll(
    [...synonymsByWord.keys()].filter((word) => word.length >= MIN_TYPO_LENGTH).map((id) => ({ id })),
  );
  const vocabulary = new Set(
    [...phrases.keys(), ...synonymsByWord.keys()].flatMap((words) => words.split(' ')).filter(Boolean),
  );
  const textWords = new Set(texts.flatMap((text) => plainWords(text, contractions, expansions).split(' ')));
  const knownWords = new Set([...vocabulary, ...textWords, ...lexicon.stopWords.map(foldText)]);
  const phrasingWords = new MiniSearch<{ id: string }>({ fields: ['id'], tokenize: (word) => [word] });
  phrasingWords.addAll(
    [...textWords]
      .filter((word) => word.length >= MIN_TYPO_LENGTH && /^[a-z]+$/.test(word) && !synonymsByWord.has(word))
      .map((id) => ({ id })),
  );
  return {
    vocabulary,
    knownWords,
    phrasePattern: alternatives.length
      ? new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g')
      : null,
    phrases,
    contractions,
    expansions,
    stopWords: new Set(lexicon.stopWords.map(foldText)),
    synonymsByWord,
    synonymsByStem,
    synonymWords,
    phrasingWords,
    stem,
    smallTalk: {
      greeting: new Set(lexicon.smallTalk.greeting.map(foldText)),
      thanks: new Set(lexicon.smallTalk.thanks.map(foldText)),
      filler: new Set(lexicon.smallTalk.filler.map(foldText)),
    },
    genericTerms: new Set(lexicon.genericTerms),
    numberRanges: lexicon.numberRanges,
  };
}

/** The phrasings' words, so that a word the phrasings use is never taken for a typo of another. */
const phrasingTexts = (index: { entries: Record<string, { keywords: string[]; questions: string[] }> }) =>
  Object.values(index.entries).flatMap(({ keywords, questions }) => [...keywords, ...questions]);

/**
 * Both lexicons, prepared on first use (the first message, or the FAQ's warm-up once the bot listens) rather
 * than when the module loads, which kept the bot from answering /healthz for a tenth of a second.
 */
let lexicons: Record<Locale, PreparedLexicon> | undefined;
function lexiconOf(locale: Locale): PreparedLexicon {
  lexicons ??= {
    fr: prepare(lexiconFr, stemFrench, phrasingTexts(indexFr)),
    en: prepare(lexiconEn, stemEnglish, phrasingTexts(indexEn)),
  };
  return lexicons[locale];
}

/**
 * Folded words separated by single spaces (and one at each end), with contractions and SMS spellings
 * expanded: the form in which both the messages and the lexicon's phrases are compared.
 */
function plainWords(text: string, contractions: [string, string][], expansions: Map<string, string>): string {
  let folded = foldText(text.slice(0, MAX_PROCESSED_CHARS));
  for (const [contraction, expansion] of contractions) folded = folded.split(contraction).join(expansion);
  const words = folded
    // A number glued to its unit ("32j", "6wks") is the number: "35 jours" is about the 30-day threshold.
    .replace(/\b(\d+)(j|jrs?|jours?|d|days?|sem|semaines?|wks?|weeks?|mois|months?)\b/g, '$1 $2')
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim()
    .split(' ');
  return ` ${words.map((word) => expansions.get(word) ?? word).join(' ')} `;
}

/** The last texts rewritten, per lexicon: a message is rewritten for small talk, then for its terms. */
const REWRITTEN = new WeakMap<PreparedLexicon, Map<string, string>>();
const MAX_REWRITTEN = 256;

/** The message as plain words, with the lexicon's multi-word expressions replaced by their canonical word. */
function rewrite(text: string, lexicon: PreparedLexicon): string {
  let known = REWRITTEN.get(lexicon);
  if (!known) REWRITTEN.set(lexicon, (known = new Map()));
  let rewritten = known.get(text);
  if (rewritten === undefined) {
    rewritten = rewriteNow(text, lexicon);
    if (known.size >= MAX_REWRITTEN) known.clear();
    known.set(text, rewritten);
  }
  return rewritten;
}

function rewriteNow(text: string, lexicon: PreparedLexicon): string {
  const words = plainWords(text, lexicon.contractions, lexicon.expansions)
    .split(' ')
    .map((word) => unswapped(word, lexicon))
    .join(' ');
  return lexicon.phrasePattern
    ? words.replace(lexicon.phrasePattern, (phrase) => lexicon.phrases.get(phrase) ?? phrase)
    : words;
}

const UNSWAPPED_CACHE = new WeakMap<PreparedLexicon, Map<string, string>>();

/** A word of the lexicon's vocabulary typed with two neighbouring letters swapped ("reprsie"), put right. */
function unswapped(word: string, lexicon: PreparedLexicon): string {
  if (word.length < MIN_TYPO_LENGTH || lexicon.knownWords.has(word)) return word;
  let cache = UNSWAPPED_CACHE.get(lexicon);
  if (!cache) UNSWAPPED_CACHE.set(lexicon, (cache = new Map()));
  let known = cache.get(word);
  if (known === undefined) {
    known = word;
    for (let i = 0; i + 1 < word.length; i++) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (lexicon.vocabulary.has(swapped)) {
        known = swapped;
        break;
      }
    }
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    cache.set(word, known);
  }
  return known;
}

/**
 * The words of a message that carry meaning, each reduced to a canonical form shared by the indexed
 * questions and the user's text: SMS forms expanded, stop words dropped, synonyms merged, stems taken.
 */
export function meaningfulTerms(text: string, locale: Locale): string[] {
  const lexicon = lexiconOf(locale);
  return rewrite(text, lexicon)
    .split(' ')
    .filter((word) => word.length > 0 && !lexicon.stopWords.has(word))
    .map((word) => canonicalForm(word, lexicon));
}

/** Canonical forms already computed, per lexicon: people reuse the same words, and the typo search is the slow part. */
const CANONICAL_CACHE = new WeakMap<PreparedLexicon, Map<string, string>>();
const MAX_CACHED_WORDS = 50_000;

function canonicalForm(word: string, lexicon: PreparedLexicon): string {
  let cache = CANONICAL_CACHE.get(lexicon);
  if (!cache) CANONICAL_CACHE.set(lexicon, (cache = new Map()));
  const known = cache.get(word);
  if (known !== undefined) return known;
  const form = computeCanonicalForm(word, lexicon);
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  cache.set(word, form);
  return form;
}

function computeCanonicalForm(word: string, lexicon: PreparedLexicon): string {
  const number = /^\d+$/.test(word) ? Number(word) : NaN;
  const range = lexicon.numberRanges.find(({ from, to }) => number >= from && number <= to);
  if (range) return range.as;
  const stem = lexicon.stem(word);
  return (
    lexicon.synonymsByWord.get(word) ??
    lexicon.synonymsByStem.get(stem) ??
    misspeltSynonym(word, lexicon) ??
    misspeltPhrasingWord(word, lexicon) ??
    stem
  );
}

/** The canonical word of a synonym one or two letters away ("obligatiore", "compulsary"), if any. */
function misspeltSynonym(word: string, lexicon: PreparedLexicon): string | undefined {
  if (word.length < MIN_TYPO_LENGTH) return undefined;
  const [closest] = lexicon.synonymWords.search(word, { fuzzy: word.length >= 9 ? 2 : 1 });
  return closest ? lexicon.synonymsByWord.get(closest.id as string) : undefined;
}

/** The stem of a phrasing's word one letter away ("reqest" → "request"), for a word nobody wrote, if any. */
function misspeltPhrasingWord(word: string, lexicon: PreparedLexicon): string | undefined {
  if (word.length < MIN_TYPO_LENGTH || lexicon.knownWords.has(word) || !/^[a-z]+$/.test(word))
    return undefined;
  const [closest] = lexicon.phrasingWords.search(word, { fuzzy: 1 });
  return closest ? lexicon.stem(closest.id as string) : undefined;
}

/** Longer than this, a message is never only a greeting or a thank-you. */
const MAX_SMALL_TALK_CHARS = 160;

export type SmallTalk = 'greeting' | 'thanks';

/**
 * "Bonjour", "merci beaucoup", "hi there", "thanks a lot for the info": a message made only of greetings or
 * thanks (and filler words; the words that go with a thank-you only with one).
 */
export function detectSmallTalk(text: string, locale: Locale): SmallTalk | null {
  // A greeting or a thank-you alone is short: a long message is not read word by word for it.
  if (text.length > MAX_SMALL_TALK_CHARS) return null;
  const lexicon = lexiconOf(locale);
  const words = rewrite(text, lexicon).split(' ').filter(Boolean);
  const isThanks = (word: string) => lexicon.smallTalk.thanks.has(word);
  const isGreeting = (word: string) => lexicon.smallTalk.greeting.has(word);
  const thanked = words.some(isThanks);
  const onlySmallTalk = words.every(
    (word) =>
      isThanks(word) ||
      isGreeting(word) ||
      lexicon.stopWords.has(word) ||
      (thanked && lexicon.smallTalk.filler.has(word)),
  );
  if (!onlySmallTalk) return null;
  if (thanked) return 'thanks';
  return words.some(isGreeting) ? 'greeting' : null;
}

/** Whether a canonical term is one that nearly every message contains, and so tells little. */
export function isGenericTerm(term: string, locale: Locale): boolean {
  return lexiconOf(locale).genericTerms.has(term);
}
