import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from '../server/config';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { freePort, startServer, stopServer, waitFor, type Running } from './helpers/server-process';
import { sidOf } from './helpers/test-app';

jest.setTimeout(180_000);

/**
 * The restore drill of docs/deploy.md ("Restore drill"), performed: a backup of the live database
 * while the server takes submissions, restored into a new folder with the invitation key kept
 * apart, started on; integrity_check ok, `npm run recount` clean, every response acknowledged
 * before the backup began is there.
 */
const CODE = 'RSPT-2345-ABCD';

/** `npm run <script>` as the docs say, with its environment; resolves with exit code and output. */
function npmRun(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

function prepare(file: string) {
  const db = openDatabase(file);
  migrate(db);
  const unit = db.prepare("INSERT INTO units (code, name, type) VALUES ('rs-xa', 'Xã Diễn Tập', 'xa')").run().lastInsertRowid;
  db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES (?, ?, 'Bộ phận Một cửa')").run(CODE, unit);
  db.close();
}

/** Citizens answering without pause: each opens the form (its submission id and cookie) and sends it. */
function load(base: string, acked: Set<string>) {
  let running = true;
  const one = async () => {
    const page = await fetch(`${base}/s/${CODE}`);
    const sid = sidOf(await page.text());
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie: page.headers.get('set-cookie')?.split(';')[0] ?? '' };
    const res = await fetch(`${base}/s/${CODE}`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams({ sid, overall: '4', c15: '5', comment: 'Diễn tập khôi phục' }) });
    if (res.status === 303) acked.add(sid);
  };
  const senders = Array.from({ length: 3 }, async () => {
    while (running) await one();
  });
  return async () => {
    running = false;
    await Promise.all(senders);
  };
}

describe('restore drill', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-drill-'));
  const live = path.join(dir, 'var-lib-sipas', 'sipas.sqlite');
  const env = { SEED_DEMO: 'false', HOST: '127.0.0.1', PUBLIC_URL: 'http://sipas.example.vn', BACKUP_DIR: path.join(dir, 'backups'), BACKUP_COPY_DIR: path.join(dir, 'second-disk') };
  let server: Running | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up under load, restores into a new folder, and the restored server has every acknowledged response', async () => {
    fs.mkdirSync(path.dirname(live));
    fs.mkdirSync(env.BACKUP_COPY_DIR);
    prepare(live);
    const port = await freePort();
    server = startServer({ ...env, PORT: String(port), DATABASE_PATH: live });
    await waitFor(server, 'listening');
    const acked = new Set<string>();
    const stop = load(`http://127.0.0.1:${port}`, acked);
    await new Promise((r) => setTimeout(r, 1500));

    // The nightly job, while citizens keep answering; the key kept once in a safe place of its own.
    const before = new Set(acked);
    const backup = await npmRun(['backup'], { ...env, DATABASE_PATH: live });
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('integrity ok') });
    await stop();
    expect(await stopServer(server)).toBe(0);
    server = undefined;
    expect(before.size).toBeGreaterThan(10);
    fs.copyFileSync(path.join(path.dirname(live), 'sipas.key'), path.join(dir, 'key-safe'));

    // Restore (docs/deploy.md): the newest backup from the second disk and the key into a new data folder.
    const restored = path.join(dir, 'new-data', 'sipas.sqlite');
    fs.mkdirSync(path.dirname(restored));
    const newest = fs.readdirSync(env.BACKUP_COPY_DIR).sort().at(-1)!;
    fs.copyFileSync(path.join(env.BACKUP_COPY_DIR, newest), restored);
    fs.copyFileSync(path.join(dir, 'key-safe'), path.join(path.dirname(restored), 'sipas.key'));
    fs.chmodSync(path.join(path.dirname(restored), 'sipas.key'), 0o600);

    const port2 = await freePort();
    server = startServer({ ...env, PORT: String(port2), DATABASE_PATH: restored });
    await waitFor(server, 'listening');
    const health = await fetch(`http://127.0.0.1:${port2}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port2}/s/${CODE}`)).status).toBe(200);
    expect(server.output()).not.toContain('created the invitation key');
    expect(await stopServer(server)).toBe(0);
    server = undefined;

    const db = new Database(restored, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT submission_id FROM responses').pluck().all() as string[]);
    db.close();
    expect([...before].filter((sid) => !stored.has(sid))).toEqual([]);
    expect(stored.size).toBeLessThanOrEqual(acked.size);
    expect(fs.readFileSync(path.join(path.dirname(restored), 'sipas.key'), 'utf8')).toBe(fs.readFileSync(path.join(path.dirname(live), 'sipas.key'), 'utf8'));
    const recount = await npmRun(['recount', '--', '--db', restored], {});
    expect(recount).toMatchObject({ code: 0, out: expect.stringContaining('0 difference(s)') });
  });
});
