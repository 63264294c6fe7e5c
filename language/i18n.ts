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

/** At most this many sentences kept per translator (the oldest kept leaving first). */
const SENTENCES_KEPT_MAX = 4_096;

/** A value whose JSON text says it exactly: a string, a boolean, a finite number other than -0. */
const isPlainValue = (value: unknown): boolean =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));

/**
 * What a call to a translator is kept under: the key alone, or the key and its options when every option is a
 * plain value (`{ ns: 'cards', day: '07/12/2026' }`, `{ count: 2 }`). Undefined — asked of i18next every time —
 * for anything else: several keys, a default value, an option that is an object, an array, a function or
 * undefined.
 */
function callKey(key: unknown, rest: unknown[]): string | undefined {
  if (typeof key !== 'string') return undefined;
  if (rest.length === 0) return key;
  const [options] = rest;
  if (rest.length > 1 || typeof options !== 'object' || options === null) return undefined;
  if (Object.getPrototypeOf(options) !== Object.prototype) return undefined;
  for (const value of Object.values(options)) if (!isPlainValue(value)) return undefined;
  return `${key}\u0000${JSON.stringify(options)}`;
}

/**
 * i18next's fixed translator, with the sentences it gave kept: a call with the same key and the same plain
 * options always gives the same sentence (the resources are loaded once, at start), and i18next spends 10–40 µs
 * on one (it copies its whole options object each time) — more than most of a turn's own steps. Only sentences
 * (strings) are kept: `returnObjects` (the card binder) gives each caller its own object. Keeps `lng`, `ns` and
 * `keyPrefix`, which the card binder reads.
 */
function remembering(fixedT: TFunction): Translator {
  const fixed = fixedT as unknown as ((...args: unknown[]) => unknown) &
    Record<'lng' | 'ns' | 'keyPrefix', unknown>;
  const sentences = new Map<string, string>();
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    const kept = callKey(key, rest);
    if (kept === undefined) return fixed(key, ...rest);
    const known = sentences.get(kept);
    if (known !== undefined) return known;
    const sentence = fixed(key, ...rest);
    if (typeof sentence === 'string') {
      if (sentences.size >= SENTENCES_KEPT_MAX) sentences.delete(sentences.keys().next().value as string);
      sentences.set(kept, sentence);
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

/** The translator of a turn, fixed to the language of `locale` (the same one for every turn in that language). */
export function translatorFor(locale: string | undefined | null, namespace = 'common'): Translator {
  const language = languageOf(locale);
  const key = `${language}\u0000${namespace}`;
  let t = translators.get(key);
  if (!t) {
    t = remembering(i18n.getFixedT(language, namespace));
    translators.set(key, t);
  }
  return t;
}
