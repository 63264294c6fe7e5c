// formatIsoDate: a calendar day in the reader's language, read from the string.
import { formatIsoDate } from '../../language/dates';
import { translatorFor } from '../../language/i18n';

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
