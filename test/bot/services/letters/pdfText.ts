/**
 * Reads the text of a PDF made by pdfkit with `compress: false`: every `[<hex> kern <hex> …] TJ` of the page
 * content streams, decoded from WinAnsi (the encoding of the built-in fonts) back to Unicode. Enough to check what
 * a reader sees, without a PDF library.
 */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decodeHex(hex: string): string {
  let out = '';
  for (let index = 0; index + 1 < hex.length; index += 2) {
    const code = parseInt(hex.slice(index, index + 2), 16);
    out += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
  }
  return out;
}

/** One string per text operation (a line, or a piece of one), in drawing order. */
export function pdfLines(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\]\s*TJ/gi)) {
    const pieces = [...(match[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((piece) =>
      decodeHex(piece[1] ?? ''),
    );
    lines.push(pieces.join(''));
  }
  return lines;
}

/** The whole text on one line, wrapped lines joined by a space and spaces collapsed: sentences can be searched. */
export function pdfText(pdf: Buffer): string {
  return pdfLines(pdf)
    .join(' ')
    .replace(/[ \u00a0]+/g, ' ');
}

export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
