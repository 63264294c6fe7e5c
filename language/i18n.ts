// Translations: one i18next instance, a translator fixed per turn (translatorFor), languageOf a locale.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { LOCALES_DIR } from '../bot/platform/paths';
import { DEFAULT_LANGUAGE, LANGUAGES, languageOf } from './languages';

/**
 * Translations: one i18next instance, loaded once from locales/<language>/<namespace>.json. A turn never
 * switches the instance's language (turns run concurrently): it takes a fixed translator for its own locale.
 */
export { DEFAULT_LANGUAGE, LANGUAGES, languageOf, type Language } from './languages';

export type Translator = TFunction;

/**
 * locales/<language>/<namespace>.json is a namespace; locales/<language>/<namespace>/<key>.json is one key of a
 * namespace (the cards keep one file per card, so that adding a card touches no shared file).
 */
function loadResources(): Resource {
  const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
  const jsonFilesIn = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file.slice(0, -'.json'.length), path.join(dir, file)] as const);
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const dir = path.join(LOCALES_DIR, language);
    const namespaces: ResourceLanguage = {};
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        namespaces[entry.name] = Object.fromEntries(
          jsonFilesIn(entryPath).map(([key, file]) => [key, readJson(file)]),
        );
      } else if (entry.name.endsWith('.json')) {
        namespaces[entry.name.slice(0, -'.json'.length)] = readJson(entryPath) as ResourceLanguage[string];
      }
    }
    resources[language] = namespaces;
  }
  return resources;
}

const resources = loadResources();
export const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
  defaultNS: 'common',
  initAsync: false,
  showSupportNotice: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

/** At most this many sentences kept per translator (their keys come from the code; bounded all the same). */
const SENTENCES_KEPT_MAX = 4_096;

/**
 * i18next's fixed translator, with the sentences it gave for a key alone (no options) kept: each such call
 * always gives the same sentence (the resources are loaded once, at start), and i18next spends 10–15 µs on one —
 * more than most of a turn's own steps. A call with options (interpolation, `returnObjects`, a count) goes to
 * i18next every time. Keeps `lng`, `ns` and `keyPrefix`, which the card binder reads.
 */
function remembering(fixedT: TFunction): Translator {
  const fixed = fixedT as unknown as ((...args: unknown[]) => unknown) &
    Record<'lng' | 'ns' | 'keyPrefix', unknown>;
  const sentences = new Map<string, string>();
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return fixed(key, ...rest);
    const known = sentences.get(key);
    if (known !== undefined) return known;
    const sentence = fixed(key);
    if (typeof sentence === 'string') {
      if (sentences.size >= SENTENCES_KEPT_MAX) sentences.clear();
      sentences.set(key, sentence);
    }
    return sentence;
  };
  return Object.assign(t, {
    lng: fixed.lng,
    ns: fixed.ns,
    keyPrefix: fixed.keyPrefix,
  }) as unknown as Translator;
}

/** One translator per language and namespace, shared by every turn (it holds no state of a turn). */
const translators = new Map<string, Translator>();
const shared = new WeakSet<Translator>();

/**
 * Whether `t` is one of translatorFor's: the same words for the same key and options for as long as the process
 * lives, so that what is built from them (a formatted date) may be kept too.
 */
export function isSharedTranslator(t: Translator): boolean {
  return shared.has(t);
}

/** The translator of a turn, fixed to the language of `locale` (the same one for every turn in that language). */
export function translatorFor(locale: string | undefined | null, namespace = 'common'): Translator {
  const language = languageOf(locale);
  const key = `${language}\u0000${namespace}`;
  let t = translators.get(key);
  if (!t) {
    t = remembering(i18n.getFixedT(language, namespace));
    translators.set(key, t);
    shared.add(t);
  }
  return t;
}
