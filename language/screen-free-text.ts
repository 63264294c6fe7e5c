// Screens a free-text field (health details, invisible characters) before it is kept, logged or sent.
import { containsHealthDetails } from './health-guard';
import { hasInvisibleCharacters } from './screen-text';

export type ScreenRefusal = 'health' | 'too_long' | 'invalid_characters';

export type ScreenResult = { ok: true; value: string } | { ok: false; reason: ScreenRefusal };

export interface ScreenOptions {
  /** Longest value kept, in characters after normalisation (default 500). */
  maxLength?: number;
  /** Whether line breaks are allowed (a comment); a name or a place has none (default false). */
  multiline?: boolean;
  /**
   * Whether health details are looked for (default true). False only for a field that names the employer or
   * its services — a company name, the SPST's address —, which is nobody's health and may well be a care
   * place's ("Centre hospitalier de Versailles").
   */
  health?: boolean;
}

const DEFAULT_MAX_LENGTH = 500;

/**
 * Screens a free-text field before it is kept, logged or sent (a name typed instead of picked, a place, a
 * comment, a name from the absences feed): refused when it holds control or invisible characters (or line
 * breaks where none belong), when it is longer than allowed, or when it carries a health detail however it
 * is written. The value kept is NFKC-normalised, with its spaces collapsed and trimmed. The reason never
 * quotes the text: tell the person which rule applies, never what was found.
 */
export function screenFreeText(text: string, options: ScreenOptions = {}): ScreenResult {
  const { maxLength = DEFAULT_MAX_LENGTH, multiline = false, health = true } = options;
  const normalised = text.normalize('NFKC');
  if (hasInvisibleCharacters(normalised) || (!multiline && /[\r\n\t]/.test(normalised))) {
    return { ok: false, reason: 'invalid_characters' };
  }
  const value = multiline
    ? normalised
        .split(/\r?\n/)
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .trim()
    : normalised.replace(/\s+/g, ' ').trim();
  if (value.length > maxLength) return { ok: false, reason: 'too_long' };
  if (health && containsHealthDetails(value).found) return { ok: false, reason: 'health' };
  return { ok: true, value };
}
