import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { wireCore } from '../server/wiring';
import { freePort, startServer, waitFor, type Running } from './helpers/server-process';
import { createUser, csrfOf, PASSWORD } from './helpers/staff';
import { buildWorld } from './helpers/world';
import { sidOf } from './helpers/test-app';

/**
 * The real server (`npm start`'s way) on a database file that another process holds locked
 * for writing, as a stuck backup or an `sqlite3` shell in a transaction would: the server's
 * write waits busy_timeout (5 s), then SQLite refuses it (SQLITE_BUSY). Of the ways to make a
 * database unwritable under a running server this is the one a test can make reliably: a
 * chmod changes nothing for a file already open (and nothing at all for root), and a full
 * disk needs a mount. Reads go on; nothing is acknowledged that was not stored.
 */
jest.setTimeout(90_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-busy-'));
const file = path.join(dir, 'busy.sqlite');
let server: Running;
let base = '';
let point = '';

beforeAll(async () => {
  const db = openDatabase(file);
  migrate(db);
  const world = buildWorld(wireCore(db));
  point = world.pointCode('xa-a1');
  await createUser(db, 'busy-admin', 'admin', 'tinh-thu');
  db.close();
  const port = await freePort();
  server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, SEED_DEMO: 'false', LOG_LEVEL: 'info' });
  await waitFor(server, 'listening', 60_000);
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a citizen and a staff member both get a 503 that says so, the citizen with every answer; once the lock goes, the same form is stored once', async () => {
  const staff = request.agent(base);
  const page = await staff.get('/staff/login');
  await staff.post('/staff/login').type('form').send({ username: 'busy-admin', password: PASSWORD, _csrf: csrfOf(page.text) }).expect(303);
  const csrf = csrfOf((await staff.get('/staff/units')).text);
  const sid = sidOf((await request(base).get(`/s/${point}`).expect(200)).text);
  const form = { sid, overall: '2', comment: 'Phải chờ lâu' };

  const locker = new Database(file);
  locker.exec('BEGIN IMMEDIATE');
  try {
    const citizen = await request(base).post(`/s/${point}`).type('form').send(form);
    expect(citizen.status).toBe(503);
    expect(citizen.text).toContain('Chưa gửi được đánh giá, Ông/Bà vui lòng thử lại.');
    expect(citizen.text).toMatch(/name="overall"[^>]*value="2"[^>]*checked/);
    expect(citizen.text).toContain('Phải chờ lâu');
    const unit = await staff.post('/staff/units').type('form').send({ _csrf: csrf, code: 'busy-unit', name: 'Bận', type: 'xa', parentId: '' });
    expect(unit.status).toBe(503);
    expect(unit.text).toContain('Chưa lưu được: cơ sở dữ liệu tạm thời không ghi được');
    expect((await request(base).get(`/s/${point}`)).status).toBe(200);
  } finally {
    locker.exec('ROLLBACK');
  }
  expect(locker.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  await request(base).post(`/s/${point}`).type('form').send(form).expect(303);
  expect(locker.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(1);
  expect(locker.prepare("SELECT count(*) FROM units WHERE code = 'busy-unit'").pluck().get()).toBe(0);
  locker.close();
  expect(server.output()).toMatch(/SQLITE_BUSY/);
});
