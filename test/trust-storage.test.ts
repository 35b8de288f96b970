import request from 'supertest';
import { count, createTestApp, sidOf } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { createUser, csrfOf, login } from './helpers/staff';
import { buildWorld } from './helpers/world';

/**
 * When the database cannot be written, nothing is acknowledged that is not stored: the
 * citizen gets the same form again (503), every answer kept, and staff a page in their
 * words. Here the server's own connection is switched to read-only (PRAGMA query_only), which
 * SQLite answers with SQLITE_READONLY exactly as for a read-only file; the same under a real
 * server process held off by another writer is in test/trust-storage-process.test.ts.
 */
const t = createTestApp({ seed: false });
const world = buildWorld(t.core);
const readOnly = (on: boolean) => t.db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
afterEach(() => readOnly(false));

test('a poster form: 503, the reason in Vietnamese, every answer still in the form; the same form goes through later, once', async () => {
  const path = `/s/${world.pointCode('xa-a1')}`;
  const sid = sidOf((await request(t.app).get(path).expect(200)).text);
  const form = { sid, overall: '4', c15: '2', comment: 'Cán bộ “tận tình” <b>rõ ràng</b>' };
  readOnly(true);
  const res = await request(t.app).post(path).type('form').send(form);
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('30');
  expect(res.text).toContain('Chưa gửi được đánh giá, Ông/Bà vui lòng thử lại.');
  expect(res.text).toMatch(/name="overall"[^>]*value="4"[^>]*checked/);
  // The first page shows the rating only; answers to the later steps sent with it are kept as they came.
  expect(res.text).toContain('<input type="hidden" name="c15" value="2">');
  expect(res.text).toContain('<input type="hidden" name="comment" value="Cán bộ “tận tình” &lt;b&gt;rõ ràng&lt;/b&gt;">');
  expect(sidOf(res.text)).toBe(sid);
  readOnly(false);
  expect(count(t.db, 'responses')).toBe(0);
  await request(t.app).post(path).type('form').send(form).expect(303);
  await request(t.app).post(path).type('form').send(form).expect(303);
  expect(count(t.db, 'responses')).toBe(1);
});

test('in English too', async () => {
  const path = `/s/${world.pointCode('xa-a2')}?lang=en`;
  const sid = sidOf((await request(t.app).get(path).expect(200)).text);
  readOnly(true);
  const res = await request(t.app).post(path).type('form').send({ sid, overall: '5' }).expect(503);
  expect(res.text).toContain('Your answers could not be sent yet, please try again.');
});

test('an invitation: 503 with the form again, and the invitation stays open', async () => {
  const made = await request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${apiKeyFor(t.db, 'xa-a1')}`).send({ unit: 'xa-a1', service: 'ho-tich' }).expect(201);
  const path = `/i/${String(made.body.url).split('/i/')[1]}`;
  const sid = sidOf((await request(t.app).get(path).expect(200)).text);
  readOnly(true);
  const res = await request(t.app).post(path).type('form').send({ sid, overall: '3' }).expect(503);
  expect(res.text).toContain('Chưa gửi được đánh giá');
  expect(res.text).toMatch(/name="overall"[^>]*value="3"[^>]*checked/);
  readOnly(false);
  expect(t.db.prepare('SELECT used_at FROM invitations').pluck().get()).toBeNull();
  await request(t.app).post(path).type('form').send({ sid, overall: '3' }).expect(303);
  expect(count(t.db, 'responses')).toBe(1 + 1);
});

test('staff pages say it in their words; the API answers JSON 503; the kiosk shows its faces again', async () => {
  await createUser(t.db, 'st-admin', 'admin', 'tinh-thu');
  const a = await login(t.app, 'st-admin');
  const key = apiKeyFor(t.db, 'xa-a1');
  const code = world.pointCode('xa-b1');
  const kiosk = await login(t.app, 'st-admin');
  const open = await kiosk.get(`/k/${code}`).expect(200);
  await kiosk.post(`/k/${code}/open`).type('form').send({ _csrf: csrfOf(open.text), pin: '2468', confirm: '2468' }).expect(303);
  const before = count(t.db, 'responses');
  readOnly(true);
  const res = await a.post('/staff/units').type('form').send({ _csrf: a.csrf, code: 'ro-unit', name: 'Chỉ đọc', type: 'xa', parentId: String(world.unit('huyen-a')) });
  expect(res.status).toBe(503);
  expect(res.text).toContain('Chưa lưu được: cơ sở dữ liệu tạm thời không ghi được');
  expect(res.text).toContain('Anh/Chị vui lòng thử lại sau ít phút');
  const api = await request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${key}`).send({ unit: 'xa-a1', service: 'ho-tich' });
  expect(api.status).toBe(503);
  expect(api.body.error.code).toBe('errors.not_saved_staff');
  // The kiosk thanks only once the answer is stored: the same faces again, the one chosen still chosen.
  const tap = await kiosk.post(`/k/${code}`).type('form').send({ sid: 'kiosk-sid-0000000000001', overall: '5' });
  expect(tap.status).toBe(503);
  expect(tap.text).toContain('Chưa gửi được đánh giá');
  expect(tap.text).toMatch(/id="overall-5" value="5" checked/);
  // Reading still works.
  expect((await a.get('/staff/units')).status).toBe(200);
  readOnly(false);
  expect(count(t.db, 'responses')).toBe(before);
  expect(t.db.prepare("SELECT id FROM units WHERE code = 'ro-unit'").get()).toBeUndefined();
});
