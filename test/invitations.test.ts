import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { count, createTestApp, sidOf, type TestApp } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { createUser, login } from './helpers/staff';
import { dossierHash, invitationSecret } from '../server/invitations/invitations.service';
import { createSettingsRepo } from '../server/settings/settings.repo';

const env = { PUBLIC_URL: 'http://sipas.example.vn' };
let t: TestApp;
let now = new Date('2026-05-04T02:00:00Z');
beforeEach(() => {
  now = new Date('2026-05-04T02:00:00Z');
  t = createTestApp({ env, now: () => now });
});

const create = (key: string, body: object) => request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${key}`).send(body);
const tokenOf = (url: string) => url.split('/i/')[1]!;
const invitation = () => t.db.prepare('SELECT * FROM invitations').get() as Record<string, unknown>;

describe('POST /api/v1/invitations', () => {
  it('answers a one-time URL with its QR as SVG and PNG; stores only hashes', async () => {
    const key = apiKeyFor(t.db, 'xa-binh-an');
    const res = await create(key, { unit: 'xa-binh-an', service: 'ho-tich', dossier: '000.00.23.H12-260504-0001' }).expect(201);
    expect(res.body.url).toMatch(/^http:\/\/sipas\.example\.vn\/i\/[A-Za-z0-9_-]{24}$/);
    expect(res.body.expiresAt).toBe('2026-06-03T02:00:00.000Z');
    expect(res.body.qr.svg).toMatch(/^<svg/);
    const png = PNG.sync.read(Buffer.from(res.body.qr.png.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(res.body.url);
    const row = invitation();
    const token = tokenOf(res.body.url);
    expect(row.token_hash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(t.db.prepare('SELECT * FROM invitations').all())).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain('H12-260504');
    expect(row.created_by).toMatch(/^key:\d+$/);
  });

  it('keys the dossier hash with the key file beside the database (HMAC-SHA256), never with a key in settings', async () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-key-')), 'sipas.key');
    t = createTestApp({ env: { ...env, INVITATION_KEY_FILE: keyFile }, now: () => now });
    const key = apiKeyFor(t.db, 'xa-binh-an');
    await create(key, { unit: 'xa-binh-an', service: 'ho-tich', dossier: 'HS-0001' }).expect(201);
    const secret = fs.readFileSync(keyFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(t.db.prepare("SELECT count(*) FROM settings WHERE key = 'invitation_secret'").pluck().get()).toBe(0);
    const expected = crypto.createHmac('sha256', secret).update('HS-0001').digest('hex');
    expect(invitation().dossier_hash).toBe(expected);
    expect(invitation().dossier_hash).not.toBe(crypto.createHash('sha256').update('HS-0001').digest('hex'));
    expect(dossierHash(secret, ' hs-0001 ')).toBe(expected);
    // Stable across restarts: the next start reads the same file.
    expect(invitationSecret(createSettingsRepo(t.db), undefined, keyFile)).toBe(secret);
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });

  it('uses INVITATION_SECRET when given', async () => {
    const secret = 'x'.repeat(40);
    t = createTestApp({ env: { ...env, INVITATION_SECRET: secret }, now: () => now });
    await create(apiKeyFor(t.db, 'xa-binh-an'), { unit: 'xa-binh-an', service: 'ho-tich', dossier: 'HS-9' }).expect(201);
    expect(invitation().dossier_hash).toBe(crypto.createHmac('sha256', secret).update('HS-9').digest('hex'));
    expect(count(t.db, 'settings')).toBe(1); // only the demo marker
  });

  it('is limited to the key\'s unit subtree, refuses staff cookies, and checks the body', async () => {
    const communeKey = apiKeyFor(t.db, 'xa-binh-an');
    const provinceKey = apiKeyFor(t.db, 'tinh-gia-lai');
    const out = await create(communeKey, { unit: 'xa-binh-khe', service: 'ho-tich' }).expect(403);
    expect(out.body.error.message).toContain('không được tạo phiếu mời');
    await create(provinceKey, { unit: 'xa-binh-khe', service: 'ho-tich' }).expect(201);
    await request(t.app).post('/api/v1/invitations').send({ unit: 'xa-binh-an', service: 'ho-tich' }).expect(401);
    await create('sipas_wrong', { unit: 'xa-binh-an', service: 'ho-tich' }).expect(401);
    await createUser(t.db, 'admin2', 'admin', 'tinh-gia-lai');
    const staff = await login(t.app, 'admin2');
    await staff.post('/api/v1/invitations').send({ unit: 'xa-binh-an', service: 'ho-tich' }).expect(401);
    for (const bad of [{}, { unit: 'xa-binh-an' }, { unit: 'xa-binh-an', service: 'khong-co' }, { unit: 'xa-binh-an', service: 'ho-tich', extra: 1 }, { unit: 'xa-binh-an', service: 'ho-tich', expiresAt: '2020-01-01T00:00:00Z' }, { unit: 'nowhere', service: 'ho-tich' }]) {
      const res = await create(provinceKey, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect(count(t.db, 'invitations')).toBe(1);
  });
});

describe('/i/<token>', () => {
  async function invite(body: object = { unit: 'xa-binh-an', service: 'dat-dai' }) {
    const res = await create(apiKeyFor(t.db, 'xa-binh-an'), body).expect(201);
    return `/i/${tokenOf(res.body.url)}`;
  }

  it('shows the survey with unit and service filled in, stores a verified invitation response once', async () => {
    const path = await invite();
    const page = await request(t.app).get(path).expect(200);
    expect(page.text).toContain('Xã Bình An — Bộ phận Một cửa');
    expect(page.text).toContain('Lĩnh vực: Đất đai');
    expect(page.text).not.toContain('name="service"');
    expect(page.text).not.toContain('name="website"');
    const sid = sidOf(page.text);
    const res = await request(t.app).post(path).type('form').send({ sid, overall: '5', c23: '4' }).expect(303);
    expect(res.headers.location).toBe(`${path}/thanks`);
    expect((await request(t.app).get(`${path}/thanks`).expect(200)).text).toContain('Cảm ơn Ông/Bà đã đánh giá');
    const r = t.db.prepare('SELECT r.*, s.code AS service FROM responses r JOIN services s ON s.id = r.service_id').get() as Record<string, unknown>;
    expect(r).toMatchObject({ channel: 'invitation', verified: 1, flagged: 0, point_id: null, service: 'dat-dai' });
    expect(invitation()).toMatchObject({ used_at: '2026-05-04' });
    expect(invitation()).not.toHaveProperty('response_id');
    // A double tap on "send" with the same form: the thank-you page again, nothing more stored.
    await request(t.app).post(path).type('form').send({ sid, overall: '5' }).expect(303);
    expect(count(t.db, 'responses')).toBe(1);
  });

  it('the detail steps add to the invitation\'s response, from the device that sent it only', async () => {
    const path = await invite();
    const phone = request.agent(t.app);
    const sid = sidOf((await phone.get(path)).text);
    await phone.post(path).type('form').send({ sid, overall: '5' }).expect(303);
    expect((await phone.get(`${path}/thanks`).expect(200)).text).toContain(`${path}/step/2`);
    await phone.post(`${path}/step/3`).type('form').send({ c20: '4' }).expect(303).expect('Location', `${path}/step/4`);
    await request(t.app).post(`${path}/step/4`).type('form').send({ c23: '4' }).expect(410);
    // The double tap whose first answer was lost: the same response, its steps kept.
    const again = request.agent(t.app);
    await again.post(path).type('form').send({ sid, overall: '5' }).expect(303);
    await again.post(`${path}/step/3`).type('form').send({ c20: '1' }).expect(303);
    await again.post(`${path}/step/4`).type('form').send({ c23: '3' }).expect(303);
    expect(t.db.prepare("SELECT r.channel || ' ' || a.question_id || '=' || a.value FROM answers a JOIN responses r ON r.id = a.response_id ORDER BY 1").pluck().all())
      .toEqual(['invitation c20=4', 'invitation c23=3', 'invitation overall=5']);
  });

  it('a second try shows a friendly Vietnamese 409 page and changes nothing', async () => {
    const path = await invite();
    const sid = sidOf((await request(t.app).get(path)).text);
    await request(t.app).post(path).type('form').send({ sid, overall: '2' }).expect(303);
    const again = await request(t.app).get(path).expect(409);
    expect(again.text).toContain('Ông/Bà đã đánh giá, xin cảm ơn');
    expect(again.text).not.toContain('<form method="post"');
    const other = await request(t.app).post(path).type('form').send({ sid: 'abcdefghijklmnopqrstuvwx', overall: '5' }).expect(409);
    expect(other.text).toContain('Ông/Bà đã đánh giá, xin cảm ơn');
    expect({ r: count(t.db, 'responses'), a: count(t.db, 'answers') }).toEqual({ r: 1, a: 1 });
    expect(t.db.prepare("SELECT value FROM answers").pluck().get()).toBe('2');
  });

  it('an expired invitation says so (410) and stores nothing', async () => {
    const path = await invite({ unit: 'xa-binh-an', service: 'dat-dai', expiresInDays: 1 });
    const sid = sidOf((await request(t.app).get(path).expect(200)).text);
    now = new Date(now.getTime() + 86400_000 + 1);
    const page = await request(t.app).get(path).expect(410);
    expect(page.text).toContain('Mã mời đánh giá đã hết hạn');
    await request(t.app).post(path).type('form').send({ sid, overall: '5' }).expect(410);
    expect(count(t.db, 'responses')).toBe(0);
    expect(invitation().used_at).toBeNull();
  });

  it('a wrong or malformed token is a Vietnamese 404; invalid answers are a 422 that leaves the invitation open', async () => {
    for (const p of ['/i/AAAAAAAAAAAAAAAAAAAAAAAA', '/i/short', '/i/..%2f..']) {
      const res = await request(t.app).get(p).expect(404);
      expect(res.text).toContain('Đường dẫn đánh giá này không đúng');
    }
    const path = await invite();
    const sid = sidOf((await request(t.app).get(path)).text);
    const bad = await request(t.app).post(path).type('form').send({ sid, overall: '9', service: 'ho-tich' }).expect(422);
    expect(bad.text).toContain('Vui lòng kiểm tra lại phiếu');
    expect(invitation().used_at).toBeNull();
    expect(count(t.db, 'responses')).toBe(0);
  });

  it('counter staff make one from a page and print it on an 80 mm or A6 slip', async () => {
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
    const a = await login(t.app, 'ctv');
    const form = await a.get('/staff/invitations/new').expect(200);
    expect(form.text).toContain('Tạo phiếu mời đánh giá');
    const res = await a.post('/staff/invitations').type('form').send({ _csrf: a.csrf, unit: 'xa-binh-an', service: 'ho-tich', dossier: 'HS-1', days: '7', size: 'A6' }).expect(303);
    expect(res.headers.location).toMatch(/^\/staff\/invitations\/\d+\/slip\?size=A6$/);
    const slip = await a.get(res.headers.location!).expect(200);
    expect(slip.text).toContain('slip-A6');
    expect(slip.text).toMatch(/<img class="s-qr" src="data:image\/svg\+xml;base64,/);
    expect(slip.text).toMatch(/http:\/\/sipas\.example\.vn\/i\/[A-Za-z0-9_-]{24}/);
    expect(invitation()).toMatchObject({ created_by: expect.stringMatching(/^user:\d+$/), expires_at: '2026-05-11T02:00:00.000Z' });
    const out = await a.post('/staff/invitations').type('form').send({ _csrf: a.csrf, unit: 'xa-binh-khe', service: 'ho-tich' });
    expect(out.status).toBe(403);
    expect(count(t.db, 'invitations')).toBe(1);
  });
});
