// HTML text for the pages and emails the bot writes itself: one escape, and paragraphs of lines as text and HTML.

/** `&`, `<`, `>`, `"` and `'` as entities: a value safe in an element's text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

/**
 * An email's body from paragraphs of lines: the text with a blank line between paragraphs, the HTML with one
 * `<p>` a paragraph and `<br>` between its lines, every line escaped.
 */
export function emailBody(paragraphs: readonly (readonly string[])[]): { text: string; html: string } {
  return {
    text: paragraphs.map((lines) => lines.join('\n')).join('\n\n'),
    html: paragraphs.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`).join('\n'),
  };
}
