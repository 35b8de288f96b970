import { spawn } from 'node:child_process';
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

export async function startHello(port: number): Promise<Running> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bench/hello-server.ts'], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
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
