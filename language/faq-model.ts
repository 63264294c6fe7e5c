// The FAQ's statistical model: each phrasing of an entry as a TF-IDF vector of words, pairs and n-grams.
import { questionForms } from './message-parts';
import { foldText, isGenericTerm, meaningfulTerms, type Locale } from './normalize';

/**
 * The FAQ's statistical model: every hand-written phrasing of an entry becomes a sparse TF-IDF vector of
 * four kinds of features, and a message is scored against each entry by its nearest phrasing and by the
 * entry's centroid (docs/faq.md explains the choice, with figures):
 *
 * - the message's meaningful terms (stop words dropped, SMS spellings expanded, synonyms merged, stems);
 * - pairs of consecutive terms ("dire non", "visite reprise");
 * - character 4-grams of the folded words, which survive typos, missing accents and glued words;
 * - what the text asks: its question words and modal verbs ("who", "how long", "can", "must"), which the stop
 *   words drop from the terms, yet which tell neighbouring entries apart.
 *
 * Built at start-up from the phrasings in language/data/ (a few tens of milliseconds), in-process, offline.
 */

export interface ModelOptions {
  /** Weights of the three feature groups in a vector (each group is normalised first). */
  termWeight: number;
  pairWeight: number;
  charWeight: number;
  /** Weight of what the text asks (question words and modal verbs: "who", "how long", "can", "must"). */
  formWeight: number;
  /** Share of an entry's score that comes from its nearest phrasing; the rest from its centroid. */
  nearestShare: number;
  /** Weight of the terms almost every message contains ("rdv", "liaison", "arrêt"). */
  genericWeight: number;
  /** Character n-grams in more than this share of the phrasings are left out. */
  maxCharShare: number;
  /** The sizes of the character n-grams. */
  charGramSizes: number[];
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  termWeight: 1,
  pairWeight: 0.35,
  charWeight: 0.6,
  formWeight: 0.3,
  nearestShare: 0.6,
  genericWeight: 0.3,
  maxCharShare: 0.1,
  charGramSizes: [4],
};

export interface ScoredEntry {
  id: string;
  score: number;
}

interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

/** Raw features of a text, before weighting: feature → count, per group. */
interface RawFeatures {
  terms: Map<string, number>;
  pairs: Map<string, number>;
  chars: Map<string, number>;
  forms: Map<string, number>;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function rawFeatures(
  text: string,
  locale: Locale,
  knownTerms: string[] | undefined,
  sizes: number[],
): RawFeatures {
  const terms = knownTerms ?? meaningfulTerms(text, locale);
  const features: RawFeatures = { terms: new Map(), pairs: new Map(), chars: new Map(), forms: new Map() };
  terms.forEach((term, i) => {
    count(features.terms, `w:${term}`);
    if (i > 0) count(features.pairs, `p:${terms[i - 1]}_${term}`);
  });
  for (const form of questionForms(foldText(text))) count(features.forms, `f:${form}`);
  // Character n-grams of the words themselves (folded), so that unknown spellings still meet known ones.
  if (!sizes.length) return features;
  for (const word of foldText(text).split(/[^a-z0-9]+/)) {
    if (word.length < 3) continue;
    for (const gram of charGramsOf(word, sizes)) count(features.chars, gram);
  }
  return features;
}

/** A word's character n-grams, remembered: people reuse the same words. */
const GRAM_CACHE = new Map<string, string[]>();
let cachedSizes = '';
const MAX_CACHED_WORDS = 50_000;

function charGramsOf(word: string, sizes: number[]): string[] {
  if (cachedSizes !== sizes.join()) {
    GRAM_CACHE.clear();
    cachedSizes = sizes.join();
  }
  const known = GRAM_CACHE.get(word);
  if (known) return known;
  const padded = `#${word}#`;
  const grams: string[] = [];
  for (const size of sizes) {
    for (let i = 0; i + size <= padded.length; i++) grams.push(`c:${padded.slice(i, i + size)}`);
  }
  if (GRAM_CACHE.size >= MAX_CACHED_WORDS) GRAM_CACHE.clear();
  GRAM_CACHE.set(word, grams);
  return grams;
}

export class FaqModel {
  private readonly featureIds = new Map<string, number>();
  private idf = new Float32Array(0);
  private readonly phraseVectors: SparseVector[] = [];
  private readonly phraseEntries: number[] = [];
  private readonly entryIds: string[] = [];
  /** Feature id → the phrasings that have it, with the feature's value in each. */
  private postings: Array<{ docs: number[]; values: number[] }> = [];
  /** Entry index → its centroid, as a map feature → value (while building). */
  private centroids: Array<Map<number, number>> = [];
  /** Feature id → the entries whose centroid has it, with the value. */
  private centroidPostings: Array<{ entries: number[]; values: number[] }> = [];
  /** The postings as typed arrays, once built: feature id → phrasings and values; → entries and values. */
  private postingDocs: Int32Array[] = [];
  private postingValues: Float32Array[] = [];
  private centroidEntries: Int32Array[] = [];
  private centroidValues: Float32Array[] = [];
  /** A word → the ids of its character n-grams that the phrasings know (people reuse the same words). */
  private readonly wordGrams = new Map<string, Int32Array>();
  /** Scratch buffers reused by every query (reset after use): one similarity per phrasing, and which were set. */
  private similarity = new Float64Array(0);
  private touched = new Int32Array(0);

