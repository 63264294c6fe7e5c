// The card binder's memory (#16) changes no card: every gallery sample, in both languages, bound cold and again.
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { bindCard, CARD_NAMES, BOUND_CARDS_KEPT, forgetBoundCards, type CardName } from '../../cards';
import { CARDS_DIR } from '../../bot/platform/paths';
import { translatorFor } from '../../language/i18n';

const SAMPLES_DIR = path.join(CARDS_DIR, 'samples');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** What the binder did before it kept anything: the locale's sentences, then a template parsed afresh. */
function reference(name: CardName, locale: string, data: Record<string, unknown>): object {
  const t = translatorFor(locale);
  const text = t(name, { ns: 'cards', returnObjects: true, ...data }) as Record<string, unknown>;
  const template = new Template(readJson(path.join(CARDS_DIR, `${name}.json`)));
  return template.expand({ $root: { ...data, text } }) as object;
}

/** Every sample of the gallery: <card>.json in both languages, <card>.<fr|en>.json in its own. */
const samples = fs
  .readdirSync(SAMPLES_DIR)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => {
    const [name, language] = path.basename(file, '.json').split('.') as [CardName, string | undefined];
    const locales = language ? [language === 'fr' ? 'fr-FR' : 'en-US'] : ['fr-FR', 'en-US'];
    return locales.map((locale) => ({ file, name, locale }));
  });

describe('bindCard keeps cards it bound, and no card changes', () => {
  beforeEach(() => forgetBoundCards());

  test('the samples cover every card', () => {
    expect(new Set(samples.map((sample) => sample.name))).toEqual(new Set(CARD_NAMES));
  });

  test.each(samples)(
    '$file in $locale: cold, then from memory, the same JSON as a fresh expansion',
    (sample) => {
      const data = readJson(path.join(SAMPLES_DIR, sample.file));
      const expected = reference(sample.name, sample.locale, data);
      const cold = bindCard(sample.name, translatorFor(sample.locale), data);
      const warm = bindCard(sample.name, translatorFor(sample.locale), structuredClone(data));
      expect(JSON.stringify(cold)).toBe(JSON.stringify(expected));
      expect(JSON.stringify(warm)).toBe(JSON.stringify(expected));
      expect(cold).toEqual(expected);
      expect(warm).toEqual(expected);
    },
  );

  test('a card from memory is a copy: changing it changes neither the next one nor the data', () => {
    const data = readJson(path.join(SAMPLES_DIR, 'faqAnswer.json'));
    const t = translatorFor('en-US');
    const first = bindCard('faqAnswer', t, data) as { body: unknown[] };
    first.body.length = 0;
    const second = bindCard('faqAnswer', t, data) as { body: unknown[] };
    expect(second.body.length).toBeGreaterThan(0);
    expect(second).toEqual(reference('faqAnswer', 'en-US', data));
  });

  test('other data or another language gives its own card, not the one kept', () => {
    const data = readJson(path.join(SAMPLES_DIR, 'invitationAnswered.json'));
    const french = bindCard('invitationAnswered', translatorFor('fr-FR'), data);
    const english = bindCard('invitationAnswered', translatorFor('en-US'), data);
    expect(english).toEqual(reference('invitationAnswered', 'en-US', data));
    expect(JSON.stringify(english)).not.toBe(JSON.stringify(french));
    const other = { ...data, caseId: 'another-case' };
    expect(JSON.stringify(bindCard('invitationAnswered', translatorFor('fr-FR'), other))).toContain(
      'another-case',
    );
  });

  test("a translator that does not say its language (not i18next's fixed one) gets its own words, never kept ones", () => {
    const data = readJson(path.join(SAMPLES_DIR, 'help.json'));
    const french = translatorFor('fr-FR');
    bindCard('help', french, data); // kept
    const shouting = ((key: string, options: object) => {
      const value = (french as unknown as (k: string, o: object) => unknown)(key, options);
      return JSON.parse(
        JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v)),
      );
    }) as unknown as typeof french;
    const card = JSON.stringify(bindCard('help', shouting, data));
    expect(card).not.toBe(JSON.stringify(bindCard('help', french, data)));
    expect(card).toContain(String(french('help.title', { ns: 'cards' })).toUpperCase());
  });

  test('data that JSON does not say exactly (a Date) is bound each time, as before', () => {
    const data = readJson(path.join(SAMPLES_DIR, 'faqAnswer.json'));
    const t = translatorFor('en-US');
    const dated = { ...data, speak: new Date('2026-12-03T10:00:00Z') };
    const text = { ...data, speak: '2026-12-03T10:00:00.000Z' }; // the Date's JSON text
    expect(bindCard('faqAnswer', t, dated)).toEqual(reference('faqAnswer', 'en-US', dated));
    expect(bindCard('faqAnswer', t, text)).toEqual(reference('faqAnswer', 'en-US', text));
    expect(bindCard('faqAnswer', t, dated)).toEqual(reference('faqAnswer', 'en-US', dated));
    expect(reference('faqAnswer', 'en-US', dated)).not.toEqual(reference('faqAnswer', 'en-US', text));
  });

  test('keeps at most BOUND_CARDS_KEPT cards and still binds every one right', () => {
    const data = readJson(path.join(SAMPLES_DIR, 'invitationAnswered.json'));
    const t = translatorFor('fr-FR');
    for (let i = 0; i < BOUND_CARDS_KEPT + 10; i += 1)
      bindCard('invitationAnswered', t, { ...data, caseId: `c${i}` });
    const oldest = { ...data, caseId: 'c0' };
    expect(bindCard('invitationAnswered', t, oldest)).toEqual(
      reference('invitationAnswered', 'fr-FR', oldest),
    );
  });
});
