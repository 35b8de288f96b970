import type { Writable } from 'node:stream';
import type { Definition } from '../surveys/definitions';
import { BOM, csvLine } from './export-cells';
import type { RawExportRepo, RawFilter, RawResponseRow } from './export-raw.repo';

const PAGE = 1000;
/** Fixed columns before one column per question (codes documented in docs/api.md). */
export const RAW_COLUMNS = ['response_id', 'local_date', 'created_at_utc', 'unit_code', 'unit_name',
  'unit_official_code', 'unit_valid_from', 'unit_valid_to', 'point_code', 'service_code',
  'channel', 'lang', 'definition', 'flagged', 'verified', 'demo'];

/** Resolves when the stream can take more, or has closed (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { out.off('drain', done); out.off('close', done); resolve(); };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Column headings (codes by default) and how a line is written (plain CSV by default; ";" for Vietnamese Excel). */
export interface RawCsvOptions { header?: string[]; line?: typeof csvLine }

function rowLine(r: RawResponseRow, questions: string[], line: typeof csvLine): string {
  const answers = new Map<string, string[]>();
  for (const [q, v] of [...JSON.parse(r.choices), ...JSON.parse(r.texts)] as [string, string][]) answers.set(q, [...(answers.get(q) ?? []), v]);
  return line([r.id, r.localDate, r.createdAt, r.unitCode, r.unitName, r.unitOfficialCode, r.unitValidFrom, r.unitValidTo, r.pointCode, r.serviceCode, r.channel, r.lang,
    `${r.definitionId}@${r.definitionVersion}`, r.flagged, r.verified, r.isDemo, ...questions.map((q) => answers.get(q)?.sort().join(';'))]);
}

/**
 * Streams every selected response as one CSV row, page by page, waiting for 'drain' when
 * the client is slower than the database: memory stays flat whatever the size.
 */
export async function streamRawCsv(out: Writable, repo: RawExportRepo, filter: RawFilter, definition: Definition, opts: RawCsvOptions = {}): Promise<number> {
  const questions = [...definition.questions.keys()];
  const line = opts.line ?? csvLine;
  out.write(BOM + line(opts.header ?? [...RAW_COLUMNS, ...questions]));
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = repo.page(filter, after, PAGE);
    for (const r of rows) {
      if (out.destroyed) return written;
      if (!out.write(rowLine(r, questions, line))) await drained(out);
      written++;
    }
    if (rows.length < PAGE) return written;
    after = rows[rows.length - 1]!.id;
  }
}
