// The FAQ matcher: a message in French or English to one FAQ entry, a few candidates, or a declined topic.
import faqEn from '../locales/en/faq.json';
import faqFr from '../locales/fr/faq.json';
import indexEn from './data/faq-index.en.json';
import indexFr from './data/faq-index.fr.json';
import { DEFAULT_MODEL_OPTIONS, FaqModel, type ModelOptions, type ScoredEntry } from './faq-model';
import { containsHealthDetails, warmUpHealthGuard, withoutHealthDetails } from './health-guard';
import {
  detectSmallTalk,
  isGenericTerm,
  MAX_PROCESSED_CHARS,
  meaningfulTerms,
  type Locale,
} from './normalize';
import { sentencesOf, withoutFormulas, withoutFrames, type Sentence } from './message-parts';
import { detectOutOfScope, type OutOfScopeTopic } from './out-of-scope';
import { assessQuestionLanguage, detector } from './question-language';

export type FaqMatch =
  | { kind: 'answer'; id: string; confidence: number; related: string[] }
  | { kind: 'suggestions'; ids: string[] }
  | { kind: 'out_of_scope'; topic: OutOfScopeTopic };

/** What the bot understands of a whole message: its language, and one or more matches (several questions). */
export interface FaqUnderstanding {
  /** The language the message is written in (the activity's language when the message is too short to tell). */
  language: Locale;
  /** The first question's match; the only one when the message asks one question. */
  match: FaqMatch;
  /** Every question answered, in the message's order: at most MAX_ANSWERS. */
  answers: Array<Extract<FaqMatch, { kind: 'answer' }>>;
  /** Further questions the message asks, beyond MAX_ANSWERS, offered as buttons. */
  more: string[];
}

interface FaqIndexData {
  /** The entry for a message that only names the meeting ("rendez-vous de liaison ?"). */
  generalEntry: string;
  entries: Record<string, { keywords: string[]; questions: string[] }>;
  /** Phrasings of the questions the bot redirects (medical advice, pay, anything else), per topic. */
  redirects: Record<OutOfScopeTopic, string[]>;
}

/** The entry titles the bot shows: a tapped suggestion comes back as its title, so titles are indexed too. */
type FaqTitles = Record<string, { title: string }>;

interface Thresholds {
  /** Below this score the bot offers the closest entries instead of answering. */
  answer: number;
  /** The best entry must lead the runner-up by this much to be answered. */
  margin: number;
  /** A second question in the same message is answered only when this sure. */
  second: number;
  /**
   * The answer threshold for a message of at least longSentences sentences: a story's words dilute the score
   * of the entry it asks about, so it is answered from a lower score (the margin stays).
   */
  longAnswer: number;
  longSentences: number;
}

/** Tuned on the development set only (docs/faq.md); the held-out test set never chose a threshold. */
export const THRESHOLDS: Thresholds = {
  answer: 0.35,
  margin: 0.06,
  second: 0.5,
  longAnswer: 0.3,
  longSentences: 4,
};

/** How a piece of a message is read in its context; tuned on the development set only. */
export const TUNING = { contextShare: 0.7, clauseSupport: 0.5, sentenceSupport: 0 };

/** Changes the thresholds: for scripts/eval-faq.ts's search on the development set only. */
export function setThresholds(thresholds: Thresholds): void {
  Object.assign(THRESHOLDS, thresholds);
}
/** Kept for callers that read it: the score below which the bot offers suggestions. */
export const ANSWER_THRESHOLD = THRESHOLDS.answer;
export const MAX_ANSWERS = 2;
const SUGGESTION_COUNT = 3;
const RELATED_COUNT = 2;
/** A second entry scoring at least this share of the best one is worth showing as related. */
const RELATED_MIN_SHARE = 0.75;
/** A clause of a sentence is a second question only if its entry is among this many closest to the whole. */
const WHOLE_SUPPORT = 4;
/** In a long message, how many of its last sentences are looked at on their own. */
const MAX_SENTENCES = 12;
const REDIRECT_PREFIX = 'redirect:';

const isRedirect = (id: string) => id.startsWith(REDIRECT_PREFIX);

