/**
 * Figures benchmark: npm run bench:figures [-- --days 365 --units 100 --services 30]
 * Seeds one synthetic response per (unit, service, day) into a temporary SQLite file
 * (raw answers row by row, then answer_counts in bulk from them, consistent by
 * construction), then times the yearly figures for every unit × service from
 * answer_counts against a plain GROUP BY over the raw answers, and the streamed raw CSV
 * export with its peak RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { openDatabase, type Db } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadConfig } from '../server/config';
import { loadDefinitions, type Definition } from '../server/surveys/definitions';
import { createFiguresRepo } from '../server/figures/figures.repo';
import { computeSelection } from '../server/figures/figures.service';
import { createRawExportRepo } from '../server/figures/export-raw.repo';
import { streamRawCsv } from '../server/figures/export-raw';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? Number(process.argv[i + 1]) : dflt; };
const DAYS = arg('days', 365), UNITS = arg('units', 100), SERVICES = arg('services', 30);

function seed(db: Db, def: Definition) {
  const likert = [...def.questions.values()].filter((q) => q.type === 'likert5').map((q) => q.id);
  const priorities = [...def.questions.values()].flatMap((q) => (q.type === 'single' && q.role === 'priority' ? [{ id: q.id, options: q.options.map((o) => o.value) }] : []));
  db.exec("INSERT INTO units (id, code, name, type) VALUES (1, 'p', 'Tỉnh', 'tinh')");
  const unit = db.prepare("INSERT INTO units (id, code, name, type, parent_id) VALUES (?, ?, ?, 'xa', 1)");
  const service = db.prepare('INSERT INTO services (id, code, name_vi) VALUES (?, ?, ?)');
  const response = db.prepare(`INSERT INTO responses (id, submission_id, definition_id, definition_version, unit_id, service_id, channel, lang, local_date, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'poster', 'vi', ?, ?)`);
  const answer = db.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)');
  let id = 0, seedState = 42;
  const rand = () => ((seedState = (Math.imul(seedState, 1103515245) + 12345) >>> 0) / 4294967296);
  const level = (q: number) => { const r = rand(); return r < q ? (r < q / 2 ? '5' : '4') : r < q + (1 - q) * 0.6 ? '3' : r < q + (1 - q) * 0.9 ? '2' : '1'; };
  db.transaction(() => {
    for (let u = 2; u < UNITS + 2; u++) unit.run(u, `u${u}`, `Xã ${u}`);
    for (let s = 1; s <= SERVICES; s++) service.run(s, `s${s}`, `Lĩnh vực ${s}`);
  })();
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    db.transaction(() => {
      for (let u = 2; u < UNITS + 2; u++) {
        const quality = 0.6 + ((u * 37) % 35) / 100;
        for (let s = 1; s <= SERVICES; s++) {
          response.run(++id, `b${id}`, def.id, def.version, u, s, date, `${date}T02:00:00.000Z`);
          for (const q of likert) answer.run(id, q, rand() < 0.08 ? 'na' : level(quality));
          for (const p of priorities) if (rand() < 0.5) answer.run(id, p.id, p.options[Math.floor(rand() * p.options.length)]);
        }
      }
    })();
  }
  return id;
}

/** answer_counts in bulk, by the same aggregation the recount command checks against. */
function bulkCounts(db: Db) {
  db.exec(`INSERT INTO answer_counts SELECT local_date, unit_id, 0, coalesce(service_id, 0), definition_id, definition_version, flagged, '_response', '1', count(*)
    FROM responses GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  db.exec(`INSERT INTO answer_counts SELECT r.local_date, r.unit_id, 0, coalesce(r.service_id, 0), r.definition_id, r.definition_version, r.flagged, a.question_id, a.value, count(*)
    FROM responses r JOIN answers a ON a.response_id = r.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
}

function time<T>(fn: () => T, runs = 5): { ms: number; result: T } {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); result = fn(); times.push(performance.now() - t); }
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, result };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-figures-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  migrate(db);
  const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
  let t = performance.now();
  const n = seed(db, def);
  console.log(`seeded ${n} responses (${UNITS} units × ${SERVICES} services × ${DAYS} days) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  bulkCounts(db);
  db.exec('ANALYZE');
  const rows = (db.prepare('SELECT count(*) AS n FROM answer_counts').get() as { n: number }).n;
  console.log(`answer_counts: ${rows} rows, built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const to = new Date(Date.parse('2025-01-01') + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const q = { from: '2025-01-01', to, unitIds: null, serviceIds: null, groupBy: 'unit,service' as const, includeMerged: false, includeFlagged: false };
  const figures = time(() => computeSelection({ repo: createFiguresRepo(db), definition: def, fewAnswersThreshold: 30 }, q));
  const sqlOnly = time(() => createFiguresRepo(db).counts('unit,service', q).length);
  console.log(`  of which the SQL sum over answer_counts: ${sqlOnly.ms.toFixed(0)} ms (${sqlOnly.result} rows to JavaScript)`);
  console.log(`figures, every unit × service, ${q.from}..${to}: ${figures.ms.toFixed(0)} ms median of 5 (${figures.result.groups.length} groups; budget 100 ms)`);
  const plain = db.prepare(`SELECT r.unit_id, r.service_id, a.question_id, a.value, count(*) FROM responses r JOIN answers a ON a.response_id = r.id
    WHERE r.local_date BETWEEN ? AND ? GROUP BY 1, 2, 3, 4`);
  console.log(`plain GROUP BY over raw answers: ${time(() => plain.all(q.from, to), 1).ms.toFixed(0)} ms`);
  let peak = process.memoryUsage().rss, bytes = 0, writes = 0;
  const sink = new Writable({ highWaterMark: 64 * 1024, write(chunk: Buffer, _enc, cb) {
    bytes += chunk.length;
    if (++writes % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    setImmediate(cb);
  } });
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const exported = await streamRawCsv(sink, createRawExportRepo(db), q, def);
  console.log(`raw CSV export: ${exported} rows, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
