/**
 * The raw CSV export of a period in a process of its own (run by bench/figures.ts), so its
 * memory is not mixed with the figures runs: prints one JSON line with rows, bytes, time
 * and RSS before and at peak, sampled in-process; the parent samples /proc as well.
 * Usage: tsx bench/figures-export-child.ts <db file> <from> <to>
 */
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { openDatabase } from '../server/db/open-database';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { createRawExportRepo } from '../server/figures/export-raw.repo';
import { streamRawCsv } from '../server/figures/export-raw';

async function main([file, from, to]: string[]) {
  const db = openDatabase(file!);
  const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
  const repo = createRawExportRepo(db);
  let bytes = 0, writes = 0;
  const hash = crypto.createHash('sha256'); // the same bytes before and after a change to the exporter
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const series: number[] = []; // RSS in MB after every 100,000 rows: flat if memory does not grow with the rows

  // A client that takes 64 KB at a time and acknowledges on the next turn: backpressure is real.
  const sink = new Writable({ highWaterMark: 64 * 1024, write(chunk: Buffer, _enc, cb) {
    bytes += chunk.length;
    hash.update(chunk);
    if (++writes % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (writes % 100_000 === 0) series.push(Math.round(process.memoryUsage().rss / 1e6));
    setImmediate(cb);
  } });
  const t = performance.now();
  const rows = await streamRawCsv(sink, repo, { from: from!, to: to!, unitIds: null, serviceIds: null, includeFlagged: false }, def);
  await new Promise<void>((resolve) => sink.end(resolve));
  const ms = performance.now() - t;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ rows, bytes, ms, rssBefore, peak, series, sha256: hash.digest('hex') }));
  db.close();
}

void main(process.argv.slice(2));