/**
 * Entries that state the same facts from the employee's side and from the manager's or HR's: when they are
 * the two closest, the message is understood (the closer one answers, the other is shown as related).
 */
const SIBLINGS: Array<[string, string]> = [
  ['temp-workers', 'hr-temp-workers'],
  ['separate-leaves', 'hr-several-absences'],
  ['proposal-deadline', 'hr-deadlines'],
  ['spst-notice', 'hr-deadlines'],
  ['eligibility-threshold', 'who-is-eligible'],
  ['health-disclosure', 'manager-what-to-say'],
];
const areSiblings = (a: string, b: string) =>
  SIBLINGS.some(([x, y]) => (a === x && b === y) || (a === y && b === x));

/** Every phrasing of every entry, the entry titles first, then the redirections' phrasings. */
export function phrasingsOf(data: FaqIndexData, titles: FaqTitles): Array<{ entryId: string; text: string }> {
  const phrasings: Array<{ entryId: string; text: string }> = [];
  for (const [entryId, { keywords, questions }] of Object.entries(data.entries)) {
    for (const text of [titles[entryId]?.title ?? '', ...questions, ...keywords]) {
      if (text) phrasings.push({ entryId, text });
    }
  }
  for (const [topic, texts] of Object.entries(data.redirects)) {
    for (const text of texts) phrasings.push({ entryId: `${REDIRECT_PREFIX}${topic}`, text });
  }
  return phrasings;
}

interface LocaleMatcher {
  model: FaqModel;
  /** Normalised title or phrasing → its entry, for messages that say exactly one (a tapped button). */
  exactPhrases: Map<string, string>;
  generalEntry: string;
}

function buildMatcher(data: FaqIndexData, titles: FaqTitles, locale: Locale, options: ModelOptions) {
  const phrasings = phrasingsOf(data, titles).map(({ entryId, text }) => {
    const framed = withoutFrames(text);
    return { entryId, text: framed, terms: meaningfulTerms(framed, locale) };
  });
  const exactPhrases = new Map<string, string>();
  // Titles first: a tapped suggestion comes back as its title and must find its own entry.
  for (const [entryId, { title }] of Object.entries(titles)) {
    const key = meaningfulTerms(title, locale).join(' ');
    if (key && data.entries[entryId] && !exactPhrases.has(key)) exactPhrases.set(key, entryId);
  }
  for (const { entryId, terms } of phrasings) {
    const key = terms.join(' ');
    if (key && !isRedirect(entryId) && !exactPhrases.has(key)) exactPhrases.set(key, entryId);
  }
  return { model: new FaqModel(locale, phrasings, options), exactPhrases, generalEntry: data.generalEntry };
}

const DATA: Record<Locale, [FaqIndexData, FaqTitles]> = {
  fr: [indexFr as FaqIndexData, faqFr.entries],
  en: [indexEn as FaqIndexData, faqEn.entries],
};

/**
 * Built on first use rather than when the module loads (a few hundred ms of CPU): the bot starts answering
 * /healthz sooner and warms the models up right after it listens (warmUpFaqMatcher).
 */
let matchers: Record<Locale, LocaleMatcher> | undefined;

function builtMatchers(): Record<Locale, LocaleMatcher> {
  matchers ??= {
    fr: buildMatcher(...DATA.fr, 'fr', DEFAULT_MODEL_OPTIONS),
    en: buildMatcher(...DATA.en, 'en', DEFAULT_MODEL_OPTIONS),
  };
  return matchers;
}

/** Builds both languages' models and the health guard's tables and loads the language detector now, if no question has yet. */
export function warmUpFaqMatcher(): void {
  builtMatchers();
  warmUpHealthGuard();
  detector();
}

/** Rebuilds the models with other options: for scripts/eval-faq.ts's comparison of variants only. */
export function rebuildModels(options: ModelOptions): void {
  matchers = {
    fr: buildMatcher(...DATA.fr, 'fr', options),
    en: buildMatcher(...DATA.en, 'en', options),
  };
}

