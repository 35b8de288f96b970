/**
 * Figures benchmark: npm run bench:figures [-- --days 365 --units 100 --services 30 --raw-groupby --keep file]
 * Generates one synthetic response per (unit, service, day) of the previous full year (closed,
 * in Vietnam's time) into a temporary SQLite file (with --keep: that file, generated once and
 * kept for the next run), builds the rollups, then, in a child process that opens the file as
 * the server does (bench/figures-time-child.ts), times the yearly figures for every unit ×
 * service through the real service function, phase by phase (bench/figures-phases.ts), against
 * a plain GROUP BY over the daily counts (the engine before rollups) and, with --raw-groupby,
 * over the raw answers (another minute or two), and runs the raw CSV export in another child
 * process to show its memory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadConfig, ROOT } from '../server/config';
import { loadDefinitions, type Definition } from '../server/surveys/definitions';
import { vietnamDate } from '../server/time/vietnam-time';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { rebuildRollups } from '../server/figures/rollups';
import { rollupQuestions } from '../server/figures/rollup-format';
import { structureOf } from '../server/figures/structure';
import { rssMb } from './lib';
import { generate } from './figures-data';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? Number(process.argv[i + 1]) : dflt; };
const UNITS = arg('units', 100), SERVICES = arg('services', 30);
const YEAR = Number(vietnamDate(new Date()).slice(0, 4)) - 1;
const DAYS = arg('days', (Date.UTC(YEAR + 1, 0, 1) - Date.UTC(YEAR, 0, 1)) / 86_400_000);
const KEEP = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The export in its own process, its RSS sampled from /proc every 50 ms. */
async function exportInChild(file: string, from: string, to: string) {
  // node itself with tsx as a loader (not the tsx CLI, which is a wrapper process): /proc then shows the exporter.
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bench/figures-export-child.ts', file, from, to], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '', procPeak = 0;
  child.stdout.on('data', (d) => (out += d));
  const sampler = setInterval(() => { try { procPeak = Math.max(procPeak, rssMb(child.pid!)); } catch { /* exited */ } }, 50);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  return { ...(JSON.parse(out) as { rows: number; bytes: number; ms: number; rssBefore: number; peak: number; series: number[]; sha256: string }), procPeak };
}

/** A fresh file in the OS temp dir, or the --keep file (generated when it does not exist yet). */
function openData(def: Definition, from: string, to: string) {
  const file = KEEP ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-figures-')), 'bench.sqlite');
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file);
  migrate(db);
  db.pragma('journal_mode = OFF'); // a throw-away file: no WAL copy and no fsync while loading
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const t = performance.now();
  if (fresh) generate(db, def, { units: UNITS, services: SERVICES, days: DAYS, start: from });
  console.log(`${fresh ? 'generated' : 'kept from an earlier run:'} ${count(db, 'responses')} responses (${UNITS} units × ${SERVICES} services × ${DAYS} days, ${from}..${to}): ${count(db, 'answers')} answers, ${count(db, 'answer_counts')} answer_counts rows${fresh ? `, in ${sec(performance.now() - t)}` : ''}`);
  return { db, file };
}

/** Builds every rollup with the app's own builder, all at once (the server does it in steps: bench/rollup-load.ts). */
function buildRollups(db: Db, def: Definition) {
  const rollups = createRollupsRepo(db);
  const t = performance.now();
  const built = rebuildRollups(rollups, rollupQuestions(structureOf(def)), vietnamDate(new Date()), new Date());
  console.log(`rollups: ${built.built.length} buckets (${built.built[0]}..${built.built.at(-1)}), ${count(db, 'answer_rollups')} rows, built in ${sec(performance.now() - t)}${built.failed.length ? `; FAILED ${JSON.stringify(built.failed)}` : ''}`);
  return rollups;
}

/** node itself with tsx as a loader (not the tsx CLI, which is a wrapper process): its output goes to ours. */
async function timeInChild(file: string, from: string, to: string) {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bench/figures-time-child.ts', file, from, to, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  await new Promise((resolve) => child.on('exit', resolve));
}

async function main() {
  const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
  const from = `${YEAR}-01-01`;
  const to = new Date(Date.UTC(YEAR, 0, DAYS)).toISOString().slice(0, 10);
  const { db, file } = openData(def, from, to);
  buildRollups(db, def);
  db.close();
  await timeInChild(file, from, to);
  const e = await exportInChild(file, from, to);
  console.log(`raw CSV export (own process): ${e.rows} rows, ${(e.bytes / 1e6).toFixed(0)} MB in ${sec(e.ms)} (sha256 ${e.sha256.slice(0, 12)}); RSS ${(e.rssBefore / 1e6).toFixed(0)} MB before, peak ${(e.peak / 1e6).toFixed(0)} MB during (in-process samples), peak ${(e.procPeak * 1.048576).toFixed(0)} MB from /proc every 50 ms; MB after each 100,000 rows: ${e.series.join(', ')}`);
  if (!KEEP) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

void main();
