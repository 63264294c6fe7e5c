// Health details written the ways a review walked around the guard, and a logger that keeps every line, for the free-text edges' tests.
import { Writable } from 'node:stream';
import pino from 'pino';

/**
 * A health detail in a name or a place, as typed plainly and as a review slipped past the former word list:
 * zero-width characters, hyphens or spaces between letters, look-alike (Cyrillic) letters. `term` is the detail
 * itself, looked for (letters only, folded) in whatever was logged or stored.
 */
export const HEALTH_DETAILS = [
  { how: 'plainly', text: 'Jean Dupont, en arrêt pour dépression', term: 'depression', refusal: 'health' },
  // An invisible character is refused for what it is, before the guard reads the rest.
  {
    how: 'with a zero-width space',
    text: 'Jean Dupont (dépre\u200Bssion)',
    term: 'depression',
    refusal: 'invalid_characters',
  },
  { how: 'with hyphenated letters', text: 'Jean Dupont c-a-n-c-e-r', term: 'cancer', refusal: 'health' },
  { how: 'with spaced-out letters', text: 'Jean Dupont c a n c e r', term: 'cancer', refusal: 'health' },
  {
    how: 'with look-alike letters',
    text: 'Jean Dupont, \u0441\u0430ncer du sein',
    term: 'ncerdusein',
    refusal: 'health',
  },
  { how: 'as a specialist', text: 'Jean Dupont, vu par le psy', term: 'psy', refusal: 'health' },
] as const;

/** Whether `text` holds `term` once folded to plain lower-case letters (accents, hyphens and spaces gone). */
export function mentions(text: string, term: string): boolean {
  const letters = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return letters.includes(term);
}

/** A pino logger at its most talkative, every line kept: what the code under test logged, to look through. */
export function capturingLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
  );
  return { logger, logged: () => lines.join('') };
}
