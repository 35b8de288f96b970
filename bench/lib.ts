import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { buildDist, freePort, startServer, waitFor, type Running } from '../test/helpers/server-process';
import { ROOT } from '../server/config';

export { buildDist, freePort, startServer, waitFor, type Running };

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * CPU time a process has used so far in ms (user + system, from /proc, Linux): over a load,
 * its CPU per request, which another process on a shared machine disturbs far less than the
 * requests per second.
 */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name, in clock ticks (100 a second).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The bare express route (bench/hello-server.ts); `env` HELLO_SERVER=app serves it as the app serves itself. */
export async function startHello(port: number, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bench/hello-server.ts'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const r: Running = { child, output: () => out, exited: new Promise((res) => child.on('exit', res)) };
  await waitFor(r, 'listening');
  return r;
}

export async function stop(r: Running): Promise<void> {
  r.child.kill('SIGTERM');
  await r.exited;
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

/** Runs autocannon for `seconds` and keeps the figures we report. */
export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ connections: 10, duration: 10, ...opts });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

/** Runs `fn` `runs` times; the median and every time in ms, and the last result. */
export function timeRuns<T>(fn: () => T, runs: number): { ms: number; all: number[]; result: T } {
  let result!: T;
  const all: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); result = fn(); all.push(performance.now() - t); }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(runs / 2)]!, all, result };
}

/** A full poster questionnaire as a form body, with its own submission id. */
export function submissionBody(): string {
  const a: Record<string, string> = { sid: Date.now().toString(36) + crypto.randomBytes(12).toString('base64url'), overall: String(1 + crypto.randomInt(5)), p_info: 'nhieu', comment: 'Cán bộ hướng dẫn nhiệt tình.' };
  for (let c = 15; c <= 33; c++) a[`c${c}`] = String(3 + crypto.randomInt(3));
  return new URLSearchParams(a).toString();
}

/** The p-th percentile (0–100) of some numbers; NaN for none. */
export const percentile = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** The server of another checkout (e.g. the code before a change), the way `npm start` runs it. */
export function startServerAt(root: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'server/index.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}
