import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../../server/config';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Running { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/**
 * Starts the real server as a child process: node itself runs it (with tsx as a loader, as
 * `npm run dev` does, or the compiled dist/ of `npm start` with `compiled`), so that signals
 * (SIGTERM, SIGKILL) reach the server and not a wrapper process. `nodeFlags`: for node itself
 * (a benchmark's --cpu-prof).
 */
export function startServer(env: NodeJS.ProcessEnv, opts: { compiled?: boolean; nodeFlags?: string[] } = {}): Running {
  const [cmd, args] = [process.execPath, [...(opts.nodeFlags ?? []), ...(opts.compiled ? ['dist/server/index.js'] : ['--require', 'tsx/cjs', 'server/index.ts'])]];
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Resolves once the output contains `text`, or rejects after `ms`. */
export async function waitFor(r: Running, text: string | RegExp, ms = 20000): Promise<void> {
  const start = Date.now();
  while (!(typeof text === 'string' ? r.output().includes(text) : text.test(r.output()))) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${text}; output:\n${r.output()}`);
    if (r.child.exitCode !== null) throw new Error(`server exited (${r.child.exitCode}); output:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** Runs `npm run build` (what `npm ci` does through `prepare`), for the tests of the compiled start. */
export function buildDist(): void {
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Stops a started server with SIGTERM (as systemd does) and resolves with its exit code. */
export async function stopServer(r: Running): Promise<number | null> {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  return r.exited;
}
