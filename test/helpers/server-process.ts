import { spawn, type ChildProcess } from 'node:child_process';
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
 * Starts the real server as a child process, the way `npm start` does: node itself runs it with
 * tsx as a loader, so that signals (SIGTERM, SIGKILL) reach the server and not a wrapper process.
 */
export function startServer(env: NodeJS.ProcessEnv): Running {
  const [cmd, args] = [process.execPath, ['--require', 'tsx/cjs', 'server/index.ts']];
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