  constructor(
    private readonly locale: Locale,
    phrasings: Array<{ entryId: string; text: string; terms?: string[] }>,
    private readonly options: ModelOptions = DEFAULT_MODEL_OPTIONS,
  ) {
    const raws = phrasings.map(({ text, terms }) => rawFeatures(text, locale, terms, options.charGramSizes));
    const documentFrequency = new Map<string, number>();
    for (const raw of raws) {
      for (const group of [raw.terms, raw.pairs, raw.chars, raw.forms]) {
        for (const key of group.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
      }
    }
    const total = Math.max(raws.length, 1);
    // Character n-grams found in many phrasings ("#de", "es#") say nothing and cost the most: they are left out.
    for (const [key, frequency] of documentFrequency) {
      if (key.startsWith('c:') && frequency > this.options.maxCharShare * total)
        documentFrequency.delete(key);
    }
    this.idf = new Float32Array(documentFrequency.size);
    for (const [key, frequency] of documentFrequency) {
      const id = this.featureIds.size;
      this.featureIds.set(key, id);
      this.idf[id] = Math.log(1 + total / frequency);
    }
    const entryIndex = new Map<string, number>();
    raws.forEach((raw, doc) => {
      const entryId = phrasings[doc]!.entryId;
      if (!entryIndex.has(entryId)) {
        entryIndex.set(entryId, this.entryIds.length);
        this.entryIds.push(entryId);
        this.centroids.push(new Map());
      }
      const vector = this.vectorOf(raw);
      this.phraseVectors.push(vector);
      this.phraseEntries.push(entryIndex.get(entryId)!);
    });
    this.postings = Array.from({ length: this.featureIds.size }, () => ({ docs: [], values: [] }));
    this.phraseVectors.forEach((vector, doc) => {
      const centroid = this.centroids[this.phraseEntries[doc]!]!;
      vector.ids.forEach((id, k) => {
        const value = vector.values[k]!;
        this.postings[id]!.docs.push(doc);
        this.postings[id]!.values.push(value);
        centroid.set(id, (centroid.get(id) ?? 0) + value);
      });
    });
    this.centroidPostings = Array.from({ length: this.featureIds.size }, () => ({ entries: [], values: [] }));
    this.centroids.forEach((centroid, entry) => {
      const norm = Math.sqrt([...centroid.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
      for (const [id, value] of centroid) {
        this.centroidPostings[id]!.entries.push(entry);
        this.centroidPostings[id]!.values.push(value / norm);
      }
    });
    this.centroids = [];
    this.postingDocs = this.postings.map(({ docs }) => Int32Array.from(docs));
    this.postingValues = this.postings.map(({ values }) => Float32Array.from(values));
    this.centroidEntries = this.centroidPostings.map(({ entries }) => Int32Array.from(entries));
    this.centroidValues = this.centroidPostings.map(({ values }) => Float32Array.from(values));
    this.postings = [];
    this.centroidPostings = [];
    this.similarity = new Float64Array(this.phraseVectors.length);
    this.touched = new Int32Array(this.phraseVectors.length);
  }

  /** Sublinear TF × IDF per group, each group normalised then weighted; unknown features are dropped. */
  private vectorOf(raw: RawFeatures, charIds?: Map<number, number>): SparseVector {
    const { termWeight, pairWeight, charWeight, formWeight, genericWeight } = this.options;
    // Parallel arrays rather than [id, value] pairs: this runs for every piece of every message.
    const ids: number[] = [];
    const values: number[] = [];
    /** Normalises the values from `start` on (one group), then weighs them. */
    const closeGroup = (start: number, weight: number) => {
      let sum = 0;
      for (let k = start; k < values.length; k++) sum += values[k]! * values[k]!;
      const norm = Math.sqrt(sum) || 1;
      for (let k = start; k < values.length; k++) values[k] = (values[k]! / norm) * weight;
    };
    const addGroup = (group: Map<string, number>, weight: number, generic: boolean) => {
      const start = values.length;
      for (const [key, frequency] of group) {
        const id = this.featureIds.get(key);
        if (id === undefined) continue;
        const lessening = generic && isGenericTerm(key.slice(2), this.locale) ? genericWeight : 1;
        ids.push(id);
        values.push((1 + Math.log(frequency)) * this.idf[id]! * lessening);
      }
      closeGroup(start, weight);
    };
    addGroup(raw.terms, termWeight, true);
    addGroup(raw.pairs, pairWeight, false);
    if (formWeight > 0) addGroup(raw.forms, formWeight, false);
    if (charIds) {
      const start = values.length;
      for (const [id, frequency] of charIds) {
        ids.push(id);
        values.push((1 + Math.log(frequency)) * this.idf[id]!);
      }
      closeGroup(start, charWeight);
    } else addGroup(raw.chars, charWeight, false);
    let sum = 0;
    for (const value of values) sum += value * value;
    const norm = Math.sqrt(sum) || 1;
    const vector = { ids: Int32Array.from(ids), values: new Float32Array(values.length) };
    for (let k = 0; k < values.length; k++) vector.values[k] = values[k]! / norm;
    return vector;
  }

  /** The ids of a word's character n-grams that the phrasings know. */
  private gramIdsOf(word: string): Int32Array {
    let ids = this.wordGrams.get(word);
    if (!ids) {
      const known = charGramsOf(word, this.options.charGramSizes)
        .map((gram) => this.featureIds.get(gram))
        .filter((id) => id !== undefined);
      ids = Int32Array.from(known);
      if (this.wordGrams.size >= MAX_CACHED_WORDS) this.wordGrams.clear();
      this.wordGrams.set(word, ids);
    }
    return ids;
  }

  /** Whether the text has at least one meaningful term the phrasings know. */
  knowsAnyTerm(text: string): boolean {
    const raw = rawFeatures(text, this.locale, undefined, this.options.charGramSizes);
    return [...raw.terms.keys()].some((key) => this.featureIds.has(key));
  }

  /** Every entry with a score in [0, 1], best first. */
  score(text: string, terms?: string[]): ScoredEntry[] {
    // Terms and pairs as usual; the character n-grams straight to their ids, remembered per word.
    const raw = rawFeatures(text, this.locale, terms, []);
    if (![...raw.terms.keys()].some((key) => this.featureIds.has(key))) return [];
    const chars = new Map<number, number>();
    for (const word of foldText(text).split(/[^a-z0-9]+/)) {
      if (word.length < 3) continue;
      for (const id of this.gramIdsOf(word)) chars.set(id, (chars.get(id) ?? 0) + 1);
    }
    const query = this.vectorOf(raw, chars);
    const nearest = new Float32Array(this.entryIds.length);
    const central = new Float32Array(this.entryIds.length);
    const similarity = this.similarity;
    const touched = this.touched;
    let touchedCount = 0;
    for (let k = 0; k < query.ids.length; k++) {
      const id = query.ids[k]!;
      const weight = query.values[k]!;
      const docs = this.postingDocs[id]!;
      const values = this.postingValues[id]!;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (similarity[doc] === 0) touched[touchedCount++] = doc;
        similarity[doc]! += weight * values[i]!;
      }
      const entries = this.centroidEntries[id]!;
      const centroidValues = this.centroidValues[id]!;
      for (let i = 0; i < entries.length; i++) {
        central[entries[i]!]! += weight * centroidValues[i]!;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const entry = this.phraseEntries[doc]!;
      if (similarity[doc]! > nearest[entry]!) nearest[entry] = similarity[doc]!;
      similarity[doc] = 0;
    }
    const { nearestShare } = this.options;
    const scored: ScoredEntry[] = this.entryIds.map((id, entry) => ({
      id,
      score: nearestShare * nearest[entry]! + (1 - nearestShare) * central[entry]!,
    }));
    return scored.filter(({ score }) => score > 0).sort((a, b) => b.score - a.score);
  }
}
