// formatIsoDate: a calendar day in the reader's language, read from the string.
import { formatIsoDate } from '../../language/dates';
import { i18n, LANGUAGES, translatorFor } from '../../language/i18n';

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

describe("formatIsoDate with translatorFor's translators, which keep the sentences they gave", () => {
  /** Every day of 2026 to 2028 (a leap year), as IsoDate. */
  const days = Array.from({ length: 3 * 366 }, (_, i) =>
    new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  ).filter((day) => day < '2029-01-01');

  test.each(LANGUAGES)(
    'in %s, every day of 2026–2028: what i18next spells, asked once and again',
    (language) => {
      const kept = translatorFor(language);
      // A translator of its own, straight from i18next: nothing kept.
      const fresh = i18n.getFixedT(language);
      for (const day of days) {
        const expected = formatIsoDate(day, fresh);
        expect(expected).toMatch(/20\d\d/);
        expect([day, formatIsoDate(day, kept)]).toEqual([day, expected]);
        expect([day, formatIsoDate(day, kept)]).toEqual([day, expected]);
      }
    },
  );

  test('a date spelt again is not looked up again', () => {
    const lookUps = jest.spyOn(i18n, 't');
    try {
      formatIsoDate('2031-05-04', fr);
      const before = lookUps.mock.calls.length;
      expect(formatIsoDate('2031-05-04', fr)).toBe('04/05/2031');
      expect(lookUps.mock.calls.length).toBe(before);
      // Another translator (another namespace) has kept nothing of it yet: its month and its date.
      expect(formatIsoDate('2031-05-04', translatorFor('en-US', 'cards'))).toBe('4 May 2031');
      expect(lookUps.mock.calls.length).toBe(before + 2);
    } finally {
      lookUps.mockRestore();
    }
  });
});
