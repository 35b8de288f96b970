import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, percentile, startServer, stop, submissionBody, waitFor } from './lib';
import { openDatabase } from '../server/db/open-database';
import { wireCore } from '../server/wiring';

/**
 * npm run bench:load [-- <seconds=60> <rate req/s, 0 = as fast as it goes>]
 * Poster submissions on loopback (autocannon, 10 connections) while GET /api/v1/figures
 * (a year, with an API key) runs every second; reports p50/p99 and errors of both.
 */
const SECONDS = Number(process.argv[2] ?? 60);
const RATE = Number(process.argv[3] ?? 0);

const body = submissionBody;
const pct = percentile;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-load-'));
  const dbPath = path.join(dir, 'load.sqlite');
  const port = await freePort();
  const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, LOG_LEVEL: 'info' });
  await waitFor(server, /A demo survey .*\/s\/[\w-]+/, 120_000);
  const db = openDatabase(dbPath);
  const surveyPath = `/s/${db.prepare('SELECT code FROM collection_points WHERE service_id IS NOT NULL AND active = 1 LIMIT 1').pluck().get()}`;
  const root = db.prepare('SELECT code FROM units WHERE parent_id IS NULL LIMIT 1').pluck().get() as string;
  const key = wireCore(db).apiKeys.create({ unitCode: root, label: 'bench:load' }).key;
  db.close();
  const base = `http://127.0.0.1:${port}`;
  const pool = Array.from({ length: 20_000 }, body);
  let i = 0;

  const figures: number[] = [];
  let figureErrors = 0;
  const year = new Date().getUTCFullYear();
  let inFlight: Promise<void> = Promise.resolve();
  const call = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/figures?period=${year}`, { headers: { authorization: `Bearer ${key}` } }).catch(() => null);
    if (!res || res.status !== 200) figureErrors++;
    await res?.arrayBuffer();
    figures.push(performance.now() - t0);
  };
  const tick = setInterval(() => (inFlight = call()), 1000);

  const r = await autocannon({
    url: base, connections: 10, duration: SECONDS, ...(RATE > 0 ? { overallRate: RATE } : {}),
    requests: [{ method: 'POST', path: surveyPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (req) => ({ ...req, body: pool[i++ % pool.length] }) }],
  });
  clearInterval(tick);
  await inFlight; // the last figures call must not race the server's shutdown
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log([
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}; ${SECONDS} s, 10 connections, rate ${RATE || 'unlimited'}`,
    `submissions: ${r.requests.total} in ${SECONDS} s = ${r.requests.average.toFixed(0)} req/s; p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; errors ${r.errors + r.timeouts}, non-3xx ${r.non2xx - (r['3xx'] ?? 0)}`,
    `GET /api/v1/figures (this year, API key) every second: ${figures.length} calls, p50 ${pct(figures, 50).toFixed(0)} ms, p99 ${pct(figures, 99).toFixed(0)} ms, max ${Math.max(...figures).toFixed(0)} ms, errors ${figureErrors}`,
  ].join('\n'));
}

void main();
