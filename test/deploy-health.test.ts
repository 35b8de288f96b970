import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import pino from 'pino';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config';
import { openDatabase, type Db } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadDefinitions } from '../server/surveys/definitions';
import { createApp } from '../server/app';
import { runScheduledBackup } from '../server/backup/scheduled-backup';
import { createUser, login } from './helpers/staff';
import { sidOf } from './helpers/test-app';

/** Issue 15 item 7: /healthz says whether a response could be stored now; /metrics for a monitor, behind a token. */
const TOKEN = 'metrics-token-0123456789abcdef';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-health-'));
const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function appOn(env: NodeJS.ProcessEnv = {}) {
  const file = path.join(dir, `h${++n}.sqlite`);
  const db = openDatabase(file);
  opened.push(db);
  migrate(db);
  const unit = Number(db.prepare("INSERT INTO units (code, name, type) VALUES ('hx-xa', 'Xã Thử Sức Khoẻ', 'xa')").run().lastInsertRowid);
  db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES ('HXPT-2345-ABCD', ?, 'Bộ phận Một cửa')").run(unit);
  // A test posts the form the instant it is shown: no wait for the poster's minimum age of a form.
  const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://sipas.example.vn', POSTER_SID_MIN_SECONDS: '0', ...env });
  const app = createApp({ config, db, definitions: loadDefinitions(config.definitionsDir, config.surveyDefinition), logger: pino({ level: 'silent' }) });
  return { app, db, file, config };
}

async function answer(app: ReturnType<typeof createApp>, extra: Record<string, string> = {}) {
  const agent = request.agent(app);
  const sid = sidOf((await agent.get('/s/HXPT-2345-ABCD').expect(200)).text);
  await agent.post('/s/HXPT-2345-ABCD').type('form').send({ sid, overall: '5', ...extra }).expect(303);
}

describe('GET /healthz', () => {
  it('200 while the database takes writes, with the free space of its folder', async () => {
    const { app } = appOn();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', writable: true, schema: expect.any(Number) });
    expect(res.body.diskFreeBytes).toBeGreaterThan(16 * 1024 * 1024);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('503 when the database only reads (read-only connection), and 200 again once it writes', async () => {
    const { app, db } = appOn();
    db.pragma('query_only = ON');
    expect((await request(app).get('/healthz').expect(503)).body).toMatchObject({ status: 'error', writable: false, error: 'SQLITE_READONLY' });
    db.pragma('query_only = OFF');
    await request(app).get('/healthz').expect(200);
  });

  it('503 while another process holds the write lock past the busy timeout, and nothing is left locked', async () => {
    const { app, db, file } = appOn();
    db.pragma('busy_timeout = 50');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    expect((await request(app).get('/healthz').expect(503)).body).toMatchObject({ writable: false, error: 'SQLITE_BUSY' });
    other.exec('ROLLBACK');
    other.close();
    await request(app).get('/healthz').expect(200);
    await answer(app);
    expect(db.inTransaction).toBe(false);
  });
});

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    await request(appOn().app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });

  it('refuses a missing or wrong token', async () => {
    const { app } = appOn({ METRICS_TOKEN: TOKEN });
    await request(app).get('/metrics').expect(401);
    await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
  });

  it('counts responses stored and flagged per channel, requests per route pattern, the database size and the last backup\'s age', async () => {
    const { app, db, config } = appOn({ METRICS_TOKEN: TOKEN });
    const scrape = async () => (await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200).expect('content-type', /text\/plain/)).text;
    expect(await scrape()).toContain('sipas_last_backup_age_seconds -1');
    await answer(app);
    await answer(app, { website: 'http://spam.example' }); // the honeypot: kept, flagged
    await createUser(db, 'hx-canbo', 'counter', 'hx-xa');
    await (await login(app, 'hx-canbo')).get('/staff/points/1/poster?size=A4');
    await runScheduledBackup(db, { ...config.backup, dir: path.join(dir, 'bk'), now: new Date() });
    const text = await scrape();
    expect(text).toContain('sipas_responses_stored_total{channel="poster"} 2');
    expect(text).toContain('sipas_responses_flagged_total{channel="poster"} 1');
    expect(text).toContain('sipas_responses_stored_total{channel="kiosk"} 0');
    expect(text).toMatch(/sipas_http_request_duration_seconds_count\{method="POST",route="\/s\/:code",status="3xx"\} 2/);
    expect(text).toMatch(/sipas_http_request_duration_seconds_count\{method="GET",route="\/staff\/points\/:id\/poster",status="2xx"\} 1/);
    expect(text).not.toContain('HXPT-2345-ABCD');
    expect(Number(/^sipas_database_bytes (\d+)$/m.exec(text)![1])).toBeGreaterThan(4096);
    expect(Number(/^sipas_last_backup_age_seconds (-?\d+)$/m.exec(text)![1])).toBeGreaterThanOrEqual(0);
    expect(text).toContain('sipas_database_writable 1');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // Counted once: a second scrape reads only the rows stored since.
    await answer(app);
    expect(await scrape()).toContain('sipas_responses_stored_total{channel="poster"} 3');
  });
});
