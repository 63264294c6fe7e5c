// The languages Liaison speaks and the one rule that reads a language from a locale (the bot and the HR tab alike).

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

/** `fr-FR`, `fr-CA`, `fr` → French; `en-*` → English; absent or anything else → French. */
export function languageOf(locale: string | undefined | null): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : DEFAULT_LANGUAGE;
}
