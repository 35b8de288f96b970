import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { firstStep, fullQuestionnaire, harvestForms, submitForms } from './citizen-path';
import { describeLoad, firstPageComparison } from './first-page';
import { sqliteFloor } from './sqlite-floor';
import { buildDist, cpuMs, freePort, load, rssMb, startHello, startServer, stop, waitFor, type LoadResult, type Running } from './lib';

/**
 * npm run bench [-- seconds] [-- --no-browser]: the citizen's first page (bytes, requests,
 * and its time on an emulated slow-3G phone against the page before issue 12,
 * bench/first-page.ts); the survey page's GET and submissions per second (the first step,
 * and a whole questionnaire) against a bare express "hello" route measured in the same run,
 * just before each (budget: at least one third of it); memory at rest. Servers run as child
 * processes on loopback (the citizen's server compiled, as npm start runs it); autocannon
 * and Chromium run here. Where the time goes: bench/profile.ts.
 */
const args = process.argv.slice(2);
const SECONDS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const BROWSER = !args.includes('--no-browser');
const WAIT_MS = 3500; // older than POSTER_SID_MIN_SECONDS (3 s) when sent

/** The first page's bytes: its HTML and every stylesheet or script it asks for, raw and gzipped (the server's level 6). */
async function pageWeight(base: string, surveyPath: string) {
  const html = await (await fetch(base + surveyPath, { headers: { 'accept-encoding': 'identity' } })).text();
  const gz = (s: string) => zlib.gzipSync(s, { level: 6 }).length;
  const subresources = [...html.matchAll(/<(?:link rel="stylesheet"|script)[^>]*(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]!);
  const texts = await Promise.all(subresources.map(async (u) => (await fetch(base + u)).text()));
  const subGzip = texts.reduce((n, x) => n + gz(x), 0);
  return { htmlRaw: Buffer.byteLength(html), htmlGzip: gz(html), subGzip, totalGzip: gz(html) + subGzip, requests: 1 + subresources.length, scripts: (html.match(/<script/g) ?? []).length, service: /<option value="([^"]+)">/.exec(html)?.[1] ?? null };
}

/** What the database holds after a run: every submission stored once, and how many an abuse rule flagged (must be none). */
function stored(file: string) {
  const db = new Database(file, { readonly: true });
  const row = db.prepare('SELECT count(*) AS responses, coalesce(sum(flagged), 0) AS flagged FROM responses WHERE is_demo = 0').get() as { responses: number; flagged: number };
  db.close();
  return row;
}

/** A load and the bare route's, measured just before it (the ratio of the two is the figure: the machine may be shared), each with its server's CPU per request. */
type Measured = LoadResult & { used?: number; forms?: number; cpuUs: number };
interface Paired { r: Measured; bare: Measured }

/** Runs `measure` and adds the CPU that `server` used per request meanwhile. */
async function withCpu(server: Running, measure: () => Promise<LoadResult & { used?: number; forms?: number }>): Promise<Measured> {
  const before = cpuMs(server.child.pid!);
  const r = await measure();
  return { ...r, cpuUs: ((cpuMs(server.child.pid!) - before) * 1000) / Math.max(1, r.total) };
}

async function citizenPath(sync: 'NORMAL' | 'FULL', hello: () => Promise<Measured>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const port = await freePort();
  // Every request of the bench comes from 127.0.0.1: the per-address rules, meant for one counter's
  // Wi-Fi, are opened wide, so that the bench measures the normal path of many citizens.
  const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, DB_SYNCHRONOUS: sync, LOG_LEVEL: 'info', POSTER_WINDOW_MAX: '1000000', POSTER_DAILY_MAX: '1000000000' }, { compiled: true });
  try {
    return await measureOn(server, port, sync, hello, file);
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measureOn(server: Running, port: number, sync: 'NORMAL' | 'FULL', hello: () => Promise<Measured>, file: string) {
  await waitFor(server, /A demo survey .*\/s\/[\w-]+/, 60_000);
  // The first start builds the demo year's rollups in the background: measure after them
  // (after two minutes at most: a start with nothing to build says nothing).
  await waitFor(server, 'rollups built', 120_000).catch(() => undefined);
  const surveyPath = /\/s\/[\w-]+/.exec(server.output())![0];
  const base = `http://127.0.0.1:${port}`;
  await new Promise((r) => setTimeout(r, 1000));
  const weight = await pageWeight(base, surveyPath);
  const slow3g = sync === 'NORMAL' && BROWSER ? await firstPageComparison(base + surveyPath) : null;
  const paired = async (measure: () => Promise<LoadResult & { used?: number; forms?: number }>): Promise<Paired> => {
    const bare = await hello();
    return { bare, r: await withCpu(server, measure) };
  };
  const page = sync === 'NORMAL' ? await paired(() => load({ url: base + surveyPath, duration: SECONDS, headers: { 'accept-encoding': 'gzip' } })) : null;
  const submissions = async (answers: () => Record<string, string>, perSecond: number) => {
    const forms = await harvestForms(base + surveyPath, SECONDS * perSecond);
    await new Promise((r) => setTimeout(r, WAIT_MS));
    return paired(async () => ({ ...(await submitForms(base, surveyPath, forms, answers, SECONDS)), forms: forms.length }));
  };
  const first = await submissions(firstStep(weight.service), 12_000);
  const full = sync === 'NORMAL' ? await submissions(fullQuestionnaire(weight.service), 8000) : null;
  await stop(server); // before reading its database (stopping again in citizenPath is harmless)
  return { weight, slow3g, page, first, full, rows: stored(file) };
}

/**
 * Resident memory at rest: the server started on a database seeded by an earlier start (the
 * usual case: a restart), left idle for 30 s, as bench:start does: V8's memory reducer gives
 * back the heap of the start-up work some 10 s after the last activity, so 2 s would measure
 * the start, not the rest. The first start, which seeds a year of demo responses, is
 * reported too (at 2 s).
 */
async function memoryAtRest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-rest-'));
  const env = { HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'rest.sqlite'), LOG_LEVEL: 'info' };
  const rss = async (idleMs: number) => {
    const server = startServer({ ...env, PORT: String(await freePort()) }, { compiled: true });
    await waitFor(server, 'A demo survey', 60_000);
    await new Promise((r) => setTimeout(r, idleMs));
    const mb = rssMb(server.child.pid!);
    await stop(server);
    return mb;
  };
  const firstStart = await rss(2000);
  const restart = await rss(30_000);
  fs.rmSync(dir, { recursive: true, force: true });
  return { firstStart, restart };
}

