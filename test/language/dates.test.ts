// formatIsoDate: a calendar day in the reader's language, read from the string; kept for translatorFor's translators.
import { DATES_KEPT_MAX, formatIsoDate } from '../../language/dates';
import { i18n, isSharedTranslator, LANGUAGES, translatorFor } from '../../language/i18n';

const fr = translatorFor('fr-FR');
const en = translatorFor('en-US');

test.each([
  ['2026-12-07', '07/12/2026', '7 December 2026'],
  ['2027-01-01', '01/01/2027', '1 January 2027'],
  ['2026-08-31', '31/08/2026', '31 August 2026'],
])('formatIsoDate(%s) reads the day from the string', (date, french, english) => {
  expect(formatIsoDate(date, fr)).toBe(french);
  expect(formatIsoDate(date, en)).toBe(english);
});

describe('formatIsoDate keeps the dates it formatted for translatorFor', () => {
  /** Every day of 2026 to 2028 (a leap year), as IsoDate. */
  const days = Array.from({ length: 3 * 366 }, (_, i) =>
    new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  ).filter((day) => day < '2029-01-01');

  test.each(LANGUAGES)(
    'in %s, every day of 2026–2028: what i18next spells, asked once and again',
    (language) => {
      const kept = translatorFor(language);
      // A translator of its own (not translatorFor's): formatted afresh every time.
      const fresh = i18n.getFixedT(language);
      expect(isSharedTranslator(fresh)).toBe(false);
      for (const day of days) {
        const expected = formatIsoDate(day, fresh);
        expect(expected).toMatch(/20\d\d/);
        expect([day, formatIsoDate(day, kept)]).toEqual([day, expected]);
        expect([day, formatIsoDate(day, kept)]).toEqual([day, expected]);
      }
    },
  );

  test('a date formatted again is not looked up again; with another translator it always is', () => {
    const lookUps = jest.spyOn(i18n, 't');
    try {
      formatIsoDate('2031-05-04', fr);
      const before = lookUps.mock.calls.length;
      expect(formatIsoDate('2031-05-04', fr)).toBe('04/05/2031');
      expect(lookUps.mock.calls.length).toBe(before);
      expect(formatIsoDate('2031-05-04', en)).toBe('4 May 2031');
      expect(lookUps.mock.calls.length).toBe(before + 2);
      const own = i18n.getFixedT('en');
      formatIsoDate('2031-05-04', own);
      formatIsoDate('2031-05-04', own);
      expect(lookUps.mock.calls.length).toBe(before + 6);
    } finally {
      lookUps.mockRestore();
    }
  });

  test(`at most ${DATES_KEPT_MAX} dates kept per translator, the first formatted leaving first`, () => {
    const t = translatorFor('en-GB');
    const lookUps = jest.spyOn(i18n, 't');
    try {
      const first = '2040-01-01';
      formatIsoDate(first, t);
      const later = days.slice(0, DATES_KEPT_MAX).map((day) => day.replace(/^20/, '21'));
      for (const day of later) formatIsoDate(day, t);
      const before = lookUps.mock.calls.length;
      formatIsoDate(later.at(-1)!, t);
      expect(lookUps.mock.calls.length).toBe(before);
      expect(formatIsoDate(first, t)).toBe('1 January 2040');
      expect(lookUps.mock.calls.length).toBe(before + 2);
    } finally {
      lookUps.mockRestore();
    }
  });
});