/** What the matcher makes of one piece of text. */
interface Assessment {
  ranked: ScoredEntry[];
  /** Cut out of a sentence at a conjunction, rather than a sentence of its own. */
  clause?: boolean;
  /** The best entry, when it is sure enough to be answered (or redirected). */
  sure: string | null;
  score: number;
  /** Where the piece starts in the message, to answer several questions in the message's order. */
  position: number;
}

/**
 * Scores one piece of text. Only the whole message may be an exact phrasing (a tapped button); a piece of a
 * message such as "qui peut la demander" is scored, never taken for the phrasing it happens to equal.
 */
function assess(
  text: string,
  locale: Locale,
  position: number,
  health: boolean,
  piece = false,
): Assessment | null {
  const matcher = builtMatchers()[locale];
  const cleaned = withoutFrames(health ? withoutHealthDetails(text) : text);
  const terms = meaningfulTerms(cleaned, locale);
  if (!terms.length) return null;
  if (terms.every((term) => isGenericTerm(term, locale))) {
    return {
      ranked: [{ id: matcher.generalEntry, score: 1 }],
      sure: matcher.generalEntry,
      score: 1,
      position,
    };
  }
  // One word is too little to be sure of a phrasing: "do I need to mention it?" and "do I have to say yes?"
  // both come down to "disclose".
  const exact = piece || terms.length < 2 ? undefined : matcher.exactPhrases.get(terms.join(' '));
  if (exact) return { ranked: [{ id: exact, score: 1 }], sure: exact, score: 1, position };
  return decide(matcher.model.score(cleaned, terms), position);
}

/** The best of a ranking, when it is sure enough to be answered: above the threshold, ahead of the next. */
function decide(ranked: ScoredEntry[], position: number, long = false): Assessment | null {
  const [best] = ranked;
  if (!best) return null;
  const second = ranked.find(({ id }) => id !== best.id && !areSiblings(id, best.id));
  const margin = best.score - (second?.score ?? 0);
  const answer = long ? THRESHOLDS.longAnswer : THRESHOLDS.answer;
  const sure = best.score >= answer && margin >= THRESHOLDS.margin ? best.id : null;
  return { ranked, sure, score: best.score, position };
}

/** A piece's scores blended with the whole message's (TUNING.contextShare of the whole), best first. */
function blend(ranked: ScoredEntry[], context: ScoredEntry[]): ScoredEntry[] {
  const share = TUNING.contextShare;
  if (share === 0) return ranked;
  const scores = new Map<string, number>();
  for (const { id, score } of ranked) scores.set(id, (1 - share) * score);
  for (const { id, score } of context) scores.set(id, (scores.get(id) ?? 0) + share * score);
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score);
}

