// Renders a letter as an A4 PDF with pdfkit (text kept to what the built-in fonts can print).
import type PDFKitDocument from 'pdfkit';
import type QRCodeModule from 'qrcode';
import { translatorFor } from '../../../language/i18n';
import { composeLetter, type LetterContent } from './content';
import type { InformationLetterInput, InvitationLetterInput, LetterInput, LetterKind } from './input';

// pdfkit and qrcode are loaded with the first PDF, not at start-up: few turns make one, and they are large (#16).
/* eslint-disable @typescript-eslint/no-require-imports */
const pdfDocument = () => require('pdfkit') as typeof PDFKitDocument;
const qrCode = () => require('qrcode') as typeof QRCodeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

// A4 in PostScript points, with margins of about 2 cm.
const MARGIN = 56;
const RIGHT_COLUMN = 320;
const BODY_SIZE = 10;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';

/**
 * The 14 built-in PDF fonts use WinAnsi: French accents, œ, « », ’ and € are there, but a name such as "Łukasz"
 * is not, and pdfkit would print garbage for it. Every string goes through here: kept when encodable, otherwise
 * its accents are dropped ("Ł" → "L"), and as a last resort it becomes "?".
 */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const FALLBACKS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

const encodable = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (encodable(char)) out += char;
    else if (/\s/u.test(char)) out += char === '\u202f' ? '\u00a0' : ' ';
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== '' && [...bare].every(encodable) ? bare : (FALLBACKS[char] ?? '?');
    }
  }
  return out;
}

export interface RenderOptions {
  /** false keeps the page content readable as text (tests); true (default) for what is served. */
  compress?: boolean;
  /**
   * The answer page of the invitation (bot/http/answerPage): printed as a QR code beside its short URL, so that an
   * employee who is not on Teams can answer from a phone. Absent: no QR code.
   */
  answerLink?: { url: string; shortUrl: string };
}

/** The QR code's side on the page, in points (about 3 cm: easy to scan from a printed letter). */
const QR_SIZE = 85;

/** The letter as an A4 PDF: header, place and date, subject, body, signature, page numbers. */
export function renderLetterPdf(
  input: InvitationLetterInput,
  kind: LetterKind,
  language: string,
  options?: RenderOptions,
): Promise<Buffer>;
export function renderLetterPdf(
  input: InformationLetterInput,
  kind: 'information',
  language: string,
  options?: RenderOptions,
): Promise<Buffer>;
export function renderLetterPdf(
  input: LetterInput,
  kind: LetterKind,
  language: string,
  options: RenderOptions = {},
): Promise<Buffer> {
  return renderContent(composeLetter(input, kind, language), options);
}

/**
 * An A4 PDF in progress, as every document of Liaison starts: margins, tagged language, metadata (WinAnsi), and
 * `done` resolving with the bytes once `doc.end()` is called; `text` writes a paragraph across the page width;
 * `finish` writes the footer of every page and ends the document.
 */
