import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startServer, waitFor } from './helpers/server-process';

jest.setTimeout(60000);

describe('the server process (npm start)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-start-'));
  const dbPath = path.join(dir, 'data', 'sipas.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates, migrates and seeds the database, prints a working survey URL, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath });
    await waitFor(server, /A demo survey .*\/s\/[\w-]+/);
    const url = /(http:\/\/localhost:\d+\/s\/[\w-]+)/.exec(server.output())![1]!.replace('localhost', '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Nhìn chung, Ông/Bà hài lòng như thế nào');
    // The demo as it is since 1/7/2025: the printed survey is one of Gia Lai's, not an old unit's.
    expect(html).toContain('Xã Tây Sơn — Trung tâm Phục vụ hành chính công xã');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    // Tỉnh Gia Lai (52) and its five communes, and the 17 old units kept as history, switched off, with their successors.
    expect(db.prepare("SELECT code || ' ' || official_code FROM units WHERE active = 1 ORDER BY official_code").pluck().all()).toEqual(
      ['xa-tay-son 21808', 'xa-binh-hiep 21817', 'xa-binh-khe 21820', 'xa-binh-an 21829', 'xa-binh-phu 21835', 'tinh-gia-lai 52']);
    expect(db.prepare("SELECT count(*) FROM units WHERE active = 0 AND successor_id IS NOT NULL AND valid_to = '2025-06-30'").pluck().get()).toBe(17);
    expect(db.prepare("SELECT count(*) FROM units WHERE type IN ('xa', 'thi_tran') AND active = 0").pluck().get()).toBe(15);
    expect(db.prepare("SELECT min(local_date) FROM responses").pluck().get()).toBe('2025-01-01');
    expect(db.prepare("SELECT count(*) FROM responses r JOIN units u ON u.id = r.unit_id WHERE r.local_date >= '2025-07-01' AND u.active = 0").pluck().get()).toBe(0);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('seeds only once: a second start adds nothing', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath });
    await waitFor(server, 'A demo survey');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(23);
    db.close();
  });

  it('refuses to start with a bad setting, naming the variable', async () => {
    const server = startServer({ PORT: 'abc', DATABASE_PATH: path.join(dir, 'never.sqlite') });
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain('PORT');
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('starts with SEED_DEMO=false on an empty database, without demo units', async () => {
    const port = await freePort();
    const empty = path.join(dir, 'empty.sqlite');
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: empty, SEED_DEMO: 'false' });
    await waitFor(server, 'listening');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = new Database(empty, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM units WHERE code IN ('tinh-gia-lai', 'tay-son')").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    db.close();
  });
});
