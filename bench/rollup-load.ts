/**
 * npm run bench:rollup-load [-- --from <bench db> --seconds 30 --server-root <checkout>]
 * What citizens and the figures API feel while the running server rolls up a closed month of
 * the 1,000,000-response year: the data of bench:figures (generated, or copied from --from, e.g.
 * a `bench:figures --keep` file), every rollup built except the last month of that year and
 * the year itself, then the real server started on it (its start-up schedule builds those two)
 * under poster submissions (autocannon, 10 connections) and GET /api/v1/figures of a built
 * month by unit, one at a time, at most every 250 ms. Latencies are split at the server's
 * "rollups built" log line: while the month is rolled up, and after. --server-root runs another checkout's server (before/after).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase, type Db } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadConfig, ROOT } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { vietnamDate } from '../server/time/vietnam-time';
import { wireCore } from '../server/wiring';
import { generate } from './figures-data';
import { freePort, percentile, startServerAt, stop, submissionBody, waitFor, type Running } from './lib';

const opt = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const SECONDS = Number(opt('seconds') ?? 30);
const SERVER_ROOT = opt('server-root') ?? ROOT;
const YEAR = Number(vietnamDate(new Date()).slice(0, 4)) - 1;
const BUILT = /"msg":"rollups built"/;

/** The bench data in a temporary file: a copy of --from, or generated (about two minutes). */
function dataFile(dir: string): string {
  const file = path.join(dir, 'load.sqlite');
  const from = opt('from');
  if (from) fs.copyFileSync(from, file);
  const db = openDatabase(file);
  migrate(db);
  if (!from) generate(db, loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current, { units: 100, services: 30, days: 365, start: `${YEAR}-01-01` });
  db.close();
  return file;
}

/** A counter to submit to and an API key for the whole province. */
function prepare(db: Db) {
  db.prepare("INSERT OR IGNORE INTO collection_points (code, unit_id, label, service_id) VALUES ('bench-load', 2, 'Quầy 1', 1)").run();
  return wireCore(db).apiKeys.create({ unitCode: 'p', label: 'bench:rollup-load' }).key;
}

const env = (file: string, port: number) => ({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, SEED_DEMO: 'false', ADMIN_PASSWORD: 'bench-rollup-load-1', LOG_LEVEL: 'debug' });

/**
 * Resolves once the port takes connections: the clock starts there, not at the "listening"
 * log line, which a server whose event loop is blocked (building a rollup) writes late.
 */
async function accepting(port: number, ms: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.destroy(); resolve(true); }).on('error', () => resolve(false)));
    if (ok) return;
    if (Date.now() - start > ms) throw new Error(`port ${port} not open after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs the server once until its schedule has built every rollup. */
async function buildAll(file: string) {
  const port = await freePort();
  const server = startServerAt(SERVER_ROOT, env(file, port));
  await waitFor(server, BUILT, 30 * 60_000);
  await stop(server);
}

interface Timed { at: number; ms: number; ok: boolean }
function summary(name: string, xs: Timed[], split: number) {
  const part = (ys: Timed[]) => {
    const ms = ys.map((y) => y.ms);
    return `${ys.length} (${ys.filter((y) => !y.ok).length} errors), p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`;
  };
  const slowest = [...xs].sort((a, b) => b.ms - a.ms).slice(0, 3).map((x) => `${x.ms.toFixed(0)} ms at ${(x.at / 1000).toFixed(1)} s`);
  return `${name}\n  while the month is rolled up: ${part(xs.filter((x) => x.at < split))}\n  after: ${part(xs.filter((x) => x.at >= split))}\n  slowest (started at, from the port's opening): ${slowest.join(', ')}`;
}

/** Submissions and figures reads from the server's start, until SECONDS have passed. */
async function measure(server: Running, port: number, key: string, pool: string[]) {
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  let built = Infinity;
  const watch = setInterval(() => { if (built === Infinity && BUILT.test(server.output())) built = performance.now() - t0; }, 20);
  const figures: Timed[] = [], submissions: Timed[] = [];
  let reading = true;
  const read = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/figures?period=${YEAR}-11&groupBy=unit`, { headers: { authorization: `Bearer ${key}` } }).catch(() => null);
    await res?.arrayBuffer();
    figures.push({ at: t - t0, ms: performance.now() - t, ok: res?.status === 200 });
    if (reading) setTimeout(() => { if (reading) inFlight = read(); }, Math.max(0, 250 - (performance.now() - t)));
  };
  let inFlight: Promise<void> = read();
  let i = 0;
  await new Promise((resolve) => {
    const run = autocannon({ url: base, connections: 10, duration: SECONDS, requests: [{ method: 'POST', path: '/s/bench-load', headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (req) => ({ ...req, body: pool[i++ % pool.length] }) }] }, resolve);
    run.on('response', (_c: unknown, status: number, _b: number, ms: number) => submissions.push({ at: performance.now() - ms - t0, ms, ok: status === 303 }));
  });
  reading = false;
  clearInterval(watch);
  await inFlight;
  return { built, figures, submissions };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rollup-load-'));
  const file = dataFile(dir);
  const db = openDatabase(file);
  const key = prepare(db);
  db.exec('DELETE FROM answer_rollups; DELETE FROM rollup_buckets; DELETE FROM rollup_slots'); // each server builds its own
  db.close();
  await buildAll(file);
  const again = openDatabase(file);
  again.prepare('DELETE FROM rollup_buckets WHERE bucket IN (?, ?)').run(`${YEAR}-12`, String(YEAR)); // the month closes again
  again.close();
  const pool = Array.from({ length: 50_000 }, submissionBody); // before the clock: making them takes seconds
  const port = await freePort();
  const server = startServerAt(SERVER_ROOT, env(file, port));
  await accepting(port, 60_000);
  const r = await measure(server, port, key, pool);
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
  // The schedule's own account of each bucket (debug log; only this checkout's server writes it).
  const buckets = server.output().split('\n').filter((l) => l.includes('"msg":"rollup bucket"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  console.log([
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}; server of ${SERVER_ROOT}; ${SECONDS} s from the server's start, 10 connections`,
    `${YEAR}-12 and ${YEAR} rolled up by the start-up schedule ${r.built === Infinity ? `in more than ${SECONDS} s` : `${(r.built / 1000).toFixed(1)} s`} after the port opened (as its log says)`,
    summary('submissions (POST /s/…, a full questionnaire):', r.submissions, r.built),
    summary(`GET /api/v1/figures?period=${YEAR}-11&groupBy=unit, one at a time, at most every 250 ms:`, r.figures, r.built),
    ...buckets.map((b) => `  ${b.bucket}: ${b.steps} steps, busy ${Number(b.busyMs).toFixed(0)} ms of ${Number(b.elapsedMs).toFixed(0)} ms, longest step ${Number(b.longestStepMs).toFixed(1)} ms`),
  ].join('\n'));
}

void main();
