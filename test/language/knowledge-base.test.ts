import { createFaqTranslators } from '../../language/evaluate';
import indexEn from '../../language/data/faq-index.en.json';
import indexFr from '../../language/data/faq-index.fr.json';
import { faqAnswerText, faqReplyText } from '../../language/faq-reply';
import { meaningfulTerms } from '../../language/normalize';
import { detectOutOfScope } from '../../language/out-of-scope';
import faqEn from '../../locales/en/faq.json';
import faqFr from '../../locales/fr/faq.json';

/** Every key path, as the locale hook compares them. */
const keyPaths = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => keyPaths(child, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

const SMALL_TALK = ['greeting', 'thanks'];

describe('FAQ knowledge base', () => {
  it('has exactly the same keys in French and English, and no arrays', () => {
    expect(keyPaths(faqFr).sort()).toEqual(keyPaths(faqEn).sort());
    const hasArray = (value: unknown): boolean =>
      Array.isArray(value) || (!!value && typeof value === 'object' && Object.values(value).some(hasArray));
    expect(hasArray(faqFr) || hasArray(faqEn)).toBe(false);
  });

  it('gives every entry a title, a short answer and a learn-more paragraph', () => {
    for (const entries of [faqFr.entries, faqEn.entries]) {
      for (const { title, answer, details } of Object.values(entries)) {
        expect(title.length).toBeGreaterThan(0);
        expect(answer.split(/(?<=[.!?])\s/).length).toBeLessThanOrEqual(4);
        expect(details.length).toBeGreaterThan(0);
      }
    }
  });

  it('indexes every entry the bot can answer, and only those', () => {
    const answerable = Object.keys(faqFr.entries).filter((id) => !SMALL_TALK.includes(id));
    expect(Object.keys(indexFr.entries).sort()).toEqual(answerable.sort());
    expect(Object.keys(indexEn.entries).sort()).toEqual(answerable.sort());
  });

  it.each([
    ['fr', indexFr, faqFr],
    ['en', indexEn, faqEn],
  ] as const)('never gives two %s entries the same phrase once normalised', (locale, index, faq) => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const [id, { questions, keywords }] of Object.entries(index.entries)) {
      const title = (faq.entries as Record<string, { title: string }>)[id]?.title ?? '';
      for (const phrase of [title, ...questions, ...keywords]) {
        const terms = meaningfulTerms(phrase, locale).join(' ');
        const owner = owners.get(terms) ?? id;
        if (owner !== id) clashes.push(`${phrase} (${id}, ${owner})`);
        owners.set(terms, owner);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each([
    ['fr', indexFr],
    ['en', indexEn],
  ] as const)('never declines one of its own %s question variants as out of scope', (locale, index) => {
    const declined = Object.values(index.entries)
      .flatMap(({ questions }) => questions)
      .filter((question) => detectOutOfScope(question, locale));
    expect(declined).toEqual([]);
  });

  it('composes the answer text from the translation files', () => {
    const { fr, en } = createFaqTranslators();
    expect(faqAnswerText('crpe', fr)).toBe(
      `${faqFr.entries.crpe.answer}\n\n${faqFr.reply.learnMore} ${faqFr.entries.crpe.details}`,
    );
    expect(faqReplyText({ kind: 'out_of_scope', topic: 'pay' }, en)).toBe(faqEn.outOfScope.pay);
    expect(faqReplyText({ kind: 'suggestions', ids: ['crpe', 'pdp-unit'] }, en)).toBe(
      `${faqEn.reply.suggestions}\n- ${faqEn.entries.crpe.title}\n- ${faqEn.entries['pdp-unit'].title}`,
    );
  });
});
