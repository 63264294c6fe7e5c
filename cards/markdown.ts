// Escapes what a person typed so that it shows as typed on a card, never as a link or formatting.
/**
 * Markdown in Adaptive Cards: Teams renders a subset of Markdown in TextBlock and FactSet text (links,
 * emphasis, lists). A value typed by a user — a name, a company name, a place, a job title, a comment — must be
 * shown as typed and never become a link or formatting: `[x](https://evil.example)` typed as a name must not be a
 * clickable link on someone else's card. Every such value goes through {@link escapeMarkdown} before it reaches a
 * card (directly or inside a translated sentence); sentences of our own (locales/) are not escaped.
 *
 * Backslash escapes are CommonMark's: a backslash before any ASCII punctuation shows the character itself.
 */

/** Characters that start a link, an image, an autolink, emphasis, code or strike-through anywhere in a line. */
const INLINE = /[\\`*_[\]<>~|]/g;
/** At the start of a line: a heading, quote, list item, or thematic break. */
const LINE_START = /^(\s*)([#>+=-]|\d+(?=[.)]))/gm;

/** The value shown as typed in a card's Markdown: every Markdown special character escaped. */
export function escapeMarkdown(value: string): string;
export function escapeMarkdown(value: string | undefined): string | undefined;
export function escapeMarkdown(value: string | null | undefined): string | null | undefined;
export function escapeMarkdown(value: string | null | undefined): string | null | undefined {
  if (typeof value !== 'string') return value;
  return value
    .replace(INLINE, (char) => `\\${char}`)
    .replace(LINE_START, (_match, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
}
