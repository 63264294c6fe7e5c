import fs from 'node:fs';
import path from 'node:path';
import { languageOf, translatorFor, LANGUAGES } from '../../language/i18n';
import { LOCALES_DIR } from '../../bot/platform/paths';

const flattenKeys = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => flattenKeys(child, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

/** Every JSON file under locales/<language>/, as a path relative to it (cards/<name>.json included). */
const localeFiles = (language: string) =>
  fs
    .readdirSync(path.join(LOCALES_DIR, language), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
const readLocale = (language: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, language, file), 'utf8'));

describe('locales', () => {
  test('French and English have the same files', () => {
    expect(localeFiles('en')).toEqual(localeFiles('fr'));
  });

  test.each(localeFiles('fr'))('%s has the same keys in both languages, none empty', (file) => {
    const [fr, en] = LANGUAGES.map((language) => readLocale(language, file));
    expect(flattenKeys(en).sort()).toEqual(flattenKeys(fr).sort());
    for (const language of [fr, en]) {
      for (const key of flattenKeys(language)) {
        const leaf = key.split('.').reduce((node, part) => node[part], language);
        expect(typeof leaf === 'string' ? leaf.trim() : leaf).toBeTruthy();
      }
    }
  });
});

describe('languageOf', () => {
  test.each([
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['en', 'en'],
    ['de-DE', 'fr'],
    ['', 'fr'],
    [undefined, 'fr'],
  ])('%s → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});

test('translators for different languages live side by side', () => {
  const fr = translatorFor('fr-FR');
  const en = translatorFor('en-US');
  expect(en('notUnderstood')).toMatch(/didn't understand/);
  expect(fr('notUnderstood')).toMatch(/pas compris/);
  expect(en('notUnderstood')).toMatch(/didn't understand/);
});
