/**
 * npm run bench:start [-- runs]: the production start (node dist/server/index.js, what
 * `npm start` runs after `npm ci` built dist/) against the loader start (node --require
 * tsx/cjs server/index.ts, `npm run dev`), side by side, alternating, on one database seeded
 * by a first start (the usual case: a restart). Reports the time from spawn to the first
 * 200 of /healthz, and the resident memory 3 s after that and 30 s after (at rest: V8's memory
 * reducer gives back the heap that the start-up work grew, some 10 s after the last activity),
 * with and without /metrics.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDist, freePort, rssMb, startServer, stop, waitFor } from './lib';

const RUNS = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function once(compiled: boolean, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const t0 = performance.now();
  const server = startServer({ ...env, PORT: String(port) }, { compiled });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (server.child.exitCode !== null) throw new Error(server.output());
    await new Promise((r) => setTimeout(r, 5));
  }
  const startMs = performance.now() - t0;
  await waitFor(server, 'Staff login');
  await new Promise((r) => setTimeout(r, 3000));
  const early = rssMb(server.child.pid!);
  await new Promise((r) => setTimeout(r, 27_000));
  const rss = rssMb(server.child.pid!);
  await stop(server);
  return { startMs, early, rss };
}

async function main() {
  buildDist();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-start-bench-'));
  const env = { HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'rest.sqlite'), LOG_LEVEL: 'info' };
  await once(true, env); // the first start seeds the demo year; not measured
  const variants = { compiled: { compiled: true, env }, loader: { compiled: false, env }, 'compiled + METRICS_TOKEN': { compiled: true, env: { ...env, METRICS_TOKEN: 'x'.repeat(32) } } };
  const results: Record<string, { startMs: number[]; early: number[]; rss: number[] }> = {};
  for (let i = 0; i < RUNS; i++) {
    for (const [name, v] of Object.entries(variants)) {
      const r = await once(v.compiled, v.env);
      const into = (results[name] ??= { startMs: [], early: [], rss: [] });
      into.startMs.push(r.startMs);
      into.early.push(r.early);
      into.rss.push(r.rss);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${RUNS} runs each, alternating`);
  for (const [name, r] of Object.entries(results)) {
    const list = (xs: number[], digits: number) => `median ${median(xs).toFixed(digits)} (${xs.map((x) => x.toFixed(digits)).join(', ')})`;
    console.log(`${name.padEnd(26)} start to first /healthz, ms: ${list(r.startMs, 0)}; RSS MB after 3 s: ${list(r.early, 1)}; at rest (30 s): ${list(r.rss, 1)}`);
  }
}

void main();
