import { bindCard } from '../../cards';
import { translatorFor } from '../../language/i18n';
import { replyToQuestion } from '../../language';

const texts = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      (key === 'text' || key === 'title') && typeof value === 'string' ? [value] : texts(value),
    );
  }
  return [];
};

describe('replyToQuestion', () => {
  it('answers in the language of the question, and says so when it is not the Teams language', () => {
    const english = replyToQuestion('can I bring someone with me?', 'fr');
    expect(english).toMatchObject({ language: 'en', languageDiffers: true });
    expect(english.sections.map(({ id }) => id)).toEqual(['companions']);
    expect(english.languageNote).toMatch(/English/);
    const french = replyToQuestion("Est-ce que je suis obligée d'accepter ce rendez-vous ?", 'en');
    expect(french).toMatchObject({ language: 'fr', languageDiffers: true });
    expect(french.sections[0]?.answer).toMatch(/facultatif/);
  });

  it("keeps the person's language for a message too short to tell", () => {
    expect(replyToQuestion('visio ?', 'en')).toMatchObject({ language: 'en', languageDiffers: false });
    expect(replyToQuestion('visio ?', 'fr')).toMatchObject({ language: 'fr', languageDiffers: false });
  });

  it('answers two questions of one message, in its order', () => {
    const reply = replyToQuestion(
      "Est-ce qu'on peut faire le rendez-vous en visio ? Et est-ce que je peux venir avec quelqu'un ?",
      'fr',
    );
    expect(reply.sections.map(({ id }) => id)).toEqual(['remote-or-in-person', 'companions']);
  });

  it('finds the question of a story, gives the health notice without repeating the detail, and answers', () => {
    const reply = replyToQuestion(
      "Hi, sorry for the long message. I've been off for about six weeks since my burnout and I can't face " +
        'my team. HR invited me to a liaison meeting next week. Do I really have to go?',
      'en',
    );
    expect(reply.healthDetails).toBe(true);
    expect(reply.sections.map(({ id }) => id)).toEqual(['is-it-mandatory']);
    expect(reply.text).toMatch(/health/);
    expect(reply.text).not.toMatch(/burn/i);
  });

  it('redirects a medication question politely, without an FAQ answer', () => {
    const reply = replyToQuestion('quel médicament prendre pour tenir le trajet ?', 'fr');
    expect(reply.match).toEqual({ kind: 'out_of_scope', topic: 'medical' });
    expect(reply.sections).toEqual([]);
  });

  it("binds the answer card: content in the question's language, labels in the person's", () => {
    const reply = replyToQuestion('is it mandatory? and can I bring a friend?', 'fr');
    expect(reply.card.name).toBe('faqAnswer');
    const card = bindCard(reply.card.name, translatorFor('fr'), { ...reply.card.data, contacts: [] });
    const all = texts(card).join(' | ');
    expect(all).toMatch(/optional/);
    expect(all).toMatch(/Can someone come with me\?/);
    expect(all.match(/En savoir plus/g)).toHaveLength(2);
  });

  it("puts the same language note on the suggestions card when the question's language is not the person's", () => {
    const unsure = replyToQuestion('something odd', 'fr');
    expect(unsure.card.name).toBe('faqSuggestions');
    expect(unsure.languageNote).toMatch(/English/);
    const card = bindCard(unsure.card.name, translatorFor('fr'), unsure.card.data);
    const all = texts(card);
    expect(all[0]).toBe(unsure.languageNote);
    expect(all.join(' | ')).toMatch(/Did you mean/);

    const same = replyToQuestion('something odd', 'en');
    expect(same.card.name).toBe('faqSuggestions');
    expect(same.languageNote).toBe('');
    const plain = texts(bindCard(same.card.name, translatorFor('en'), same.card.data));
    expect(plain[0]).not.toMatch(/You wrote to me/);
  });
});
