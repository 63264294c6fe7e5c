// Removes control characters from every input before it is stored or sent.
/**
 * Control characters at every input (finding 9). PostgreSQL refuses U+0000 in jsonb and text: one such character
 * stored in a case would make every later read or the daily retention fail. Other C0/C1 controls have no place in
 * a name, a place or a message either (and a bare CR breaks line-based formats such as iCalendar). They are
 * removed; a line break (\n) and a tab (\t) are kept where a text may have several lines, and CRLF / CR become \n.
 */

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROLS_EXCEPT_LF_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const ALL_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Lone UTF-16 surrogates: not valid Unicode, refused by PostgreSQL's UTF-8 encoding. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One text: CRLF and CR → LF, then every control but LF and TAB removed (or every control, `singleLine`). */
export function stripControlCharacters(value: string, options: { singleLine?: boolean } = {}): string {
  const normalised = value.replace(/\r\n?/g, '\n').replace(LONE_SURROGATES, '\ufffd');
  return options.singleLine
    ? normalised.replace(ALL_CONTROLS, (char) => (char === '\n' || char === '\t' ? ' ' : ''))
    : normalised.replace(CONTROLS_EXCEPT_LF_TAB, '');
}

/** Whether the text holds a control character other than LF / TAB / CR (a CR is normalised, not refused). */
export function hasForbiddenControl(value: string): boolean {
  return FORBIDDEN_CONTROL.test(value) || new RegExp(LONE_SURROGATES.source).test(value);
}

/**
 * A copy of a parsed JSON value with every string (keys included) cleaned by stripControlCharacters; `__proto__`
 * keys are dropped. Recursive: bodies are depth-checked when read (MAX_JSON_DEPTH).
 */
export function sanitizeJson<T>(value: T): T {
  const clean = (input: unknown): unknown => {
    if (typeof input === 'string') return stripControlCharacters(input);
    if (Array.isArray(input)) return input.map(clean);
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(input)) {
        const cleanKey = stripControlCharacters(key);
        if (cleanKey === '__proto__') continue;
        out[cleanKey] = clean(child);
      }
      return out;
    }
    return input;
  };
  return clean(value) as T;
}
