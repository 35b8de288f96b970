import type { Writable } from 'node:stream';
import { rulesOf } from '../abuse/flag-reasons';
import type { Definition } from '../surveys/definitions';
import { BOM, csvLine, csvLineVn } from './export-cells';
import type { RawExportRepo, RawFilter, RawResponseRow } from './export-raw.repo';

const PAGE = 1000;
/** Fixed columns before one column per question (codes documented in docs/api.md). */
export const RAW_COLUMNS = ['response_id', 'local_date', 'created_at_utc', 'unit_code', 'unit_name',
  'unit_official_code', 'unit_valid_from', 'unit_valid_to', 'point_code', 'service_code',
  'channel', 'lang', 'definition', 'flagged', 'flag_reasons', 'verified', 'demo'];

/** Resolves when the stream can take more, or has closed (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { out.off('drain', done); out.off('close', done); resolve(); };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** How a line is written: plain CSV, or 'vn' for Excel with Vietnamese settings (";", export-cells.ts). */
const FORMATS = { plain: { line: csvLine, separator: ',' }, vn: { line: csvLineVn, separator: ';' } } as const;
type Format = (typeof FORMATS)[keyof typeof FORMATS];
/** Column headings (codes by default) and the line format (plain CSV by default). */
export interface RawCsvOptions { header?: string[]; format?: 'vn' }

/** A response's answers by question column: one value, or several (a multiple choice, a text) sorted and joined by ';'. */
function answerCells(r: RawResponseRow, column: ReadonlyMap<string, number>): (string | undefined)[] {
  const cells = new Array<string | undefined>(column.size);
  let many: Map<number, string[]> | undefined;
  for (const list of [r.choices, r.texts]) {
    for (const [q, v] of JSON.parse(list) as [string, string][]) {
      const c = column.get(q);
      if (c === undefined) continue;
      const more = many?.get(c);
      if (more) more.push(v);
      else if (cells[c] === undefined) cells[c] = v;
      else (many ??= new Map()).set(c, [cells[c]!, v]);
    }
  }
  many?.forEach((values, c) => (cells[c] = values.sort().join(';')));
  return cells;
}

/** Answer values repeat ("5", "nhieu"): each one's CSV field is worked out once per export (a one-cell line is that field). */
function fieldCache(format: Format) {
  const cache = new Map<string, string>();
  return (v: string | undefined) => {
    if (v === undefined) return '';
    let f = cache.get(v);
    if (f === undefined) { f = format.line([v]).slice(0, -2); if (v.length <= 40 && cache.size < 10_000) cache.set(v, f); }
    return f;
  };
}

/** The rules a response broke by name ("sid_fresh;no_device"; abuse/flag-reasons.ts), once per mask; empty when none. */
const reasonNames = new Map<number, string>();
const reasonsOf = (mask: number) => {
  let names = reasonNames.get(mask);
  if (names === undefined) reasonNames.set(mask, (names = rulesOf(mask).join(';')));
  return names;
};

function rowLine(r: RawResponseRow, column: ReadonlyMap<string, number>, format: Format, field: (v: string | undefined) => string): string {
  let line = format.line([r.id, r.localDate, r.createdAt, r.unitCode, r.unitName, r.unitOfficialCode, r.unitValidFrom, r.unitValidTo,
    r.pointCode, r.serviceCode, r.channel, r.lang, `${r.definitionId}@${r.definitionVersion}`, r.flagged, reasonsOf(r.flagReasons), r.verified, r.isDemo]).slice(0, -2);
  for (const v of answerCells(r, column)) line += format.separator + field(v);
  return `${line}\r\n`;
}

/**
 * Streams every selected response as one CSV row, page by page, waiting for 'drain' when
 * the client is slower than the database: memory stays flat whatever the size.
 */
export async function streamRawCsv(out: Writable, repo: RawExportRepo, filter: RawFilter, definition: Definition, opts: RawCsvOptions = {}): Promise<number> {
  const questions = [...definition.questions.keys()];
  const format = FORMATS[opts.format ?? 'plain'];
  const column = new Map(questions.map((q, i) => [q, i]));
  const field = fieldCache(format);
  out.write(BOM + format.line(opts.header ?? [...RAW_COLUMNS, ...questions]));
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = repo.page(filter, after, PAGE);
    for (const r of rows) {
      if (out.destroyed) return written;
      if (!out.write(rowLine(r, column, format, field))) await drained(out);
      written++;
    }
    if (rows.length < PAGE) return written;
    after = rows[rows.length - 1]!.id;
  }
}
