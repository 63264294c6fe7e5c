// Calendar days as people read them, in the reader's language: the one date formatter of cards, messages, letters and emails.
import type { IsoDate } from '../domain/calendar';
import { isSharedTranslator, type Translator } from './i18n';

/** At most this many dates kept per translator (the oldest formatted leaving first). */
export const DATES_KEPT_MAX = 1_024;

/**
 * The dates already formatted, per translator: only translatorFor's, which give the same words for as long as the
 * process lives. Formatting one costs two i18next look-ups with interpolation (about 70 µs), and an answered card
 * or a case card formats its meeting's date on every binding.
 */
const formatted = new WeakMap<Translator, Map<IsoDate, string>>();

/**
 * `2026-12-07` → "07/12/2026" in French, "7 December 2026" in English; read from the string, no clock involved.
 * The words are the cards' (locales/<language>/cards: case.months, case.dateFormat).
 */
export function formatIsoDate(date: IsoDate, t: Translator): string {
  if (!isSharedTranslator(t)) return spelled(date, t);
  let dates = formatted.get(t);
  if (!dates) {
    dates = new Map();
    formatted.set(t, dates);
  }
  let text = dates.get(date);
  if (text === undefined) {
    text = spelled(date, t);
    if (dates.size >= DATES_KEPT_MAX) dates.delete(dates.keys().next().value as IsoDate);
    dates.set(date, text);
  }
  return text;
}

function spelled(date: IsoDate, t: Translator): string {
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const month = t(`case.months.${mm}`, { ns: 'cards' });
  return t('case.dateFormat', { ns: 'cards', yyyy, mm, dd, d: String(Number(dd)), month });
}
