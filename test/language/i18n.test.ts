// Locales: same files and keys in both languages; languageOf; translatorFor's kept sentences match i18next's.
import fs from 'node:fs';
import path from 'node:path';
import { i18n, languageOf, translatorFor, LANGUAGES } from '../../language/i18n';
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

/** Every key of every namespace of `language`: locales/<language>/<ns>.json, and cards/<card>.json (namespace "cards"). */
const namespacedKeys = (language: string) =>
  localeFiles(language).flatMap((file) => {
    const [first, second] = file.slice(0, -'.json'.length).split(path.sep);
    const [namespace, prefix] = second === undefined ? [first!, ''] : [first!, `${second}.`];
    const keys = flattenKeys(readLocale(language, file), prefix);
    // The objects above the leaves too: asked without options, i18next answers those with a sentence of its own.
    const parents = keys.flatMap((key) =>
      key
        .split('.')
        .slice(1)
        .map((_, i, parts) =>
          key
            .split('.')
            .slice(0, parts.length - i)
            .join('.'),
        ),
    );
    return [...new Set([...keys, ...parents])].map((key) => [namespace, key] as const);
  });

describe('translatorFor keeps the sentences of option-less keys', () => {
  test.each(LANGUAGES)(
    'every key of locales/%s: the same sentence as i18next, asked once and again',
    (language) => {
      const keys = namespacedKeys(language);
      expect(keys.length).toBeGreaterThan(500);
      for (const [namespace, key] of keys) {
        const expected = i18n.getFixedT(language, namespace)(key) as unknown;
        const t = translatorFor(language, namespace);
        expect([namespace, key, t(key)]).toEqual([namespace, key, expected]);
        expect([namespace, key, t(key)]).toEqual([namespace, key, expected]);
      }
    },
  );

  test('the same translator for every locale of a language and namespace, another for another', () => {
    expect(translatorFor('fr-FR')).toBe(translatorFor('fr-CA'));
    expect(translatorFor('fr-FR', 'cards')).toBe(translatorFor('fr', 'cards'));
    expect(translatorFor('en-US')).not.toBe(translatorFor('fr-FR'));
    expect(translatorFor('fr-FR', 'cards')).not.toBe(translatorFor('fr-FR'));
  });

  test('says its language, namespace and key prefix, as the card binder reads them', () => {
    const { lng, ns, keyPrefix } = translatorFor('en-GB', 'cards') as unknown as Record<string, unknown>;
    expect({ lng, ns, keyPrefix }).toEqual({ lng: 'en', ns: 'cards', keyPrefix: undefined });
  });

  test('a key asked again is not looked up again; a call with options always is', () => {
    const lookUps = jest.spyOn(i18n, 't');
    try {
      const t = translatorFor('en-US', 'caseDialog');
      t('absenceKinds.maternite');
      const before = lookUps.mock.calls.length;
      expect(t('absenceKinds.maternite')).toBe('Maternity leave');
      expect(lookUps.mock.calls.length).toBe(before);
      const errors = ['2026-12-07', '2026-12-08'].map((day) => t('errors.endBeforeStart', { day }));
      expect(lookUps.mock.calls.length).toBe(before + 2);
      expect(errors[0]).not.toBe(errors[1]);
      expect(errors[0]).toBe(
        i18n.getFixedT('en', 'caseDialog')('errors.endBeforeStart', { day: '2026-12-07' }),
      );
      expect(t(['absenceKinds.none', 'absenceKinds.paternite'])).toBe('Paternity leave');
    } finally {
      lookUps.mockRestore();
    }
  });
});
