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

/** The translator of one turn, fixed to the language of `locale`. */
export function translatorFor(locale: string | undefined | null, namespace = 'common'): Translator {
  return i18n.getFixedT(languageOf(locale), namespace);
}
