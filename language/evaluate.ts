import i18next from 'i18next';
import faqEn from '../locales/en/faq.json';
import faqFr from '../locales/fr/faq.json';
import type { FaqMatch } from './faq-matcher';
import { replyToQuestion, type FaqTranslator } from './faq-reply';
import type { Locale } from './normalize';

/** One evaluation probe: a question, and regular expressions its reply must (any) and must not (none) match. */
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

/** `fr-FR`, `fr` → fr; anything else → en. */
const localeOf = (probeLocale: string): Locale => (probeLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en');

/** A translator per language over the FAQ resource files, as the bot loads them. */
export function createFaqTranslators(): Record<Locale, FaqTranslator> {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { fr: { faq: faqFr }, en: { faq: faqEn } },
    lng: 'fr',
    ns: ['faq'],
    defaultNS: 'faq',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return { fr: instance.getFixedT('fr', 'faq'), en: instance.getFixedT('en', 'faq') };
}

function evaluateProbe(probe: FaqProbe, translators: Record<Locale, FaqTranslator>): ProbeResult {
  const locale = localeOf(probe.locale);
  const { match, text } = replyToQuestion(probe.text, locale, translators[locale]);
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

function passRate(results: ProbeResult[]): PassRate {
  const passed = results.filter((result) => result.passed).length;
  return { passed, total: results.length, rate: results.length ? passed / results.length : 0 };
}

/** Runs every probe through the matcher and the reply text the bot would show, and counts the passes. */
export function evaluateFaq(
  probes: FaqProbe[],
  translators: Record<Locale, FaqTranslator> = createFaqTranslators(),
): EvaluationReport {
  const results = probes.map((probe) => evaluateProbe(probe, translators));
  const ofLocale = (locale: Locale) => results.filter((result) => localeOf(result.probe.locale) === locale);
  return {
    results,
    byLocale: { fr: passRate(ofLocale('fr')), en: passRate(ofLocale('en')) },
    overall: passRate(results),
  };
}
