/**
 * A text cell that a spreadsheet would read as a formula (= + - @, or a leading tab or
 * carriage return) gets a leading apostrophe, so a comment like "=HYPERLINK(...)" stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * As `neutralise`, and also every part that a spreadsheet may split off and read as a cell
 * of its own: after a ',', ';' (Excel's separator in many locales), a tab or a line break,
 * spaces allowed, a formula character gets an apostrophe too ("x;=1+1" → "x;'=1+1").
 */
export function neutraliseParts(value: string): string {
  const parts = value.replace(/(^|[,;\t\r\n])(?=[ \u00a0]*[=+\-@])/g, "$1'");
  return /^[\t\r]/.test(parts) ? `'${parts}` : parts;
}

/** One CSV field (RFC 4180): a number as it is; every text quoted, its formula parts neutralised. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${neutraliseParts(value).replace(/"/g, '""')}"`;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvField).join(',')}\r\n`;

/**
 * For Excel with Vietnamese regional settings, whose list separator is ";" (the comma being
 * the decimal mark): numbers arrive already written with "," (export-csv.ts vnNumber), so a
 * "3,8" is quoted nowhere and read as a number. A text that starts like a number ("-1") is neutralised.
 */
export const csvLineVn = (cells: (string | number | null | undefined)[]) =>
  `${cells.map((c) => (typeof c === 'string' && /^-?\d+(,\d+)?$/.test(c) ? c : csvField(c))).join(';')}\r\n`;

/** Excel opens a UTF-8 CSV with Vietnamese intact only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';
