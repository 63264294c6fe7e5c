import MiniSearch from 'minisearch';
import faqEn from '../locales/en/faq.json';
import faqFr from '../locales/fr/faq.json';
import indexEn from './data/faq-index.en.json';
import indexFr from './data/faq-index.fr.json';
import { withoutHealthDetails } from './health-guard';
import { detectSmallTalk, isGenericTerm, meaningfulTerms, type Locale } from './normalize';
import { detectOutOfScope, type OutOfScopeTopic } from './out-of-scope';

export type FaqMatch =
  | { kind: 'answer'; id: string; confidence: number; related: string[] }
  | { kind: 'suggestions'; ids: string[] }
  | { kind: 'out_of_scope'; topic: OutOfScopeTopic };

interface FaqIndexData {
  entries: Record<string, { keywords: string[]; questions: string[] }>;
}

/** The entry titles the bot shows: a tapped suggestion comes back as its title, so titles are indexed too. */
type FaqTitles = Record<string, { title: string }>;

interface IndexedPhrase {
  id: number;
  entryId: string;
  text: string;
}

interface RankedEntry {
  id: string;
  score: number;
  matchedTerms: Set<string>;
}

/** Below this confidence the bot offers the closest entries instead of answering. */
export const ANSWER_THRESHOLD = 0.32;
const SUGGESTION_COUNT = 3;
const RELATED_COUNT = 2;
/** A second entry scoring at least this share of the best one is worth showing as related. */
const RELATED_MIN_SHARE = 0.5;
/** How much the other matching phrases of an entry add to its best phrase. */
const SUPPORT_WEIGHT = 0;
/** Weight of the words almost every message contains ("rdv", "liaison", "meeting"). */
const GENERIC_TERM_WEIGHT = 0.25;

const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 4,
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  weights: { fuzzy: 0.5, prefix: 0.4 },
};

interface LocaleIndex {
  search: MiniSearch<IndexedPhrase>;
  /** Normalised phrase → its entry, for messages that say exactly an indexed phrase (a tapped title). */
  exactPhrases: Map<string, string>;
}

function buildIndex(data: FaqIndexData, titles: FaqTitles, locale: Locale): LocaleIndex {
  const search = new MiniSearch<IndexedPhrase>({
    fields: ['text'],
    storeFields: ['entryId'],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
    searchOptions: SEARCH_OPTIONS,
  });
  const phrases: IndexedPhrase[] = [];
  const exactPhrases = new Map<string, string>();
  const add = (entryId: string, phrase: string) => {
    const text = meaningfulTerms(phrase, locale).join(' ');
    phrases.push({ id: phrases.length, entryId, text });
    if (!exactPhrases.has(text)) exactPhrases.set(text, entryId);
  };
  // Titles first: when a title and another entry's variant say the same words, the title wins.
  for (const entryId of Object.keys(data.entries)) add(entryId, titles[entryId]?.title ?? '');
  for (const [entryId, { keywords, questions }] of Object.entries(data.entries)) {
    for (const phrase of [...questions, ...keywords]) add(entryId, phrase);
  }
  search.addAll(phrases);
  return { search, exactPhrases };
}

const INDEXES: Record<Locale, LocaleIndex> = {
  fr: buildIndex(indexFr, faqFr.entries, 'fr'),
  en: buildIndex(indexEn, faqEn.entries, 'en'),
};

/** Every indexed entry id of a locale (small talk excluded). */
export function indexedEntryIds(locale: Locale): string[] {
  return Object.keys((locale === 'fr' ? indexFr : indexEn).entries);
}

/** Entries ranked by their best phrase, plus a little for each other phrase of theirs that matched. */
function rankEntries(terms: string[], locale: Locale): RankedEntry[] {
  const byEntry = new Map<string, { scores: number[]; matchedTerms: Set<string> }>();
  const boostTerm = (term: string) => (isGenericTerm(term, locale) ? GENERIC_TERM_WEIGHT : 1);
  for (const result of INDEXES[locale].search.search(terms.join(' '), { boostTerm })) {
    const entryId = result.entryId as string;
    const entry = byEntry.get(entryId) ?? { scores: [], matchedTerms: new Set<string>() };
    entry.scores.push(result.score);
    result.queryTerms.forEach((term) => entry.matchedTerms.add(term));
    byEntry.set(entryId, entry);
  }
  return [...byEntry.entries()]
    .map(([id, { scores, matchedTerms }]) => {
      const [best = 0, ...others] = scores.sort((a, b) => b - a);
      return {
        id,
        score: best + SUPPORT_WEIGHT * others.reduce((sum, score) => sum + score, 0),
        matchedTerms,
      };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * How sure the best entry is the right one, from 0 to 1: the share of the message's words it explains,
 * and how far ahead of the runner-up it is.
 */
function confidenceOf(ranked: RankedEntry[], terms: string[]): number {
  const [best, second] = ranked;
  if (!best) return 0;
  const coverage = best.matchedTerms.size / new Set(terms).size;
  const lead = second ? 1 - second.score / best.score : 1;
  return Math.round((0.5 * coverage + 0.5 * lead) * 1000) / 1000;
}

/** What the bot understands of a free-text question: one FAQ entry, a few candidates, or a topic it declines. */
export function matchFaq(text: string, locale: Locale): FaqMatch {
  const outOfScope = detectOutOfScope(text, locale);
  if (outOfScope) return { kind: 'out_of_scope', topic: outOfScope };
  const smallTalk = detectSmallTalk(text, locale);
  if (smallTalk) return { kind: 'answer', id: smallTalk, confidence: 1, related: [] };
  const terms = meaningfulTerms(withoutHealthDetails(text), locale);
  const exactEntry = INDEXES[locale].exactPhrases.get(terms.join(' '));
  if (exactEntry) return { kind: 'answer', id: exactEntry, confidence: 1, related: [] };
  const ranked = terms.length ? rankEntries(terms, locale) : [];
  const [best] = ranked;
  if (!best) return { kind: 'out_of_scope', topic: 'other' };
  const confidence = confidenceOf(ranked, terms);
  if (confidence < ANSWER_THRESHOLD) {
    return { kind: 'suggestions', ids: ranked.slice(0, SUGGESTION_COUNT).map((entry) => entry.id) };
  }
  const related = ranked
    .slice(1, 1 + RELATED_COUNT)
    .filter((entry) => entry.score >= RELATED_MIN_SHARE * best.score)
    .map((entry) => entry.id);
  return { kind: 'answer', id: best.id, confidence, related };
}