/** Splits a sentence that asks two things ("c'est obligatoire et je peux venir avec quelqu'un ?"). */
const CONJUNCTION =
  /\s*(?:,\s*|\s)(?:et|and|ainsi que|also|aussi|plus|puis|then|sinon|otherwise|mais|but)(?:\s+(?:aussi|also))?\s+(?=(?:est[- ]ce|es[- ]ce|je|j'|jpeux|jveux|on|y|il|ils|elle|mon|ma|mes|si|qui|que|qu'|quoi|quel|quelle|quels|quelles|quand|combien|comment|pourquoi|faut|dois|peux|puis|c'est|can|could|is|are|do|does|will|would|what|who|when|where|why|which|how|if|my|i|they|should|may|must|am|have|has|did|was|savoir|voudrais|aimerais|souhaite|souhaiterais|in|at|during|pendant|au|a)\b)/i;

/** A question that opens with a connector ("Et la visite de reprise… ?", "Also do I need…"): another question. */
const ANOTHER_QUESTION = /^(?:et|and|also|aussi|plus|puis|autre question|another question)\b/i;

/**
 * The parts of a message worth matching on their own, with where each starts: the sentences that ask something
 * (every sentence when none does; the last MAX_SENTENCES), each split once more where it asks a second thing.
 */
function partsOf(sentences: Sentence[]): Array<{ text: string; position: number; clause?: boolean }> {
  const questions = sentences.filter(({ asks }) => asks);
  const chosen = (questions.length ? questions : sentences).slice(-MAX_SENTENCES);
  return chosen.flatMap(({ text: sentence, position }) => {
    const split = sentence.split(CONJUNCTION).filter((piece) => piece.trim().length > 0);
    if (split.length < 2) return [{ text: sentence, position }];
    let offset = 0;
    return split.map((piece) => {
      const at = sentence.indexOf(piece, offset);
      offset = at + piece.length;
      return { text: piece, position: position + Math.max(at, 0), clause: true };
    });
  });
}

function toMatch(assessment: Assessment, related: boolean): FaqMatch {
  const { ranked, sure, score } = assessment;
  if (sure && isRedirect(sure)) {
    return { kind: 'out_of_scope', topic: sure.slice(REDIRECT_PREFIX.length) as OutOfScopeTopic };
  }
  const entries = ranked.filter(({ id }) => !isRedirect(id));
  if (!sure) return { kind: 'suggestions', ids: entries.slice(0, SUGGESTION_COUNT).map(({ id }) => id) };
  return {
    kind: 'answer',
    id: sure,
    confidence: Math.round(score * 1000) / 1000,
    related: related
      ? entries
          .filter(({ id, score: other }) => id !== sure && other >= RELATED_MIN_SHARE * score)
          .slice(0, RELATED_COUNT)
          .map(({ id }) => id)
      : [],
  };
}

function understandIn(text: string, locale: Locale): Omit<FaqUnderstanding, 'language'> {
  const single = (match: FaqMatch) => ({
    match,
    answers: match.kind === 'answer' ? [match] : [],
    more: [],
  });
  const outOfScope = detectOutOfScope(text, locale);
  if (outOfScope) return single({ kind: 'out_of_scope', topic: outOfScope });
  const smallTalk = detectSmallTalk(text, locale);
  if (smallTalk) return single({ kind: 'answer', id: smallTalk, confidence: 1, related: [] });

  // Health details are looked past (blanked) only in a message that has some: most have none.
  const health = containsHealthDetails(text).found;
  // A letter's greeting and closing ask nothing: only what they frame is matched.
  const body = withoutFormulas(text);
  const whole = assess(body, locale, 0, health);
  const sentences = sentencesOf(body.slice(0, MAX_PROCESSED_CHARS));
  const parts = partsOf(sentences);
  const pieces =
    parts.length === 1 && parts[0]!.text === body.trim()
      ? []
      : parts
          .map((part) => {
            const assessed = assess(part.text, locale, part.position, health, true);
            return (
              assessed && {
                ...assessed,
                clause: part.clause === true,
                asked: part.clause !== true,
              }
            );
          })
          .filter((part) => part !== null);
  const surePieces = pieces.filter((piece) => piece.sure);
  // "…? Et le train, c'est remboursé ?": a question that opens with a connector says the message asks more than
  // one thing, so each of its questions is answered when it is sure, without the second question's bar.
  const announced = sentences.some(({ text: sentence, asks }) => asks && ANOTHER_QUESTION.test(sentence));

  // Several questions: each sure piece that names a different entry, in the message's order.
  const distinct = new Map<string, Assessment>();
  for (const piece of surePieces) {
    if (piece.score < THRESHOLDS.second && surePieces.length > 1 && !(announced && piece.asked)) continue;
    const known = distinct.get(piece.sure!);
    if (!known || piece.score > known.score) distinct.set(piece.sure!, piece);
  }
  // A clause cut out of a sentence ("…, et je dois attendre combien de jours ?") is a second question only when
  // the whole message points that way too: its entry among the whole's closest, scoring at least
  // TUNING.clauseSupport of the whole's best ("…et qui peut la demander" after "c'est quoi la visite de
  // préreprise" only asks more of the same). TUNING.sentenceSupport does the same for whole sentences (0: off,
  // as the search on the development set chose).
  const wholeRanked = whole?.ranked ?? [];
  const wholeTop = new Set(wholeRanked.slice(0, WHOLE_SUPPORT).map(({ id }) => id));
  const wholeScore = (id: string) => wholeRanked.find((entry) => entry.id === id)?.score ?? 0;
  const supported = (id: string, share: number) =>
    share === 0 || (wholeTop.has(id) && wholeScore(id) >= share * (wholeRanked[0]?.score ?? 0));
  const answerable = [...distinct.values()].filter(
    (piece) =>
      !isRedirect(piece.sure!) &&
      supported(piece.sure!, piece.clause ? TUNING.clauseSupport : TUNING.sentenceSupport),
  );
  if (answerable.length >= 2) {
    const inOrder = [...answerable].sort((a, b) => a.position - b.position);
    const answers = inOrder.slice(0, MAX_ANSWERS).map((piece) => toMatch(piece, false));
    return {
      match: answers[0]!,
      answers: answers.filter((answer) => answer.kind === 'answer'),
      more: inOrder.slice(MAX_ANSWERS).map((piece) => piece.sure!),
    };
  }

  // One question: the surest of the message and its pieces (a story's question is sharper than the story).
  // A clause alone never stands for the whole sentence it was cut from: only as one of two questions.
  // Each sentence is read in the context of the whole message here ("Am I allowed to call her?" after a
  // manager's story), but not when looking for a second question, which the context would drown.
  const long = sentences.length >= THRESHOLDS.longSentences;
  const inContext = pieces
    .filter((piece) => !piece.clause)
    .map((piece) => decide(blend(piece.ranked, whole?.ranked ?? []), piece.position, long))
    .filter((piece) => piece !== null);
  const story = long && whole && whole.score < 1 ? decide(whole.ranked, 0, true) : whole;
  const candidates = [...(story?.sure ? [story] : []), ...inContext.filter((piece) => piece.sure)];
  const best = candidates.reduce<Assessment | null>(
    (kept, next) => (!kept || next.score > kept.score ? next : kept),
    null,
  );
  if (best) return single(toMatch(best, true));
  if (!whole) {
    // Nothing but health details ("j'ai un cancer"): a matter for a doctor, not for this bot.
    return single({ kind: 'out_of_scope', topic: health ? 'medical' : 'other' });
  }
  const fallback = [whole, ...inContext].reduce((kept, next) => (next.score > kept.score ? next : kept));
  return single(toMatch(fallback, false));
}

/** How sure an understanding is, to choose between the two languages of a message that could be either. */
const strength = (understanding: Omit<FaqUnderstanding, 'language'>) =>
  understanding.match.kind === 'suggestions' ? 0 : 1;

/**
 * What the bot understands of a free-text message: the language it is written in (the activity's language
 * for short or mixed messages), and the FAQ entries it asks about, a redirection, or a few candidates.
 */
export function understandQuestion(text: string, activityLocale: Locale): FaqUnderstanding {
  const { language, sure } = assessQuestionLanguage(text, activityLocale);
  const understood = understandIn(text, language);
  if (sure || strength(understood) > 0) return { language, ...understood };
  // Too short to tell, and not understood in the person's language: the other one may do better.
  const other: Locale = language === 'fr' ? 'en' : 'fr';
  const inOther = understandIn(text, other);
  return strength(inOther) > strength(understood)
    ? { language: other, ...inOther }
    : { language, ...understood };
}

/** What the bot understands of a free-text question in a given language: one entry, candidates, or a topic it declines. */
export function matchFaq(text: string, locale: Locale): FaqMatch {
  return understandIn(text, locale).match;
}

/** For scripts and tests: the whole message's and each piece's closest entries, to read why a reply was chosen. */
export function explainQuestion(text: string, locale: Locale) {
  const health = containsHealthDetails(text).found;
  const body = withoutFormulas(text);
  const whole = assess(body, locale, 0, health);
  const show = (piece: string, position: number, clause?: boolean) => {
    const raw = position < 0 ? whole : assess(piece, locale, position, health, true);
    const assessed =
      raw && position >= 0 && !clause ? decide(blend(raw.ranked, whole?.ranked ?? []), position) : raw;
    return {
      piece,
      clause: clause === true,
      sure: assessed?.sure ?? null,
      top: (assessed?.ranked ?? []).slice(0, 3).map(({ id, score }) => `${id} ${score.toFixed(3)}`),
    };
  };
  return [
    show(body, -1),
    ...partsOf(sentencesOf(body.slice(0, MAX_PROCESSED_CHARS))).map((part) =>
      show(part.text, part.position, part.clause),
    ),
  ];
}
