// Measures the FAQ matcher on probes and labelled sets (used by `npm run eval:faq`).
import type { FaqMatch } from './faq-matcher';
import { createFaqTranslators, replyToQuestion, type FaqReply, type FaqTranslator } from './faq-reply';
import { languageOf } from './languages';
import type { Locale } from './normalize';
import type { OutOfScopeTopic } from './out-of-scope';

export { createFaqTranslators };

/** One public probe: a question, and regular expressions its reply must (any) and must not (none) match. */
export interface FaqProbe {
  id: string;
  locale: string;
  faq: string | null;
  text: string;
  expectAny: string[];
  expectNone: string[];
}

export interface ProbeResult {
  probe: FaqProbe;
  match: FaqMatch;
  reply: string;
  passed: boolean;
  /** Why it failed: no expectAny pattern matched, or these expectNone patterns did. */
  missingExpected: boolean;
  forbiddenMatched: string[];
}

export interface PassRate {
  passed: number;
  total: number;
  rate: number;
}

export interface EvaluationReport {
  results: ProbeResult[];
  byLocale: Record<Locale, PassRate>;
  overall: PassRate;
}

/** The probes' patterns are Unicode-aware and case-insensitive. */
const PROBE_FLAGS = 'iu';

function evaluateProbe(probe: FaqProbe, translators: Record<Locale, FaqTranslator>): ProbeResult {
  const { match, text } = replyToQuestion(probe.text, languageOf(probe.locale), translators);
  const matches = (pattern: string) => new RegExp(pattern, PROBE_FLAGS).test(text);
  const missingExpected = !probe.expectAny.some(matches);
  const forbiddenMatched = probe.expectNone.filter(matches);
  return {
    probe,
    match,
    reply: text,
    passed: !missingExpected && forbiddenMatched.length === 0,
    missingExpected,
    forbiddenMatched,
  };
}

function passRate<T extends { passed: boolean }>(results: T[]): PassRate {
  const passed = results.filter((result) => result.passed).length;
  return { passed, total: results.length, rate: results.length ? passed / results.length : 0 };
}

/** Runs every public probe through the matcher and the reply text the bot would show, and counts the passes. */
export function evaluateFaq(
  probes: FaqProbe[],
  translators: Record<Locale, FaqTranslator> = createFaqTranslators(),
): EvaluationReport {
  const results = probes.map((probe) => evaluateProbe(probe, translators));
  const ofLocale = (locale: Locale) => results.filter((result) => languageOf(result.probe.locale) === locale);
  return {
    results,
    byLocale: { fr: passRate(ofLocale('fr')), en: passRate(ofLocale('en')) },
    overall: passRate(results),
  };
}

/**
 * One message of the development or test set (test/fixtures/faq-dev.json, faq-test.json): what a real user
 * typed, with the answer expected. docs/faq.md defines "correct" and "false claim".
 */
export interface LabelledMessage {
  id: string;
  /** The activity's locale (the person's Teams language). */
  locale: string;
  /** The language the message is written in: the reply must be in it. */
  language: Locale;
  /** plain, sms, typo, story, formal, two, hr, health, redirect, cross-… */
  kind: string;
  text: string;
  /** One list per question the message asks: the entry ids that answer it. */
  answers: string[][];
  /** The redirection expected instead of an answer. */
  redirect?: OutOfScopeTopic;
  /** The message carries a health detail: the reply must say none is needed. */
  healthDetail: boolean;
}

export type Outcome =
  'correct' | 'false_claim' | 'not_sure' | 'wrong_redirect' | 'wrong_language' | 'partial';

export interface LabelledResult {
  message: LabelledMessage;
  reply: FaqReply;
  outcome: Outcome;
  /** What the bot did, in short: "answer a+b", "suggest a,b,c", "redirect pay". */
  got: string;
}

export interface LabelledReport {
  results: LabelledResult[];
  overall: PassRate & { falseClaims: number };
  byLanguage: Record<string, PassRate & { falseClaims: number }>;
  byKind: Record<string, PassRate & { falseClaims: number }>;
}

/**
 * Correct: a redirection expected and that redirection given; or every question the message asks answered by
 * one of its acceptable entries (two questions: both, in one reply), nothing else answered, in the message's
 * language, with the health notice when the message carried a health detail.
 * False claim: an answer section from an entry not acceptable for any question of the message.
 */
export function judge(message: LabelledMessage, reply: FaqReply): Outcome {
  const answered = reply.sections.map(({ id }) => id);
  const acceptable = new Set(message.answers.flat());
  if (answered.some((id) => !acceptable.has(id))) return 'false_claim';
  if (message.redirect) {
    return reply.match.kind === 'out_of_scope' && reply.match.topic === message.redirect
      ? 'correct'
      : 'wrong_redirect';
  }
  if (!answered.length) return 'not_sure';
  const covered = message.answers.every((ids) => ids.some((id) => answered.includes(id)));
  if (!covered) return 'partial';
  if (reply.language !== message.language) return 'wrong_language';
  if (message.healthDetail && !reply.healthDetails) return 'partial';
  return 'correct';
}

function describe(reply: FaqReply): string {
  const { match } = reply;
  if (reply.sections.length)
    return `answer ${reply.sections.map(({ id }) => id).join('+')} (${reply.language})`;
  if (match.kind === 'out_of_scope') return `redirect ${match.topic}`;
  return `suggest ${match.kind === 'suggestions' ? match.ids.join(',') : ''}`;
}

function rate(results: LabelledResult[]): PassRate & { falseClaims: number } {
  return {
    ...passRate(results.map((result) => ({ passed: result.outcome === 'correct' }))),
    falseClaims: results.filter((result) => result.outcome === 'false_claim').length,
  };
}

const groupBy = (results: LabelledResult[], key: (result: LabelledResult) => string) => {
  const groups: Record<string, LabelledResult[]> = {};
  for (const result of results) (groups[key(result)] ??= []).push(result);
  return Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, rate(group)]));
};

/** Runs a labelled set through the bot's reply and judges each message. */
export function evaluateLabelled(
  messages: LabelledMessage[],
  translators: Record<Locale, FaqTranslator> = createFaqTranslators(),
): LabelledReport {
  const results = messages.map((message) => {
    const reply = replyToQuestion(message.text, languageOf(message.locale), translators);
    return { message, reply, outcome: judge(message, reply), got: describe(reply) };
  });
  return {
    results,
    overall: rate(results),
    byLanguage: groupBy(results, ({ message }) =>
      message.language === languageOf(message.locale)
        ? message.language
        : `${message.language} (other locale)`,
    ),
    byKind: groupBy(results, ({ message }) => message.kind),
  };
}
