// Text as screened: invisible characters removed and look-alike letters folded.
import { foldText } from './normalize';

/**
 * Text as it is screened: the same characters whatever tricks were used to write them. Zero-width and control
 * characters go, NFKC unifies compatibility forms (full-width letters, ligatures), Cyrillic and Greek letters
 * that look Latin become Latin, accents are folded, and digits used as letters inside a word are read as
 * letters ("d3pression").
 */

/** Invisible code points: zero-width, joiners, soft hyphen, bidirectional controls, variation selectors, BOM. */
const INVISIBLE_RANGES: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

/** Control characters other than tab, line feed and carriage return. */
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
const isInvisible = (code: number) =>
  isControl(code) || INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);

/** Letters that look Latin but are not (Cyrillic, Greek), and a few symbols used as letters. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ҽ: 'e',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ӧ: 'o',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/** Digits and symbols read as letters when they sit between letters ("c4ncer", "d3pr3ssion", "s1da"). */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Removes what cannot be seen, and what no person types. */
export function stripInvisible(text: string): string {
  return Array.from(text)
    .filter((character) => !isInvisible(character.codePointAt(0)!))
    .join('');
}

/** Whether the text holds control or invisible characters (not tab or line breaks). */
export function hasInvisibleCharacters(text: string): boolean {
  return Array.from(text).some((character) => isInvisible(character.codePointAt(0)!));
}

/** NFKC, invisible characters removed, look-alike letters made Latin, lower case, accents folded. */
export function canonicalLetters(text: string): string {
  const visible = stripInvisible(text.normalize('NFKC'));
  const latin = visible.toLowerCase().replace(LOOK_ALIKE_PATTERN, (letter) => LOOK_ALIKES[letter] ?? letter);
  return foldText(latin).replace(/(?<=[a-z])[0134579@$]+(?=[a-z])/g, (digits) =>
    [...digits].map((digit) => LEET[digit] ?? digit).join(''),
  );
}

/**
 * The forms of a text the health guard looks at, each with words separated by single spaces:
 * - words as written (any character other than a letter or a digit is a space);
 * - hyphens and dots inside words removed ("anti-dépresseurs" → "antidepresseurs");
 * - letters spelt out one by one joined ("c a n c e r", "d-e-p-r-e-s-s-i-o-n" → "cancer", "depression").
 */
export function screeningForms(text: string): string[] {
  const letters = canonicalLetters(text);
  const plain = letters.replace(/[^a-z0-9]+/g, ' ').trim();
  const joined = letters
    .replace(/(?<=[a-z0-9])[-.·_'*]+(?=[a-z0-9])/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const spelt = plain.replace(/(?<![a-z0-9])(?:[a-z] ){2,}[a-z](?![a-z0-9])/g, (run) =>
    run.replace(/ /g, ''),
  );
  return [...new Set([plain, joined, spelt])];
}
