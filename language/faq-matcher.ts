import MiniSearch from 'minisearch';
import faqEn from '../locales/en/faq.json';
import faqFr from '../locales/fr/faq.json';
import indexEn from './data/faq-index.en.json';
import indexFr from './data/faq-index.fr.json';
import { containsHealthDetails, withoutHealthDetails } from './health-guard';
import {
  detectSmallTalk,
  isGenericTerm,
  MAX_PROCESSED_CHARS,
  meaningfulTerms,
  type Locale,
} from './normalize';
import { detectOutOfScope, type OutOfScopeTopic } from './out-of-scope';

export type FaqMatch =
  | { kind: 'answer'; id: string; confidence: number; related: string[] }
  | { kind: 'suggestions'; ids: string[] }
  | { kind: 'out_of_scope'; topic: OutOfScopeTopic };

interface FaqIndexData {
  /** The entry for a message that only names the meeting ("rendez-vous de liaison ?"). */
  generalEntry: string;
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

/** What the matcher makes of one piece of text: the entries it could be about, best first, and how sure. */
interface Assessment {
  ranked: RankedEntry[];
  confidence: number;
}

interface LocaleIndex {
  search: MiniSearch<IndexedPhrase>;
  /** Normalised phrase → its entry, for messages that say exactly an indexed phrase (a tapped title). */
  exactPhrases: Map<string, string>;
  generalEntry: string;
}

/** Below this confidence the bot offers the closest entries instead of answering. */
export const ANSWER_THRESHOLD = 0.32;
const SUGGESTION_COUNT = 3;
const RELATED_COUNT = 2;
/** A second entry scoring at least this share of the best one is worth showing as related. */
const RELATED_MIN_SHARE = 0.5;
/** Weight of the words almost every message contains ("rdv", "liaison", "meeting"). */
const GENERIC_TERM_WEIGHT = 0.25;
/** In a long message, how many of its last sentences are also matched on their own. */
const MAX_SENTENCES = 12;

const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 4,
  fuzzy: (term: string) => (term.length >= 8 ? 0.3 : term.length >= 5 ? 0.2 : false),
  weights: { fuzzy: 0.5, prefix: 0.4 },
};

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
    if (!text) return;
    phrases.push({ id: phrases.length, entryId, text });
    if (!exactPhrases.has(text)) exactPhrases.set(text, entryId);
  };
  // Titles first: when a title and another entry's variant say the same words, the title wins.
  for (const entryId of Object.keys(data.entries)) add(entryId, titles[entryId]?.title ?? '');
  for (const [entryId, { keywords, questions }] of Object.entries(data.entries)) {
    for (const phrase of [...questions, ...keywords]) add(entryId, phrase);
  }
  search.addAll(phrases);
  return { search, exactPhrases, generalEntry: data.generalEntry };
}

const INDEXES: Record<Locale, LocaleIndex> = {
  fr: buildIndex(indexFr, faqFr.entries, 'fr'),
  en: buildIndex(indexEn, faqEn.entries, 'en'),
};

/** Entries ranked by their best-matching phrase. */
function rankEntries(terms: string[], locale: Locale): RankedEntry[] {
  const boostTerm = (term: string) => (isGenericTerm(term, locale) ? GENERIC_TERM_WEIGHT : 1);
  const byEntry = new Map<string, RankedEntry>();
  for (const result of INDEXES[locale].search.search(terms.join(' '), { boostTerm })) {
    const id = result.entryId as string;
    const entry = byEntry.get(id) ?? { id, score: 0, matchedTerms: new Set<string>() };
    entry.score = Math.max(entry.score, result.score);
    result.queryTerms.forEach((term) => entry.matchedTerms.add(term));
    byEntry.set(id, entry);
  }
  return [...byEntry.values()].sort((a, b) => b.score - a.score);
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

const certain = (id: string): Assessment => ({
  ranked: [{ id, score: 1, matchedTerms: new Set() }],
  confidence: 1,
});

function assess(text: string, locale: Locale): Assessment | null {
  const terms = meaningfulTerms(withoutHealthDetails(text), locale);
  if (!terms.length) return null;
  const index = INDEXES[locale];
  if (terms.every((term) => isGenericTerm(term, locale))) return certain(index.generalEntry);
  const exactEntry = index.exactPhrases.get(terms.join(' '));
  if (exactEntry) return certain(exactEntry);
  const ranked = rankEntries(terms, locale);
  return ranked.length ? { ranked, confidence: confidenceOf(ranked, terms) } : null;
}

/**
 * The parts of a message worth matching: the whole of it and, when it has several sentences, its questions
 * (or, without a question mark, its sentences): "Je suis en arrêt depuis mars. … Peut-on le faire en visio ?"
 */
function partsOf(text: string): string[] {
  const sentences = text
    .slice(0, MAX_PROCESSED_CHARS)
    .split(/(?<=[.!?\n])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  if (sentences.length < 2) return [text];
  const questions = sentences.filter((sentence) => sentence.endsWith('?'));
  return [text, ...(questions.length ? questions : sentences).slice(-MAX_SENTENCES)];
}

/** What the bot understands of a free-text question: one FAQ entry, a few candidates, or a topic it declines. */
export function matchFaq(text: string, locale: Locale): FaqMatch {
  const outOfScope = detectOutOfScope(text, locale);
  if (outOfScope) return { kind: 'out_of_scope', topic: outOfScope };
  const smallTalk = detectSmallTalk(text, locale);
  if (smallTalk) return { kind: 'answer', id: smallTalk, confidence: 1, related: [] };
  const best = partsOf(text)
    .map((part) => assess(part, locale))
    .reduce<Assessment | null>(
      (kept, next) => (next && (!kept || next.confidence > kept.confidence) ? next : kept),
      null,
    );
  const [top] = best?.ranked ?? [];
  if (!best || !top) {
    // Nothing but health details ("j'ai un cancer"): a matter for a doctor, not for this bot.
    return { kind: 'out_of_scope', topic: containsHealthDetails(text).found ? 'medical' : 'other' };
  }
  if (best.confidence < ANSWER_THRESHOLD) {
    return { kind: 'suggestions', ids: best.ranked.slice(0, SUGGESTION_COUNT).map((entry) => entry.id) };
  }
  const related = best.ranked
    .slice(1, 1 + RELATED_COUNT)
    .filter((entry) => entry.score >= RELATED_MIN_SHARE * top.score)
    .map((entry) => entry.id);
  return { kind: 'answer', id: top.id, confidence: best.confidence, related };
}
