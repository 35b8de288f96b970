/**
 * A text cell that a spreadsheet would read as a formula (= + - @, or a leading tab or
 * carriage return) gets a leading apostrophe, so a comment like "=HYPERLINK(...)" stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): neutralised, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string | number | null | undefined, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutralise(value);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map((c) => csvField(c)).join(',')}\r\n`;

/**
 * For Excel with Vietnamese regional settings, whose list separator is ";" (the comma being
 * the decimal mark): numbers arrive already written with "," (export-csv.ts vnNumber), so a
 * "3,8" is quoted nowhere and read as a number. A text that starts like a number ("-1") is neutralised.
 */
export const csvLineVn = (cells: (string | number | null | undefined)[]) =>
  `${cells.map((c) => (typeof c === 'string' && /^-?\d+(,\d+)?$/.test(c) ? c : csvField(c, ';'))).join(';')}\r\n`;

/** Excel opens a UTF-8 CSV with Vietnamese intact only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';
