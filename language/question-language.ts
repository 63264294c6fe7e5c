// The language a question is written in (French or English), whatever the Teams locale.
import type * as Tinyld from 'tinyld/light';
import { foldText, type Locale } from './normalize';

/**
 * tinyld's light model (24 languages, French and English among them): 13 MB and about 0.2 s to load, against
 * 52 MB and 0.7 s for its normal one, with the same replies on the development, test and fresh sets (docs/faq.md).
 * Loaded with the first question (or the warm-up), not at start-up.
 */
let tinyld: typeof Tinyld | undefined;
export function detector(): typeof Tinyld {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  tinyld ??= require('tinyld/light') as typeof Tinyld;
  return tinyld;
}

/**
 * Words that only one of the two languages uses, as people type them in chat (folded, SMS forms included).
 * They settle short messages where a statistical detector hesitates ("on teams possible?").
 */
const MARKERS: Record<Locale, Set<string>> = {
  fr: new Set(
    (
      'je j jsuis jsui chui jai jpe jpeu jdois jdi jrisk tjr tjrs pa dla dma jvienne jviens ' +
      'je j jsuis jpeux jveux tu il elle nous vous ils elles le la les un une des du au aux mon ma mes ton ta ' +
      'tes son sa ses notre votre leur est suis sont ai as avez ont etre avoir pas ne est-ce quoi qui que de ' +
      'quand comment combien pourquoi avec pour dans sur chez et ou mais donc car si oui non ca cest ' +
      'c koi pk pq svp stp merci bonjour bonsoir salut moi toi faut peut peux doit dois obligatoire arret ' +
      'rendez-vous rdv puis-je dois-je quel quelle quels quelles apres avant pendant aussi tres'
    ).split(' '),
  ),
  en: new Set(
    (
      'i im ive id you he she we they it the a an my your his her our their is am are was were be been do ' +
      'does did have has had not no yes what who when how why which with for in on at and or but so if ' +
      'can could should would will may must me him them this that there hi hello thanks thank please pls ' +
      'thx u ur wanna gonna off leave sick meeting mandatory compulsory about after before during also ' +
      'get got any anyone someone'
    ).split(' '),
  ),
};

/** Below this many letters a message says too little: the activity's language is kept. */
const MIN_LETTERS = 12;
/** One language must lead the other by this share of the evidence to overrule the activity's language. */
const MIN_LEAD = 0.25;

/**
 * The language a question is written in, French or English: the detector's estimate (tinyld, offline) and the
 * function words of each language, with the activity's language kept for short or mixed messages.
 */
export function detectQuestionLanguage(text: string, fallback: Locale): Locale {
  return assessQuestionLanguage(text, fallback).language;
}

/** The language, and whether the text itself told it (false: the activity's language was kept). */
export function assessQuestionLanguage(text: string, fallback: Locale): { language: Locale; sure: boolean } {
  const folded = foldText(text.slice(0, 1000));
  const letters = folded.replace(/[^a-z]/g, '').length;
  if (letters < MIN_LETTERS) return { language: fallback, sure: false };
  const words = folded.split(/[^a-z0-9'-]+/).flatMap((word) => word.split("'"));
  const markers = { fr: 0, en: 0 };
  for (const word of words) {
    if (MARKERS.fr.has(word)) markers.fr += 1;
    if (MARKERS.en.has(word)) markers.en += 1;
  }
  // Function words alone settle most messages; the statistical detector is asked only when they do not.
  const markerCount = markers.fr + markers.en;
  if (markerCount >= 3 && Math.max(markers.fr, markers.en) >= 0.8 * markerCount) {
    return { language: markers.fr > markers.en ? 'fr' : 'en', sure: true };
  }
  const detected = { fr: 0, en: 0 };
  for (const { lang, accuracy } of detector().detectAll(text.slice(0, 1000), { only: ['fr', 'en'] })) {
    if (lang === 'fr' || lang === 'en') detected[lang] = accuracy;
  }
  const markerTotal = markers.fr + markers.en || 1;
  const detectedTotal = detected.fr + detected.en || 1;
  const share = (language: Locale) =>
    0.5 * (markers[language] / markerTotal) + 0.5 * (detected[language] / detectedTotal);
  const lead = share('fr') - share('en');
  if (Math.abs(lead) < MIN_LEAD) return { language: fallback, sure: false };
  return { language: lead > 0 ? 'fr' : 'en', sure: true };
}
