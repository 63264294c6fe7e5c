// The HR tab page's strings (locales/{fr,en}/tab.json, bundled) and date formatting.
import en from '../../locales/en/tab.json';
import fr from '../../locales/fr/tab.json';
import type { Language } from '../../language/languages';

/** The page's strings: locales/{fr,en}/tab.json, bundled, so that the page needs no request to speak. */
type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const STRINGS: Record<Language, unknown> = { fr, en };

/** The page's language from the Teams locale: the bot's own rule (language/languages.ts). */
export { languageOf, type Language } from '../../language/languages';

function lookup(tree: unknown, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  return typeof value === 'string' ? value : undefined;
}

/** A translator with i18next's conventions: `{{name}}` placeholders and `_one`/`_other` plurals on `count`. */
export function translator(language: Language): Translate {
  const tree = STRINGS[language];
  return (key, params = {}) => {
    const plural =
      typeof params.count === 'number'
        ? lookup(tree, `${key}_${params.count === 1 ? 'one' : 'other'}`)
        : undefined;
    const template = plural ?? lookup(tree, key) ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

/** jj/mm/aaaa in French, "7 December 2026" in English (as the bot's cards write dates). */
export function formatDate(iso: string, language: Language, t: Translate): string {
  const [yyyy, mm, dd] = iso.split('-');
  if (!yyyy || !mm || !dd) return iso;
  return language === 'fr' ? `${dd}/${mm}/${yyyy}` : `${Number(dd)} ${t(`months.${mm}`)} ${yyyy}`;
}

/** An instant as lived in Paris: its day (formatted) and HH:MM. */
export function formatInstant(instant: string, language: Language, t: Translate): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`, language, t)} ${parts.hour}:${parts.minute}`;
}
