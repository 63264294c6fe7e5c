// Recognises an employee asking for a rendez-vous de liaison in French or English.
import patterns from './data/meeting-request.json';
import { foldText, MAX_PROCESSED_CHARS, type Locale } from './normalize';

const compile = (sources: string[]) => sources.map((source) => new RegExp(source));

const PATTERNS: Record<Locale, { request: RegExp[]; notRequest: RegExp[] }> = {
  fr: { request: compile(patterns.fr.request), notRequest: compile(patterns.fr.notRequest) },
  en: { request: compile(patterns.en.request), notRequest: compile(patterns.en.notRequest) },
};

/**
 * Whether the employee is asking for a liaison meeting ("je voudrais un rendez-vous de liaison", "I'd like a
 * liaison meeting"), as opposed to asking about it ("c'est quoi un rdv de liaison ?"), refusing it, or
 * reporting that someone else wants one.
 */
export function detectsMeetingRequest(text: string, locale: Locale): boolean {
  const folded = foldText(text.slice(0, MAX_PROCESSED_CHARS)).replace(/\s+/g, ' ');
  const { request, notRequest } = PATTERNS[locale];
  return (
    request.some((pattern) => pattern.test(folded)) && !notRequest.some((pattern) => pattern.test(folded))
  );
}
