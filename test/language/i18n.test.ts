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

/** Every key of every namespace of `language` (locales/<language>/<ns>.json, and cards/<card>.json: "cards"), with its sentence. */
const namespacedKeys = (language: string) =>
  localeFiles(language).flatMap((file) => {
    const [first, second] = file.slice(0, -'.json'.length).split(path.sep);
    const [namespace, prefix] = second === undefined ? [first!, ''] : [first!, `${second}.`];
    const content = readLocale(language, file) as unknown;
    const leaves = flattenKeys(content).map((key) => ({
      key: `${prefix}${key}`,
      sentence: String(
        key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], content),
      ),
    }));
    // The objects above the leaves too: asked without options, i18next answers those with a sentence of its own;
    // and the plural keys without their suffix (asked with a count).
    const others = leaves.flatMap(({ key }) => [
      ...key
        .split('.')
        .slice(1)
        .map((_, i, parts) =>
          key
            .split('.')
            .slice(0, parts.length - i)
            .join('.'),
        ),
      ...(/_(one|other)$/.test(key) ? [key.replace(/_(one|other)$/, '')] : []),
    ]);
    const sentences = new Map(leaves.map(({ key, sentence }) => [key, sentence]));
    for (const key of others) if (!sentences.has(key)) sentences.set(key, '');
    return [...sentences].map(([key, sentence]) => ({ namespace, key, sentence }));
  });

/** The options a sentence interpolates (`{{day}}` → { day: '«day»' }), and a count for plural keys. */
const optionsFor = (sentence: string): Array<Record<string, string | number>> => {
  const names = [...sentence.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]!);
  const values = Object.fromEntries(names.map((name) => [name, `«${name}»`]));
  return [values, { ...values, count: 1 }, { ...values, count: 2 }, { ...values, ns: 'common' }];
};

describe('translatorFor keeps the sentences it gave', () => {
  test.each(LANGUAGES)(
    'every key of locales/%s, without options and with its own: the same sentence as i18next, asked once and again',
    (language) => {
      const keys = namespacedKeys(language);
      expect(keys.length).toBeGreaterThan(500);
      expect(keys.filter(({ sentence }) => sentence.includes('{{')).length).toBeGreaterThan(50);
      for (const { namespace, key, sentence } of keys) {
        const fresh = i18n.getFixedT(language, namespace);
        const t = translatorFor(language, namespace);
        const expected = fresh(key) as unknown;
        expect([namespace, key, t(key)]).toEqual([namespace, key, expected]);
        expect([namespace, key, t(key)]).toEqual([namespace, key, expected]);
        for (const options of optionsFor(sentence)) {
          const withOptions = fresh(key, options) as unknown;
          expect([namespace, key, options, t(key, options)]).toEqual([namespace, key, options, withOptions]);
          expect([namespace, key, options, t(key, options)]).toEqual([namespace, key, options, withOptions]);
        }
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

  test('a call asked again is not looked up again, with the same plain options; other options always are', () => {
    const lookUps = jest.spyOn(i18n, 't');
    const fresh = i18n.getFixedT('en', 'caseDialog');
    try {
      const t = translatorFor('en-US', 'caseDialog');
      const expected = ['2026-12-07', '2026-12-08'].map((day) => fresh('errors.endBeforeStart', { day }));
      t('absenceKinds.maternite');
      t('errors.endBeforeStart', { day: '2026-12-07' });
      const before = lookUps.mock.calls.length;
      expect(t('absenceKinds.maternite')).toBe('Maternity leave');
      expect(t('errors.endBeforeStart', { day: '2026-12-07' })).toBe(expected[0]);
      expect(lookUps.mock.calls.length).toBe(before);
      // Other values are another sentence.
      expect(t('errors.endBeforeStart', { day: '2026-12-08' })).toBe(expected[1]);
      expect(lookUps.mock.calls.length).toBe(before + 1);
      const other = [
        () => t(['absenceKinds.none', 'absenceKinds.paternite']),
        () => t('absenceKinds.none', 'a default value'),
        () => t('errors.endBeforeStart', { day: undefined }),
        () => t('errors.endBeforeStart', { day: ['2026-12-07'] }),
        () => t('errors.endBeforeStart', { day: Number.NaN }),
        () => t('errors.endBeforeStart', { day: new Date(0) }),
      ];
      for (const call of other) {
        const looked = lookUps.mock.calls.length;
        expect(call()).toEqual(call());
        expect(lookUps.mock.calls.length).toBe(looked + 2);
      }
      expect(t(['absenceKinds.none', 'absenceKinds.paternite'])).toBe('Paternity leave');
    } finally {
      lookUps.mockRestore();
    }
  });

  test('an object (returnObjects) is never kept: each call gets its own', () => {
    const t = translatorFor('fr-FR', 'caseDialog');
    const first = t('absenceKinds', { returnObjects: true }) as unknown as Record<string, string>;
    const second = t('absenceKinds', { returnObjects: true }) as unknown as Record<string, string>;
    expect(first).toEqual(i18n.getFixedT('fr', 'caseDialog')('absenceKinds', { returnObjects: true }));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
