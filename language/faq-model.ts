import { foldText, isGenericTerm, meaningfulTerms, type Locale } from './normalize';

/**
 * The FAQ's statistical model: every hand-written phrasing of an entry becomes a sparse TF-IDF vector of
 * three kinds of features, and a message is scored against each entry by its nearest phrasing and by the
 * entry's centroid (docs/faq.md explains the choice, with figures):
 *
 * - the message's meaningful terms (stop words dropped, SMS spellings expanded, synonyms merged, stems);
 * - pairs of consecutive terms ("dire non", "visite reprise");
 * - character 3- and 4-grams of the folded words, which survive typos, missing accents and glued words.
 *
 * Built at start-up from the phrasings in language/data/ (a few tens of milliseconds), in-process, offline.
 */

export interface ModelOptions {
  /** Weights of the three feature groups in a vector (each group is normalised first). */
  termWeight: number;
  pairWeight: number;
  charWeight: number;
  /** Share of an entry's score that comes from its nearest phrasing; the rest from its centroid. */
  nearestShare: number;
  /** Weight of the terms almost every message contains ("rdv", "liaison", "arrêt"). */
  genericWeight: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  termWeight: 1,
  pairWeight: 0.35,
  charWeight: 0.6,
  nearestShare: 0.6,
  genericWeight: 0.3,
};

export interface ScoredEntry {
  id: string;
  score: number;
}

interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

const CHAR_GRAM_SIZES = [3, 4];

/** Raw features of a text, before weighting: feature → count, per group. */
interface RawFeatures {
  terms: Map<string, number>;
  pairs: Map<string, number>;
  chars: Map<string, number>;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function rawFeatures(text: string, locale: Locale): RawFeatures {
  const terms = meaningfulTerms(text, locale);
  const features: RawFeatures = { terms: new Map(), pairs: new Map(), chars: new Map() };
  terms.forEach((term, i) => {
    count(features.terms, term);
    if (i > 0) count(features.pairs, `${terms[i - 1]}_${term}`);
  });
  // Character n-grams of the words themselves (folded), so that unknown spellings still meet known ones.
  for (const word of foldText(text).split(/[^a-z0-9]+/)) {
    if (word.length < 3) continue;
    const padded = `#${word}#`;
    for (const size of CHAR_GRAM_SIZES) {
      for (let i = 0; i + size <= padded.length; i++) count(features.chars, padded.slice(i, i + size));
    }
  }
  return features;
}

export class FaqModel {
  private readonly featureIds = new Map<string, number>();
  private idf = new Float32Array(0);
  private readonly phraseVectors: SparseVector[] = [];
  private readonly phraseEntries: number[] = [];
  private readonly entryIds: string[] = [];
  /** Feature id → the phrasings that have it, with the feature's value in each. */
  private postings: Array<{ docs: number[]; values: number[] }> = [];
  /** Entry index → its centroid, as a dense map feature → value. */
  private centroids: Array<Map<number, number>> = [];

  constructor(
    private readonly locale: Locale,
    phrasings: Array<{ entryId: string; text: string }>,
    private readonly options: ModelOptions = DEFAULT_MODEL_OPTIONS,
  ) {
    const raws = phrasings.map(({ text }) => rawFeatures(text, locale));
    const documentFrequency = new Map<string, number>();
    for (const raw of raws) {
      for (const key of this.keysOf(raw)) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    }
    const total = Math.max(raws.length, 1);
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
    for (const centroid of this.centroids) {
      const norm = Math.sqrt([...centroid.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
      for (const [id, value] of centroid) centroid.set(id, value / norm);
    }
  }

  private *keysOf(raw: RawFeatures): Iterable<string> {
    for (const key of raw.terms.keys()) yield `w:${key}`;
    for (const key of raw.pairs.keys()) yield `p:${key}`;
    for (const key of raw.chars.keys()) yield `c:${key}`;
  }

  /** Sublinear TF × IDF per group, each group normalised then weighted; unknown features are dropped. */
  private vectorOf(raw: RawFeatures): SparseVector {
    const { termWeight, pairWeight, charWeight, genericWeight } = this.options;
    const entries: Array<[number, number]> = [];
    const addGroup = (group: Map<string, number>, prefix: string, weight: number, generic: boolean) => {
      const part: Array<[number, number]> = [];
      for (const [key, frequency] of group) {
        const id = this.featureIds.get(`${prefix}${key}`);
        if (id === undefined) continue;
        const lessening = generic && isGenericTerm(key, this.locale) ? genericWeight : 1;
        part.push([id, (1 + Math.log(frequency)) * this.idf[id]! * lessening]);
      }
      const norm = Math.sqrt(part.reduce((sum, [, value]) => sum + value * value, 0)) || 1;
      for (const [id, value] of part) entries.push([id, (value / norm) * weight]);
    };
    addGroup(raw.terms, 'w:', termWeight, true);
    addGroup(raw.pairs, 'p:', pairWeight, false);
    addGroup(raw.chars, 'c:', charWeight, false);
    const norm = Math.sqrt(entries.reduce((sum, [, value]) => sum + value * value, 0)) || 1;
    return {
      ids: Int32Array.from(entries.map(([id]) => id)),
      values: Float32Array.from(entries.map(([, value]) => value / norm)),
    };
  }

  /** Whether the text has at least one meaningful term the phrasings know. */
  knowsAnyTerm(text: string): boolean {
    const raw = rawFeatures(text, this.locale);
    return [...raw.terms.keys()].some((key) => this.featureIds.has(`w:${key}`));
  }

  /** Every entry with a score in [0, 1], best first. */
  score(text: string): ScoredEntry[] {
    const raw = rawFeatures(text, this.locale);
    if (![...raw.terms.keys()].some((key) => this.featureIds.has(`w:${key}`))) return [];
    const query = this.vectorOf(raw);
    const nearest = new Float32Array(this.entryIds.length);
    const similarity = new Float32Array(this.phraseVectors.length);
    query.ids.forEach((id, k) => {
      const { docs, values } = this.postings[id]!;
      const weight = query.values[k]!;
      for (let i = 0; i < docs.length; i++) similarity[docs[i]!]! += weight * values[i]!;
    });
    for (let doc = 0; doc < similarity.length; doc++) {
      const entry = this.phraseEntries[doc]!;
      if (similarity[doc]! > nearest[entry]!) nearest[entry] = similarity[doc]!;
    }
    const { nearestShare } = this.options;
    const scored: ScoredEntry[] = this.entryIds.map((id, entry) => {
      const centroid = this.centroids[entry]!;
      let central = 0;
      query.ids.forEach((feature, k) => {
        central += (centroid.get(feature) ?? 0) * query.values[k]!;
      });
      return { id, score: nearestShare * nearest[entry]! + (1 - nearestShare) * central };
    });
    return scored.filter(({ score }) => score > 0).sort((a, b) => b.score - a.score);
  }
}
