import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describeLoad, firstPageComparison } from './first-page';
import { freePort, load, rssMb, startHello, startServer, stop, waitFor } from './lib';

/**
 * npm run bench: the citizen's first page (bytes, requests, and its time on an emulated
 * slow-3G phone against the page before issue 12, bench/first-page.ts), and submissions per
 * second against a bare express "hello" route measured in the same run (budget: at least one
 * third). Servers run as child processes on loopback; autocannon and Chromium run here.
 */
const SECONDS = Number(process.argv[2] ?? 10);

/** The first page's bytes: its HTML and every stylesheet or script it asks for, raw and gzipped (the server's level 6). */
async function pageWeight(base: string, surveyPath: string) {
  const html = await (await fetch(base + surveyPath, { headers: { 'accept-encoding': 'identity' } })).text();
  const gz = (s: string) => zlib.gzipSync(s, { level: 6 }).length;
  const subresources = [...html.matchAll(/<(?:link rel="stylesheet"|script)[^>]*(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]!);
  const texts = await Promise.all(subresources.map(async (u) => (await fetch(base + u)).text()));
  const subGzip = texts.reduce((n, x) => n + gz(x), 0);
  return { htmlRaw: Buffer.byteLength(html), htmlGzip: gz(html), subGzip, totalGzip: gz(html) + subGzip, requests: 1 + subresources.length, scripts: (html.match(/<script/g) ?? []).length };
}

function submissionBody(): string {
  const sid = crypto.randomBytes(16).toString('base64url');
  const answers: Record<string, string> = { sid, overall: String(1 + Math.floor(Math.random() * 5)) };
  for (let c = 15; c <= 33; c++) answers[`c${c}`] = Math.random() < 0.1 ? 'na' : String(3 + Math.floor(Math.random() * 3));
  answers.p_info = 'nhieu';
  answers.p_digital = 'rat_nhieu';
  answers.comment = 'Cán bộ hướng dẫn nhiệt tình, thủ tục nhanh gọn.';
  return new URLSearchParams(answers).toString();
}

/** Bodies made before the clock starts, so that the client's own work stays out of the figure. */
function bodyPool(size: number): () => string {
  const pool = Array.from({ length: size }, submissionBody);
  let i = 0;
  return () => pool[i++ % size]!;
}

async function submissions(sync: 'NORMAL' | 'FULL') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-bench-'));
  const port = await freePort();
  const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'bench.sqlite'), DB_SYNCHRONOUS: sync, LOG_LEVEL: 'info' });
  await waitFor(server, /A demo survey .*\/s\/[\w-]+/);
  const surveyPath = /\/s\/[\w-]+/.exec(server.output())![0];
  await new Promise((r) => setTimeout(r, 1000));
  const weight = await pageWeight(`http://127.0.0.1:${port}`, surveyPath);
  const slow3g = sync === 'NORMAL' ? await firstPageComparison(`http://127.0.0.1:${port}${surveyPath}`) : null;
  const nextBody = bodyPool(Math.ceil(SECONDS * 6000));
  const result = await load({
    url: `http://127.0.0.1:${port}`,
    duration: SECONDS,
    requests: [{ method: 'POST', path: surveyPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (req) => ({ ...req, body: nextBody() }) }],
  });
  const pageLoad = await load({ url: `http://127.0.0.1:${port}${surveyPath}`, duration: Math.max(3, SECONDS / 2), headers: { 'accept-encoding': 'gzip' } });
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
  return { result, weight, pageLoad, slow3g };
}

/**
 * Resident memory at rest: the server started on a database seeded by an earlier start (the
 * usual case: a restart), left idle for 2 s. The first start, which seeds a year of demo
 * responses, is reported too.
 */
async function memoryAtRest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-rest-'));
  const env = { HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'rest.sqlite'), LOG_LEVEL: 'info' };
  const rss = async () => {
    const server = startServer({ ...env, PORT: String(await freePort()) });
    await waitFor(server, 'A demo survey');
    await new Promise((r) => setTimeout(r, 2000));
    const mb = rssMb(server.child.pid!);
    await stop(server);
    return mb;
  };
  const firstStart = await rss();
  const restart = await rss();
  fs.rmSync(dir, { recursive: true, force: true });
  return { firstStart, restart };
}

async function main() {
  const port = await freePort();
  const hello = await startHello(port);
  const baseline = await load({ url: `http://127.0.0.1:${port}/`, duration: SECONDS });
  await stop(hello);
  const normal = await submissions('NORMAL');
  const full = await submissions('FULL');
  const rest = await memoryAtRest();
  const w = normal.weight;
  const lines = [
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${SECONDS} s per load, 10 connections`,
    `first page: HTML ${w.htmlRaw} B raw / ${w.htmlGzip} B gzip (CSS inlined); other stylesheets and scripts ${w.subGzip} B gzip; total gzip ${w.totalGzip} B (budget 4096); requests ${w.requests}; scripts ${w.scripts}`,
    describeLoad('first page before issue 12 (bench/baseline)', normal.slow3g!.before),
    describeLoad('first page now', normal.slow3g!.after) + ' (budget: 1 request, usable < 1200 ms)',
    `GET survey page (gzip): ${normal.pageLoad.rps.toFixed(0)} req/s, p50 ${normal.pageLoad.p50} ms, p99 ${normal.pageLoad.p99} ms`,
    `bare express hello: ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
    `submissions, synchronous=NORMAL: ${normal.result.rps.toFixed(0)} req/s (${((100 * normal.result.rps) / baseline.rps).toFixed(1)}% of hello; budget ≥ 33.3%), p50 ${normal.result.p50} ms, p99 ${normal.result.p99} ms, errors ${normal.result.errors}`,
    `submissions, synchronous=FULL:   ${full.result.rps.toFixed(0)} req/s (${((100 * full.result.rps) / baseline.rps).toFixed(1)}% of hello), p50 ${full.result.p50} ms, p99 ${full.result.p99} ms, errors ${full.result.errors}`,
    `server at rest: ${rest.restart.toFixed(0)} MB resident after a restart (budget 100 MB); ${rest.firstStart.toFixed(0)} MB after the first start, which seeds the demo year`,
  ];
  console.log(lines.join('\n'));
}

void main();
