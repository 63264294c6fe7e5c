// CSV for spreadsheets (RFC 4180, BOM, formula cells neutralised) for the HR tab's export.
/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark so that Excel reads accents
 * correctly, and text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
 */
export function toCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>,
  separator: string,
) {
  const cell = (value: string | number | undefined | null): string => {
    let text = value === undefined || value === null ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}