export function a4Document(
  margin: number,
  language: string,
  info: { title: string; author: string },
  options: RenderOptions = {},
) {
  const PDFDocument = pdfDocument();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 20, left: margin, right: margin },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: language === 'fr' ? 'fr-FR' : 'en-GB',
    info: { Title: toWinAnsi(info.title), Author: toWinAnsi(info.author), Creator: 'Liaison' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - margin * 2;
  const text = (value: string, textOptions: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(toWinAnsi(value), { width, lineGap: 1.2, ...textOptions });
  /**
   * Ends the document with its footer on every page: `footer` (the legal basis) on the left, "page n of N" on the
   * right, written in the bottom margin (hence margin 0 there, or pdfkit would start a new page). Its bytes.
   */
  const finish = (footer: string, pageLabel: (page: number, pages: number) => string): Promise<Buffer> => {
    const range = doc.bufferedPageRange();
    for (let index = 0; index < range.count; index += 1) {
      doc.switchToPage(range.start + index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin + 10;
      doc.font(REGULAR).fontSize(8).fillColor('#555555');
      doc.text(toWinAnsi(footer), margin, y, { width: width - 90, lineBreak: false });
      doc.text(toWinAnsi(pageLabel(index + 1, range.count)), doc.page.width - margin - 90, y, {
        width: 90,
        align: 'right',
        lineBreak: false,
      });
      doc.fillColor('black');
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  };
  return { doc, done, width, text, finish };
}

export async function renderContent(content: LetterContent, options: RenderOptions = {}): Promise<Buffer> {
  const qrPng = options.answerLink
    ? await qrCode().toBuffer(options.answerLink.url, { errorCorrectionLevel: 'M', margin: 4, scale: 8 })
    : undefined;
  const [companyName = ''] = content.sender;
  const { doc, width, text, finish } = a4Document(
    MARGIN,
    content.language,
    { title: `${content.objectLabel} ${content.object}`, author: companyName },
    options,
  );

  // Header: the company on the left, the addressee in the right column, level with it.
  const top = doc.y;
  doc.font(BOLD).fontSize(13);
  text(companyName, { width: RIGHT_COLUMN - MARGIN - 16 });
  doc.font(REGULAR).fontSize(9.5);
  for (const line of content.sender.slice(1)) text(line, { width: RIGHT_COLUMN - MARGIN - 16 });
  const senderBottom = doc.y;

  const [personal = '', ...addressee] = content.recipient;
  const rightWidth = doc.page.width - MARGIN - RIGHT_COLUMN;
  doc
    .font(ITALIC)
    .fontSize(8.5)
    .text(toWinAnsi(personal), RIGHT_COLUMN, top + 40, { width: rightWidth });
  doc.font(BOLD).fontSize(BODY_SIZE);
  for (const [index, line] of addressee.entries()) {
    if (index === 1) doc.font(REGULAR);
    doc.text(toWinAnsi(line), RIGHT_COLUMN, doc.y, { width: rightWidth, lineGap: 1.2 });
  }
  doc.moveDown(1.5);
  doc.font(REGULAR).fontSize(BODY_SIZE);
  doc.text(toWinAnsi(content.placeAndDate), RIGHT_COLUMN, doc.y, { width: rightWidth });
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, senderBottom) + 22;

  // Subject line, greeting, body.
  doc.font(BOLD).fontSize(BODY_SIZE);
  text(`${content.objectLabel} `, { continued: true });
  doc.font(REGULAR);
  text(content.object);
  doc.moveDown(1.2);
  text(content.greeting);
  doc.moveDown(0.7);

  for (const section of content.sections) {
    if (section.heading) {
      doc.moveDown(0.2);
      doc.font(BOLD);
      text(section.heading);
      doc.font(REGULAR);
      doc.moveDown(0.3);
    }
    for (const paragraph of section.paragraphs ?? []) {
      text(paragraph);
      doc.moveDown(0.45);
    }
    for (const fact of section.facts ?? []) {
      const y = doc.y;
      doc.circle(MARGIN + 10, y + BODY_SIZE * 0.45, 1.6).fill('black');
      doc.text(toWinAnsi(fact), MARGIN + 20, y, { width: width - 20, lineGap: 1.2 });
      doc.x = MARGIN;
    }
    if (section.facts?.length) doc.moveDown(0.45);
  }

  // The answer page: its QR code, and beside it how to use it and the short address to type.
  if (qrPng && options.answerLink) {
    doc.x = MARGIN;
    if (doc.y + QR_SIZE > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.image(qrPng, MARGIN, y, { width: QR_SIZE, height: QR_SIZE });
    const say = translatorFor(content.language, 'answerPage');
    doc.font(REGULAR).fontSize(BODY_SIZE);
    doc.text(toWinAnsi(say('letter.qrCaption')), MARGIN + QR_SIZE + 14, y + 14, {
      width: width - QR_SIZE - 14,
      lineGap: 1.2,
    });
    doc.font(BOLD).fontSize(BODY_SIZE + 1);
    doc.text(toWinAnsi(options.answerLink.shortUrl), MARGIN + QR_SIZE + 14, doc.y + 4, {
      width: width - QR_SIZE - 14,
    });
    doc.font(REGULAR).fontSize(BODY_SIZE);
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, y + QR_SIZE) + 12;
  }

  // Closing and signature, kept together on one page.
  doc.x = MARGIN;
  const closingHeight =
    doc.heightOfString(toWinAnsi(content.closing), { width, lineGap: 1.2 }) +
    doc.currentLineHeight(true) * (1.5 + content.signature.length + 0.5);
  if (doc.y + closingHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  text(content.closing);
  doc.moveDown(1.5);
  const [signatureFor = '', ...signatory] = content.signature;
  doc.text(toWinAnsi(signatureFor), RIGHT_COLUMN, doc.y, { width: rightWidth });
  doc.font(BOLD);
  for (const line of signatory) doc.text(toWinAnsi(line), RIGHT_COLUMN, doc.y, { width: rightWidth });

  return finish(content.footer, (page, pages) => pageLabel(content, page, pages));
}

function pageLabel(content: LetterContent, page: number, pages: number): string {
  return content.pageFormat.replace('{page}', String(page)).replace('{pages}', String(pages));
}
