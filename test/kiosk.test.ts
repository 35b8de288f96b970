import request from 'supertest';
import { count, createTestApp, pointCode, sidOf, type TestApp } from './helpers/test-app';
import { createUser, csrfOf, login } from './helpers/staff';

let t: TestApp;
let code: string;
beforeAll(async () => {
  t = createTestApp();
  code = pointCode(t.db, false);
  await createUser(t.db, 'ctv-pp', 'counter', 'xa-tay-son');
  await createUser(t.db, 'ctv-bh', 'counter', 'xa-binh-khe');
});

/** Opens the kiosk as staff of the unit; returns the agent now holding the kiosk cookie. */
async function openKiosk(pin = '2468') {
  const a = await login(t.app, 'ctv-pp');
  const page = await a.get(`/k/${code}`).expect(200);
  expect(page.text).toContain('Mở chế độ kiosk tại quầy');
  await a.post(`/k/${code}/open`).type('form').send({ _csrf: csrfOf(page.text), pin, confirm: pin }).expect(303);
  return a;
}

describe('kiosk /k/<code>', () => {
  it('needs a staff session of that unit to open', async () => {
    const anon = await request(t.app).get(`/k/${code}`).expect(303);
    expect(anon.headers.location).toBe(`/staff/login?next=${encodeURIComponent(`/k/${code}`)}`);
    const other = await login(t.app, 'ctv-bh');
    await other.get(`/k/${code}`).expect(403);
    await request(t.app).post(`/k/${code}`).type('form').send({ sid: 'abcdefghijklmnopqrst', overall: '5' }).expect(303);
    await request(t.app).get(`/k/${code}/step/2`).expect(303);
    expect(count(t.db, 'kiosk_sessions')).toBe(0);
    expect(count(t.db, 'responses')).toBe(0);
  });

  it('refuses a short PIN or two different PINs', async () => {
    const a = await login(t.app, 'ctv-pp');
    const page = await a.get(`/k/${code}`);
    const res = await a.post(`/k/${code}/open`).type('form').send({ _csrf: csrfOf(page.text), pin: '12', confirm: '12' }).expect(422);
    expect(res.text).toContain('Mã PIN phải gồm 4 đến 8 chữ số');
    const res2 = await a.post(`/k/${code}/open`).type('form').send({ _csrf: csrfOf(page.text), pin: '1234', confirm: '1235' }).expect(422);
    expect(res2.text).toContain('không khớp');
  });

  it('opens with a hashed PIN, logs the staff session out, shows large faces and a script from self', async () => {
    const k = await openKiosk();
    const row = t.db.prepare('SELECT pin_hash FROM kiosk_sessions').pluck().get() as string;
    expect(row).toMatch(/^scrypt\$/);
    expect(row).not.toContain('2468');
    const page = await k.get(`/k/${code}`).expect(200);
    expect(page.text).toContain('<script src="/public/kiosk.js?v=');
    expect(page.text).toContain('/public/kiosk.css');
    expect(page.text).not.toContain('<style>');
    expect(page.text).toContain(`data-home="/k/${code}" data-idle="30"`);
    expect(page.text.match(/<svg class="face/g)).toHaveLength(5);
    await k.get('/staff').expect(303);
  });

  it('stores the rating before it thanks, once per form (submission id), as channel kiosk; the details add to it', async () => {
    const k = await openKiosk();
    const sid = sidOf((await k.get(`/k/${code}`)).text);
    await k.post(`/k/${code}`).type('form').send({ sid, overall: '4' }).expect(303).expect('Location', `/k/${code}/thanks`);
    await k.post(`/k/${code}`).type('form').send({ sid, overall: '4' }).expect(303);
    expect(t.db.prepare('SELECT channel, verified, flagged FROM responses WHERE submission_id = ?').all(sid)).toEqual([{ channel: 'kiosk', verified: 0, flagged: 0 }]);
    expect((await k.get(`/k/${code}/thanks`).expect(200)).text).toContain(`/k/${code}/step/2`);
    await k.post(`/k/${code}/step/4`).type('form').send({ c23: '5' }).expect(303).expect('Location', `/k/${code}/step/5`);
    const bad = await k.post(`/k/${code}`).type('form').send({ sid: 'kiosk000submission02', overall: '9' }).expect(422);
    expect(bad.text).toContain('Lựa chọn không hợp lệ');
    const id = t.db.prepare('SELECT id FROM responses WHERE submission_id = ?').pluck().get(sid);
    expect(t.db.prepare("SELECT question_id || '=' || value FROM answers WHERE response_id = ? ORDER BY 1").pluck().all(id)).toEqual(['c23=5', 'overall=4']);
  });

  it('forgets the previous citizen at the start page: the next one cannot add to that response', async () => {
    const k = await openKiosk();
    const sid = sidOf((await k.get(`/k/${code}`)).text);
    await k.post(`/k/${code}`).type('form').send({ sid, overall: '2' }).expect(303);
    await k.get(`/k/${code}`).expect(200);
    await k.post(`/k/${code}/step/2`).type('form').send({ c15: '1' }).expect(410);
    expect(t.db.prepare("SELECT count(*) FROM answers WHERE question_id = 'c15'").pluck().get()).toBe(0);
  });

  it('is left only with the PIN; five wrong PINs lock it', async () => {
    const k = await openKiosk('97531');
    const wrong = await k.post(`/k/${code}/leave`).type('form').send({ pin: '0000' }).expect(422);
    expect(wrong.text).toContain('Mã PIN không đúng');
    await k.post(`/k/${code}/leave`).type('form').send({ pin: '97531' }).expect(303);
    await k.get(`/k/${code}`).expect(303);
    const k2 = await openKiosk('1111');
    for (let i = 0; i < 5; i++) await k2.post(`/k/${code}/leave`).type('form').send({ pin: '2222' });
    const locked = await k2.post(`/k/${code}/leave`).type('form').send({ pin: '1111' }).expect(429);
    expect(locked.text).toContain('quá nhiều lần');
  });
});
