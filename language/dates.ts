// Calendar days as people read them, in the reader's language: the one date formatter of cards, messages, letters and emails.
import type { IsoDate } from '../domain/calendar';
import type { Translator } from './i18n';

/**
 * `2026-12-07` → "07/12/2026" in French, "7 December 2026" in English; read from the string, no clock involved.
 * The words are the cards' (locales/<language>/cards: case.months, case.dateFormat).
 */
export function formatIsoDate(date: IsoDate, t: Translator): string {
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const month = t(`case.months.${mm}`, { ns: 'cards' });
  return t('case.dateFormat', { ns: 'cards', yyyy, mm, dd, d: String(Number(dd)), month });
}
