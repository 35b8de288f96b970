import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { createUser, login } from './helpers/staff';
import { apiKeyFor, storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

const NOW = new Date('2025-05-10T03:00:00Z');

/** The worked example of sipas-method.md in Q1 2025, one response in Q4 2024 for the change, and comments. */
async function fixture() {
  const t = createTestApp({ seed: false, now: () => NOW });
  const { db } = t;
  buildWorld(t.core); // Huyện A (xa-a1, xa-a2) in a province of its own: test/helpers/world.ts
  const c15 = ['5', '5', '4', '3', '2'];
  const c16 = ['4', 'na', '4', 'na', 'na'];
  c15.forEach((v, i) => storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-31', answers: { overall: i < 4 ? '5' : '2', c15: v, c16: c16[i]!, p_info: i < 2 ? 'rat_nhieu' : 'it' } }));
  storeResponse(db, { unit: 'xa-a2', service: 'dat-dai', date: '2025-01-01', answers: { overall: '4' }, texts: { comment: 'Cán bộ nhiệt tình.' } });
  const abusive = storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-02-10', answers: {}, texts: { comment: 'Lời lẽ xúc phạm XYZ' } })!;
  storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2024-12-31', answers: { overall: '5', c15: '5' } });
  const adminId = await createUser(db, 'd-admin', 'admin', 'tinh-thu');
  await createUser(db, 'd-oversight', 'oversight', 'huyen-a');
  return { ...t, abusive, adminId };
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('GET /staff/dashboard', () => {
  test('shows the numbers of the figures API, the change against the previous period, the target line and the few-answers marker', async () => {
    const { app } = await fixture();
    const agent = await login(app, 'd-oversight');
    const page = await agent.get('/staff/dashboard?period=2025-Q1');
    expect(page.status).toBe(200);
    const api = (await agent.get('/api/v1/figures?period=2025-Q1&groupBy=unit')).body;
    expect(api.sipas).toBe(80);
    const body = text(page.text);
    expect(page.text).toMatch(/id="sipas-value">80,0%</);
    expect(page.text).toMatch(new RegExp(`id="overall-value">${api.overall.rate.toFixed(1).replace('.', ',')}%<`));
    expect(body).toContain('Quý I/2025: 01/01/2025 – 31/03/2025');
    expect(body).toContain(`n = ${api.overall.n} phiếu`);
    // Q4 2024: c15 = 100% → SIPAS 100; now 80: a change of −20 points.
    expect(page.text).toMatch(/id="sipas-delta">So với Quý IV\/2024: 01\/10\/2024 – 31\/12\/2024: [-−]20,0 điểm % \(kỳ trước 100,0%, n = 1\)/);
    // Units in the API's order, with the change, the element index and n; below 30 responses, not ranked.
    expect(body).toMatch(/— Xã A Một 6 80,0 ▼ -20,0 80,0 n=5 80,0 n=7/);
    expect(body).toMatch(/— Xã A Hai 1 — — 100,0 n=1/);
    // Target 90% on a 0–100 scale from x=230 over 420 px: the line at 608.
    expect(page.text).toMatch(/<svg id="ch-units"[\s\S]*?<line class="target" x1="608"/);
    expect(page.text).toMatch(/<title id="ch-units-t">/);
    // The few-answers mark says what it counts: responses for a unit, answers for a criterion.
    expect(page.text).toMatch(/<span class="few">⚠ dưới 30 phiếu<\/span>/);
    expect(page.text).toMatch(/<span class="few">⚠ dưới 30 câu trả lời<\/span>/);
    expect(body).toContain('n = 7 câu trả lời, từ 7 phiếu');
    expect(body).not.toMatch(/phiếu ⚠ dưới 30 câu trả lời|Dưới 30 câu trả lời: cần thận trọng/);
    // Export links carry the same filters.
    expect(page.text).toContain('href="/api/v1/exports/figures.xlsx?period=2025-Q1&amp;unit=huyen-a"');
    expect(page.text).toContain('href="/api/v1/exports/responses.csv?period=2025-Q1&amp;unit=huyen-a"');
  });

  test('filters in the URL change the figures; the default is the current quarter of the own unit', async () => {
    const { app } = await fixture();
    const agent = await login(app, 'd-oversight');
    const byService = text((await agent.get('/staff/dashboard?period=2025-Q1&service=dat-dai')).text);
    expect(byService).toMatch(/n = 1 phiếu trả lời/);
    expect(byService).toContain('Lĩnh vực: Đất đai');
    const unit = text((await agent.get('/staff/dashboard?from=2025-03-01&to=2025-03-31&unit=xa-a1')).text);
    expect(unit).toContain('Số liệu hài lòng: Xã A Một');
    expect(unit).toContain('Từ 01/03/2025 đến 31/03/2025');
    expect(unit).not.toContain('Xã A Hai 1');
    const byName = (await agent.get('/staff/dashboard?period=2025-Q1&sort=name')).text;
    expect(byName.indexOf('<th scope="row">Xã A Hai')).toBeLessThan(byName.indexOf('<th scope="row">Xã A Một'));
    const def = text((await agent.get('/staff/dashboard')).text);
    expect(def).toContain('Số liệu hài lòng: Huyện A');
    expect(def).toContain('Quý II/2025: 01/04/2025 – 30/06/2025');
  });

  test('a bad query parameter is a translated 400 page', async () => {
    const { app } = await fixture();
    const agent = await login(app, 'd-oversight');
    for (const q of ['period=2025-Q9', 'from=2025-02-30&to=2025-03-01', 'sort=evil', 'x=1', 'unit=nowhere', 'service=nope', 'includeFlagged=maybe']) {
      const r = await agent.get(`/staff/dashboard?${q}`);
      expect([q, r.status]).toEqual([q, 400]);
      expect(r.text).toContain('Yêu cầu không hợp lệ');
    }
    expect(text((await agent.get('/staff/dashboard?period=2025-Q9')).text)).toContain('Kỳ báo cáo không hợp lệ');
  });
});

describe('comments: hide and un-hide', () => {
  test('hiding writes who and when, keeps the text, leaves it out of the list and the raw export; un-hiding brings it back', async () => {
    const { app, db, abusive, adminId } = await fixture();
    const agent = await login(app, 'd-admin');
    const list = () => agent.get('/staff/comments?period=2025-Q1&unit=huyen-a');
    expect((await list()).text).toContain('Lời lẽ xúc phạm XYZ');
    const noCsrf = await agent.post(`/staff/comments/${abusive}/hide`).type('form').send({ questionId: 'comment' });
    expect(noCsrf.status).toBe(403);
    expect(db.prepare('SELECT count(*) AS n FROM comment_moderation').get()).toEqual({ n: 0 });
    const hide = await agent.post(`/staff/comments/${abusive}/hide`).type('form').send({ _csrf: agent.csrf, questionId: 'comment', reason: 'xúc phạm', back: 'period=2025-Q1&unit=huyen-a' });
    expect(hide.status).toBe(303);
    expect(hide.headers.location).toBe('/staff/comments?period=2025-Q1&unit=huyen-a&ok=hidden');
    const row = db.prepare('SELECT * FROM comment_moderation').get() as Record<string, unknown>;
    expect(row).toMatchObject({ response_id: abusive, question_id: 'comment', hidden_by: adminId, hidden_at: NOW.toISOString(), reason: 'xúc phạm', unhidden_at: null });
    expect(db.prepare('SELECT text FROM text_answers WHERE response_id = ?').get(abusive)).toEqual({ text: 'Lời lẽ xúc phạm XYZ' });
    expect((await list()).text).not.toContain('Lời lẽ xúc phạm XYZ');
    expect((await agent.get('/staff/dashboard?period=2025-Q1')).text).not.toContain('Lời lẽ xúc phạm XYZ');
    const shown = await agent.get('/staff/comments?period=2025-Q1&unit=huyen-a&showHidden=true');
    expect(text(shown.text)).toContain('Đã ẩn Ẩn bởi d-admin');

    const key = apiKeyFor(db, 'huyen-a');
    const raw = await request(app).get('/api/v1/exports/responses.csv?period=2025-Q1').set('Authorization', `Bearer ${key}`);
    expect(raw.text).toContain('Cán bộ nhiệt tình.');
    expect(raw.text).not.toContain('XYZ');
    expect((await request(app).get('/api/v1/exports/responses.csv?period=2025-Q1&includeHidden=true').set('Authorization', `Bearer ${key}`)).text).not.toContain('XYZ');
    expect((await agent.get('/api/v1/exports/responses.csv?period=2025-Q1&includeHidden=true')).text).toContain('XYZ');

    const unhide = await agent.post(`/staff/comments/${abusive}/unhide`).type('form').send({ _csrf: agent.csrf, questionId: 'comment' });
    expect(unhide.status).toBe(303);
    expect(db.prepare('SELECT unhidden_by, unhidden_at FROM comment_moderation').get()).toEqual({ unhidden_by: adminId, unhidden_at: NOW.toISOString() });
    expect((await list()).text).toContain('Lời lẽ xúc phạm XYZ');
    const audit = () => db.prepare("SELECT action, user_id AS userId, target FROM audit_log WHERE action LIKE 'comment.%' ORDER BY id").all();
    expect(audit()).toEqual([
      { action: 'comment.hide', userId: adminId, target: `response:${abusive}` },
      { action: 'comment.unhide', userId: adminId, target: `response:${abusive}` },
    ]);
    expect((await agent.post('/staff/comments/999999/hide').type('form').send({ _csrf: agent.csrf })).status).toBe(404);
    expect((await agent.post(`/staff/comments/${abusive}/hide`).type('form').send({ _csrf: agent.csrf, back: 'https://evil.example/' })).status).toBe(400);
  });
});

describe('API keys page', () => {
  test('creates a key shown once that works on the figures API, lists it, revokes it; CSRF enforced', async () => {
    const { app, db } = await fixture();
    const agent = await login(app, 'd-admin');
    expect((await agent.post('/staff/api-keys').type('form').send({ unit: 'huyen-a', label: 'x' })).status).toBe(403);
    const created = await agent.post('/staff/api-keys').type('form').send({ _csrf: agent.csrf, unit: 'huyen-a', label: 'Báo cáo tỉnh' });
    expect(created.status).toBe(201);
    const key = /value="(sipas_[^"]+)"/.exec(created.text)![1]!;
    expect(created.text.split(key).length).toBe(2);
    const listed = await agent.get('/staff/api-keys');
    expect(listed.text).not.toContain(key);
    expect(text(listed.text)).toContain(`${key.slice(0, 12)}… Huyện A Báo cáo tỉnh`);
    expect(text(listed.text)).toContain('Chưa dùng');
    const api = await request(app).get('/api/v1/figures?period=2025-Q1').set('Authorization', `Bearer ${key}`);
    expect(api.status).toBe(200);
    expect(api.body.sipas).toBe(80);
    expect(text((await agent.get('/staff/api-keys')).text)).not.toContain('Chưa dùng');
    const bad = await agent.post('/staff/api-keys').type('form').send({ _csrf: agent.csrf, unit: 'nowhere', label: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Không có đơn vị mã');
    const id = (db.prepare('SELECT id FROM api_keys ORDER BY id DESC LIMIT 1').get() as { id: number }).id;
    expect((await agent.post(`/staff/api-keys/${id}/revoke`).type('form').send({})).status).toBe(403);
    const revoke = await agent.post(`/staff/api-keys/${id}/revoke`).type('form').send({ _csrf: agent.csrf });
    expect(revoke.status).toBe(303);
    expect((await request(app).get('/api/v1/figures?period=2025-Q1').set('Authorization', `Bearer ${key}`)).status).toBe(401);
    expect(text((await agent.get('/staff/api-keys')).text)).toContain('Đã thu hồi lúc');
    expect(db.prepare("SELECT action, target FROM audit_log WHERE action LIKE 'api_key.%' ORDER BY id").all()).toEqual([
      { action: 'api_key.create', target: `api_key:${id}` },
      { action: 'api_key.revoke', target: `api_key:${id}` },
    ]);
    const log = text((await agent.get('/staff/audit')).text);
    expect(log).toContain('Tạo khóa API');
    expect(log).toContain('Thu hồi khóa API');
  });
});

describe('flagged responses on the dashboard', () => {
  test('says how many flagged responses are left out, or included when asked, and the figures follow', async () => {
    const { app, db } = await fixture();
    storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-01', answers: { overall: '1', c15: '1' }, flagged: true });
    storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-02', answers: { overall: '1', c15: '1' }, flagged: true });
    const agent = await login(app, 'd-oversight');
    const out = await agent.get('/staff/dashboard?period=2025-Q1').expect(200);
    expect(out.text).toContain('2 phiếu nghi vấn (nghi trùng lặp hoặc gửi tự động) không được tính vào số liệu trên.');
    expect(out.text).toMatch(/id="sipas-value">80,0%</);
    const inc = await agent.get('/staff/dashboard?period=2025-Q1&includeFlagged=true').expect(200);
    expect(inc.text).toContain('Số liệu trên có tính cả 2 phiếu nghi vấn');
    // c15 now 3 satisfied of 7 = 42.857…%, c16 still 100%: element I = 71.4%.
    expect(inc.text).toMatch(/id="sipas-value">71,4%</);
  });
});
