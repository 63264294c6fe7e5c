import paraphrases from './fixtures/faq-paraphrases.json';
import { ANSWER_THRESHOLD, matchFaq, type FaqMatch } from '../../language/faq-matcher';
import type { Locale } from '../../language/normalize';
import faqEn from '../../locales/en/faq.json';
import faqFr from '../../locales/fr/faq.json';

const answerId = (match: FaqMatch) => (match.kind === 'answer' ? match.id : match.kind);

describe('matchFaq', () => {
  it.each([
    ['est-ce que le rendez-vous de liaison est obligatoire ?'],
    ['est ce que le rendez vous de liaison est obligatoire'],
    ['EST-CE QUE LE RDV DE LIAISON EST OBLIGATOIRE'],
    ['Est-ce que le rendez-vous de liaison est obligatoire ?'.normalize('NFD')],
  ])('reads accents and case alike: %s', (text) => {
    expect(answerId(matchFaq(text, 'fr'))).toBe('is-it-mandatory');
  });

  it.each([
    ['rendez vous de liason obligatiore ?', 'is-it-mandatory'],
    ['visite de pré-reprsie, mon employeur peut la demander ?', 'pre-return-visit'],
    ['is the liason meeting compulsary', 'is-it-mandatory'],
  ])('forgives typos: %s', (text, expected) => {
    expect(answerId(matchFaq(text, text.startsWith('is') ? 'en' : 'fr'))).toBe(expected);
  });

  it.each([
    ['jsuis obligé d y aller au rdv ?', 'is-it-mandatory'],
    ['ct obligatoire le rdv ? svp', 'is-it-mandatory'],
    ['crpe c koi', 'crpe'],
    ['rdv en visio c possible ?', 'remote-or-in-person'],
    ['jpeux venir avec mon mari au rdv ?', 'companions'],
  ])('understands SMS spellings: %s', (text, expected) => {
    expect(answerId(matchFaq(text, 'fr'))).toBe(expected);
  });

  it.each([
    ["I'm on therapeutic part time, am I eligible?", 'maternity-and-therapeutic-part-time'],
    ["can't I do it on Teams?", 'remote-or-in-person'],
    ['do u have to go to the liaison meeting', 'is-it-mandatory'],
    ['who will be at the meeting?', 'attendees'],
  ])('answers English questions: %s', (text, expected) => {
    expect(answerId(matchFaq(text, 'en'))).toBe(expected);
  });

  it('finds the question inside a long message of several sentences', () => {
    const message =
      "Bonjour, je m'appelle Camille et je travaille depuis six ans dans une entreprise de logistique. " +
      'Je suis en arrêt depuis février, et mon arrêt a déjà été prolongé deux fois. ' +
      "Ma responsable RH m'a envoyé un mail la semaine dernière pour me parler d'un rendez-vous. " +
      "J'habite loin et je n'ai pas de voiture en ce moment. " +
      'Est-ce que ce rendez-vous peut se faire en visio plutôt que sur place ? Merci d’avance.';
    expect(answerId(matchFaq(message, 'fr'))).toBe('remote-or-in-person');
    expect(answerId(matchFaq(message.repeat(8), 'fr'))).toBe('remote-or-in-person');
    const english =
      "Hello, I've been off since early February and my sick note has been extended twice. " +
      'HR sent me an email last week about a meeting. I live far away and have no car. ' +
      'Can this meeting be done by video instead of in person? Thanks in advance.';
    expect(answerId(matchFaq(english, 'en'))).toBe('remote-or-in-person');
  });

  it('stays quick and bounded on a message of several kilobytes', () => {
    const started = Date.now();
    const match = matchFaq('je suis en arrêt et je me pose des questions. '.repeat(200), 'fr');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(['answer', 'suggestions', 'out_of_scope']).toContain(match.kind);
  });

  it('offers two or three close entries when unsure, never a guess', () => {
    expect(matchFaq('et pour mes congés payés et ma mutuelle ?', 'fr').kind).toBe('out_of_scope');
    const match = matchFaq('et pour le reste ?', 'fr');
    expect(match.kind).toBe('suggestions');
    if (match.kind === 'suggestions') {
      expect(match.ids.length).toBeGreaterThanOrEqual(2);
      expect(match.ids.length).toBeLessThanOrEqual(3);
    }
  });

  it('answers only above the threshold, and says which entries are close', () => {
    const match = matchFaq('mon employeur peut-il refuser ma demande de rdv ?', 'fr');
    expect(match).toMatchObject({ kind: 'answer', id: 'employer-cannot-refuse' });
    if (match.kind === 'answer') {
      expect(match.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
      expect(match.related).not.toContain(match.id);
    }
  });

  it.each([
    ['Quand est-ce que ma prime de fin d’année sera versée ?', 'fr', 'pay'],
    ["what's my salary going to be after the next pay rise?", 'en', 'pay'],
    ['Il va faire beau demain à Lyon ?', 'fr', 'other'],
    ["what's the weather like tomorrow", 'en', 'other'],
    ['Quel médicament je peux prendre pour dormir pendant mon arrêt ?', 'fr', 'medical'],
    ['quel médicament prendre', 'fr', 'medical'],
    ["which painkiller is best while I'm off work?", 'en', 'medical'],
    ['Est-ce que je vais me faire virer à mon retour ?', 'fr', 'other'],
    ['can you book me a table for dinner tonight', 'en', 'other'],
    ['asdfgh qwerty', 'en', 'other'],
    ["j'ai un cancer", 'fr', 'medical'],
    ['combien de doliprane par jour ?', 'fr', 'medical'],
    ['should I take ibuprofen or paracetamol?', 'en', 'medical'],
    ["je n'ai pas reçu ma fiche de paie", 'fr', 'pay'],
    ['can my employer fire me while I am on sick leave?', 'en', 'other'],
  ] as const)('declines what it must not answer: %s', (text, locale, topic) => {
    expect(matchFaq(text, locale)).toEqual({ kind: 'out_of_scope', topic });
  });

  it.each([
    ['si je refuse le rdv de liaison, je peux être licencié ?', 'fr', 'refusal-consequences'],
    ['je suis payé pour venir au rendez-vous ?', 'fr', 'pay-and-costs'],
    ['will the liaison meeting stop my sick pay?', 'en', 'pay-and-costs'],
  ] as const)('keeps questions about the meeting itself in scope: %s', (text, locale, expected) => {
    expect(answerId(matchFaq(text, locale))).toBe(expected);
  });

  it('looks past health details without needing them', () => {
    const match = matchFaq(
      'Je suis en chimio pour un cancer du sein, le rdv de liaison est-il obligatoire ?',
      'fr',
    );
    expect(answerId(match)).toBe('is-it-mandatory');
  });

  it.each([
    ['bonjour', 'fr', 'greeting'],
    ['merci beaucoup !', 'fr', 'thanks'],
    ['hi there', 'en', 'greeting'],
    ['thanks a lot', 'en', 'thanks'],
    ['Merci beaucoup pour ces infos !', 'fr', 'thanks'],
    ['super, merci pour votre aide', 'fr', 'thanks'],
    ['Thanks a lot for the info', 'en', 'thanks'],
    ['thank you so much for your help!', 'en', 'thanks'],
    ['rendez-vous de liaison ?', 'fr', 'what-is-it'],
  ] as const)('handles small talk and bare names of the meeting: %s', (text, locale, expected) => {
    expect(answerId(matchFaq(text, locale))).toBe(expected);
  });

  it.each([
    ["merci pour l'info, c'est obligatoire ?", 'fr', 'is-it-mandatory'],
    ['thanks for the info, is it mandatory?', 'en', 'is-it-mandatory'],
  ] as const)('a thank-you with a question is a question: %s', (text, locale, expected) => {
    expect(answerId(matchFaq(text, locale))).toBe(expected);
  });

  it.each([
    ['fr', faqFr.entries],
    ['en', faqEn.entries],
  ] as const)('routes every %s title back to its own entry (a tapped suggestion)', (locale, entries) => {
    for (const [id, { title }] of Object.entries(entries)) {
      expect([title, answerId(matchFaq(title, locale))]).toEqual([title, id]);
    }
  });

  it.each(['fr', 'en'] as const)(
    'routes at least 90%% of the %s paraphrase set to the right entry',
    (locale) => {
      const cases = paraphrases.filter((paraphrase) => paraphrase.locale === locale);
      const right = cases.filter(
        ({ text, expected }) => answerId(matchFaq(text, locale as Locale)) === expected,
      );
      expect(right.length / cases.length).toBeGreaterThanOrEqual(0.9);
    },
  );
});