const line = (name: string, { r, bare }: Paired, budget = '') => {
  const forms = r.forms ? ` [${r.used} of ${r.forms} forms]` : '';
  const statuses = r.forms ? 'non-2xx (303 for a submission)' : 'non-2xx';
  return `${name}${forms}: ${r.rps.toFixed(0)} req/s against hello ${bare.rps.toFixed(0)} just before: ${((100 * r.rps) / bare.rps).toFixed(1)}%${budget}; server CPU ${r.cpuUs.toFixed(0)} µs a request (hello ${bare.cpuUs.toFixed(0)} µs: ${((100 * bare.cpuUs) / r.cpuUs).toFixed(1)}%); p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, ${statuses} ${r.non2xx}`;
};
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const before = loadavg();
  // The server as npm start runs it: the compiled dist/, built from the sources first.
  buildDist();
  const helloPort = await freePort();
  const helloServer = await startHello(helloPort);
  const hello = () => withCpu(helloServer, () => load({ url: `http://127.0.0.1:${helloPort}/`, duration: SECONDS }));
  const normal = await citizenPath('NORMAL', hello);
  const full = await citizenPath('FULL', hello);
  // The floor: the same route on the app's own kind of server (requests born with express's prototypes).
  const bornPort = await freePort();
  const bornServer = await startHello(bornPort, { HELLO_SERVER: 'app' });
  const born: Paired = { bare: await hello(), r: await withCpu(bornServer, () => load({ url: `http://127.0.0.1:${bornPort}/`, duration: SECONDS })) };
  await stop(bornServer);
  await stop(helloServer);
  const rest = await memoryAtRest();
  const floor = { NORMAL: sqliteFloor('NORMAL'), FULL: sqliteFloor('FULL') };
  const w = normal.weight;
  const lines = [
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${SECONDS} s per load, 10 connections; load average before ${before}, after ${loadavg()}`,
    `first page: HTML ${w.htmlRaw} B raw / ${w.htmlGzip} B gzip (CSS inlined); other stylesheets and scripts ${w.subGzip} B gzip; total gzip ${w.totalGzip} B (budget 4096); requests ${w.requests}; scripts ${w.scripts}`,
    ...(normal.slow3g ? [describeLoad('first page before issue 12 (bench/baseline)', normal.slow3g.before), describeLoad('first page now', normal.slow3g.after) + ' (budget: 1 request, usable < 1200 ms)'] : []),
    line('GET survey page (gzip)', normal.page!, ' (budget ≥ 33.3%)'),
    line('submissions, first step (overall + service), NORMAL', normal.first, ' (budget ≥ 33.3%, aim 50%)'),
    line('submissions, whole questionnaire, NORMAL', normal.full!),
    line('submissions, first step, FULL', full.first),
    line('the floor: hello on the app\'s kind of server (server/http/app-server.ts)', born),
    ...(['NORMAL', 'FULL'] as const).map((k) => `SQLite floor, synchronous=${k}: a commit of one row ${floor[k].commit.toFixed(0)} µs; a first page's rows (response, answer, 2 counts, continuation) ${floor[k].alone.toFixed(0)} µs committed alone, ${floor[k].byEight.toFixed(0)} µs each committed by 8`),
    `stored: ${normal.rows.responses} responses (NORMAL), ${full.rows.responses} (FULL); flagged by an abuse rule: ${normal.rows.flagged} and ${full.rows.flagged}`,
    `server at rest: ${rest.restart.toFixed(0)} MB resident 30 s after a restart (budget 80 MB); ${rest.firstStart.toFixed(0)} MB 2 s after the first start, which seeds the demo year`,
  ];
  console.log(lines.join('\n'));
}

void main();
