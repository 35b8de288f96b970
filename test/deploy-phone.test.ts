import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './helpers/test-app';
import { createUser, login } from './helpers/staff';
import { freePort, startServer, stopServer, waitFor } from './helpers/server-process';
import { newPointCode } from '../server/units/point-code';
import { createPointsRepo } from '../server/units/points.repo';
import { isLocalOnly, lanAddresses } from '../server/start/public-url';

jest.setTimeout(60_000);

/** Issue 16: a newcomer's first poster must work from a phone, or say loudly why not. */
function withCounter(env: NodeJS.ProcessEnv): TestApp & { unit: number; pointId: number; code: string } {
  const t = createTestApp({ env, seed: false });
  const unit = Number(t.db.prepare("INSERT INTO units (code, name, type) VALUES ('ph-xa', 'Xã Thử Điện Thoại', 'xa')").run().lastInsertRowid);
  const service = Number(t.db.prepare("INSERT INTO services (code, name_vi) VALUES ('ph-ho-tich', 'Hộ tịch')").run().lastInsertRowid);
  t.db.prepare('INSERT INTO unit_services (unit_id, service_id) VALUES (?, ?)').run(unit, service);
  const code = newPointCode();
  const pointId = Number(t.db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES (?, ?, 'Bộ phận Một cửa')").run(code, unit).lastInsertRowid);
  return { ...t, unit, pointId, code };
}

/** The pages that show or lead to a QR code, as a counter's staff member sees them. */
async function pagesOf(t: ReturnType<typeof withCounter>): Promise<Record<string, string>> {
  await createUser(t.db, 'ph-canbo', 'counter', 'ph-xa');
  const a = await login(t.app, 'ph-canbo');
  const slip = await a.post('/staff/invitations').type('form').send({ _csrf: a.csrf, unit: 'ph-xa', service: 'ph-ho-tich', days: '7', size: 'A6' }).expect(303);
  const pages: Record<string, string> = {};
  for (const [name, url] of [['home', '/staff'], ['poster', `/staff/points/${t.pointId}/poster?size=A4`], ['counter (QR downloads)', `/staff/points/${t.pointId}`], ['unit posters', `/staff/units/${t.unit}/posters?size=A4`],
    ['invitation form', '/staff/invitations/new'], ['slip', slip.headers.location!], ['kiosk', `/k/${t.code}`]] as const) {
    pages[name] = (await a.get(url).expect(200)).text;
  }
  return pages;
}

describe('the QR warning while PUBLIC_URL is loopback or .local', () => {
  it.each(['http://localhost:3000', 'http://127.0.1.1:3000', 'http://[::1]:3000', 'http://may-chu.local:3000'])('shows it above the QR on every page with a QR, in Vietnamese, for %s', async (url) => {
    const pages = await pagesOf(withCounter({ PUBLIC_URL: url }));
    for (const [name, html] of Object.entries(pages)) {
      expect([name, html.includes('Mã QR này chưa dùng được trên điện thoại')]).toEqual([name, true]);
      expect(html).toContain(`Địa chỉ trong mã QR (${url})`);
    }
    expect(pages.poster!.indexOf('id="public-url-warning"')).toBeLessThan(pages.poster!.indexOf('class="p-qr"'));
    expect(pages.slip!.indexOf('id="public-url-warning"')).toBeLessThan(pages.slip!.indexOf('class="s-qr"'));
  });

  it('names this machine\'s own address as the fix, and speaks English to an English reader', async () => {
    const t = withCounter({ PORT: '3100' });
    await createUser(t.db, 'ph-en', 'counter', 'ph-xa');
    const a = await login(t.app, 'ph-en');
    const html = (await a.get(`/staff/points/${t.pointId}/poster?size=A4&lang=en`).expect(200)).text;
    expect(html).toContain('This QR code does not work on a phone yet');
    const first = lanAddresses()[0];
    if (first) expect(html).toContain(`PUBLIC_URL=http://${first.includes(':') ? `[${first}]` : first}:3100 npm start`);
    else expect(html).toContain('connect the server to the office network');
  });

  it('is not there with an address that phones reach', async () => {
    // http: supertest would not send back the Secure cookies of an https PUBLIC_URL.
    for (const [name, html] of Object.entries(await pagesOf(withCounter({ PUBLIC_URL: 'http://192.168.1.23:3000' })))) {
      expect([name, html.includes('public-url-warning')]).toEqual([name, false]);
    }
    expect(['http://192.168.1.23:3000', 'https://sipas.gialai.gov.vn', 'http://10.0.0.5'].some(isLocalOnly)).toBe(false);
  });
});

describe('the start-up log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-phone-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startLog(env: NodeJS.ProcessEnv): Promise<string> {
    const port = await freePort();
    const server = startServer({ PORT: String(port), HOST: '0.0.0.0', DATABASE_PATH: path.join(dir, `${port}.sqlite`), SEED_DEMO: 'false', ...env });
    await waitFor(server, 'Staff login');
    expect(await stopServer(server)).toBe(0);
    return server.output();
  }

  it('without PUBLIC_URL: says QR codes reach this machine only, and how to start for phones, with its own addresses', async () => {
    const out = await startLog({});
    const hint = out.trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string; addresses?: string[] }).find((l) => l.msg.startsWith('QR codes point to'))!;
    expect(hint.level).toBe(40);
    expect(hint.msg).toContain('which only this machine can open');
    expect(hint.msg).toContain('docs/deploy.md');
    const addresses = lanAddresses();
    expect(hint.addresses).toEqual(addresses);
    if (addresses.length) {
      expect(addresses.every((a) => !/^(127\.|::1$)/.test(a))).toBe(true);
      expect(hint.msg).toMatch(new RegExp(`PUBLIC_URL=http://\\[?${addresses[0]!.replace(/[.:]/g, '\\$&')}\\]?:\\d+ npm start`));
    } else console.warn('this machine has no non-loopback address: the hint says so');
  });

  it('with PUBLIC_URL set: no hint', async () => {
    const out = await startLog({ PUBLIC_URL: 'https://sipas.gialai.gov.vn' });
    expect(out).toContain('Staff login: https://sipas.gialai.gov.vn/staff/login');
    expect(out).not.toContain('QR codes point to');
  });
});

describe('a counter\'s code', () => {
  it('never starts with a formula character, holds no look-alike character, and is new each time', () => {
    const codes = Array.from({ length: 20_000 }, newPointCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(c).not.toMatch(/^[-+=@]|[0O1lI]/);
    }
  });

  it('is found by the survey\'s URL lookup, and so are the older base64url codes', () => {
    const t = withCounter({});
    const points = createPointsRepo(t.db);
    expect(points.findActive(t.code, '2026-12-02')?.pointId).toBe(t.pointId);
    t.db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES ('-VR-wM13iaE', ?, 'Quầy cũ')").run(t.unit);
    expect(points.findActive('-VR-wM13iaE', '2026-12-02')?.pointLabel).toBe('Quầy cũ');
  });

  it('opens the survey from the poster URL', async () => {
    const t = withCounter({ PUBLIC_URL: 'https://sipas.gialai.gov.vn' });
    expect((await request(t.app).get(`/s/${t.code}`).expect(200)).text).toContain('Xã Thử Điện Thoại');
  });
});
