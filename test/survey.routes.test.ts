import request from 'supertest';
import { count, createTestApp, sidOf, type TestApp } from './helpers/test-app';
import { buildWorld } from './helpers/world';

let t: TestApp;
/** One browser: its cookie jar keeps the device cookie that the form's GET sets. */
let browser: ReturnType<typeof request.agent>;
let code: string;
let fixedCode: string;
const at = new Date('2026-03-31T17:30:00Z'); // 00:30 on 1 April in Vietnam

beforeEach(() => {
  t = createTestApp({ seed: false, now: () => at });
  browser = request.agent(t.app);
  const w = buildWorld(t.core);
  code = w.pointCode('xa-a1');
  fixedCode = 'fixed-ho-tich';
  t.core.repos.points.insert({ code: fixedCode, unitId: w.unit('xa-a1'), label: 'Bộ phận Một cửa', labelEn: 'One-stop counter', serviceId: w.service('ho-tich') });
});

async function formOf(c = code, lang?: string) {
  const res = await browser.get(`/s/${c}${lang ? `?lang=${lang}` : ''}`).expect(200);
  return { html: res.text, sid: sidOf(res.text) };
}
const post = (c: string, body: Record<string, string | string[]>) => browser.post(`/s/${c}`).type('form').send(body);
const written = () => ({ responses: count(t.db, 'responses'), answers: count(t.db, 'answers'), texts: count(t.db, 'text_answers'), counts: count(t.db, 'answer_counts') });
const nothing = { responses: 0, answers: 0, texts: 0, counts: 0 };

describe('GET /s/:code', () => {
  it('shows the unit and counter and the overall question as five labelled faces, and nothing more, in Vietnamese', async () => {
    const { html } = await formOf();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Xã A Một — Quầy Xã A Một');
    expect(html).toContain('Nhìn chung, Ông/Bà hài lòng như thế nào');
    for (const label of ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']) expect(html).toContain(`<span>${label}</span>`);
    expect(html).not.toContain('Tiếp cận dịch vụ');
    expect(html.match(/<svg class="face/g)).toHaveLength(5);
    expect(html.match(/<legend>/g)).toHaveLength(1);
    expect(html).toContain('Chọn lĩnh vực');
    expect(html).toContain('<option value="ho-tich">Hộ tịch</option>');
    expect(html).not.toMatch(/<script/);
  });

  it('does not ask for the service when the point fixes it; the counter’s label in the reader’s language', async () => {
    const { html } = await formOf(fixedCode);
    expect(html).toContain('Xã A Một — Bộ phận Một cửa');
    expect(html).toContain('Lĩnh vực: Hộ tịch');
    expect(html).not.toContain('name="service"');
    expect((await formOf(fixedCode, 'en')).html).toContain('Xã A Một — One-stop counter');
  });

  it('speaks English with ?lang=en, remembers it, and follows the browser language', async () => {
    const res = await request(t.app).get(`/s/${code}?lang=en`).expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Very satisfied');
    expect(res.text).toContain('Tiếng Việt');
    const cookie = res.headers['set-cookie'];
    const again = await request(t.app).get(`/s/${code}`).set('Cookie', cookie!).expect(200);
    expect(again.text).toContain('<html lang="en">');
    const browser = await request(t.app).get(`/s/${code}`).set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(browser.text).toContain('Send rating');
    const vi = await request(t.app).get(`/s/${code}`).set('Accept-Language', 'fr,vi;q=0.5').expect(200);
    expect(vi.text).toContain('Gửi đánh giá');
  });

  it('answers an unknown, malformed or deactivated code with a Vietnamese 404 that says what to do', async () => {
    for (const c of ['khongcoma', 'x', '..%2f..%2fetc']) {
      const res = await request(t.app).get(`/s/${c}`).expect(404);
      expect(res.text).toContain('Vui lòng quét mã QR đang dán tại quầy');
    }
    t.db.prepare('UPDATE collection_points SET active = 0 WHERE code = ?').run(code);
    await request(t.app).get(`/s/${code}`).expect(404);
    const res = await post(code, { sid: 'abcdefghijklmnopqrstuv', overall: '5' }).expect(404);
    expect(res.text).toContain('Không tìm thấy trang');
    expect(written()).toEqual(nothing);
  });
});

describe('POST /s/:code', () => {
  it('stores a valid response in one go and redirects (303) to a thank-you page', async () => {
    const { sid } = await formOf();
    // The whole questionnaire in one post still counts (an older page, a client of its own).
    const res = await post(code, { sid, overall: '4', service: 'dat-dai', c15: '5', c16: 'na', c23: '2', p_info: 'nhieu', gender: 'nu', comment: 'Cán bộ nhiệt tình' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/s/${code}/thanks`);
    const thanks = await request(t.app).get(res.headers.location!).expect(200);
    expect(thanks.text).toContain('Cảm ơn Ông/Bà đã đánh giá');
    expect(thanks.text).not.toContain('<form');

    const r = t.db.prepare('SELECT * FROM responses').get() as Record<string, unknown>;
    expect(r).toMatchObject({ submission_id: sid, definition_id: 'sipas-2023', definition_version: 2, channel: 'poster', lang: 'vi', local_date: '2026-04-01', created_at: '2026-03-31T17:30:00.000Z', verified: 0, flagged: 0 });
    const service = t.db.prepare("SELECT id FROM services WHERE code = 'dat-dai'").get() as { id: number };
    expect(r.service_id).toBe(service.id);
    const answers = t.db.prepare('SELECT question_id AS q, value AS v FROM answers ORDER BY q').all();
    expect(answers).toEqual([
      { q: 'c15', v: '5' }, { q: 'c16', v: 'na' }, { q: 'c23', v: '2' }, { q: 'gender', v: 'nu' }, { q: 'overall', v: '4' }, { q: 'p_info', v: 'nhieu' },
    ]);
    expect(t.db.prepare('SELECT text FROM text_answers').pluck().all()).toEqual(['Cán bộ nhiệt tình']);
    const counts = t.db.prepare('SELECT question_id AS q, value AS v, n, local_date AS d FROM answer_counts ORDER BY q').all();
    expect(counts).toHaveLength(7);
    expect(counts).toContainEqual({ q: '_response', v: '1', n: 1, d: '2026-04-01' });
    expect(counts).toContainEqual({ q: 'c15', v: '5', n: 1, d: '2026-04-01' });
  });

  it('stores the fixed service of the point', async () => {
    const { sid } = await formOf(fixedCode);
    await post(fixedCode, { sid, overall: '5' }).expect(303);
    expect(t.db.prepare('SELECT s.code FROM responses r JOIN services s ON s.id = r.service_id').pluck().get()).toBe('ho-tich');
  });

  it('stores one response for a double tap or a browser resubmit', async () => {
    const { sid } = await formOf();
    await post(code, { sid, overall: '5' }).expect(303);
    await post(code, { sid, overall: '5' }).expect(303);
    await post(code, { sid, overall: '1' }).expect(303);
    expect(written()).toMatchObject({ responses: 1, answers: 1 });
    expect(t.db.prepare("SELECT n FROM answer_counts WHERE question_id = 'overall'").pluck().all()).toEqual([1]);
  });

  it.each([
    ['nothing rated', { overall: '' }, 'Ông/Bà vui lòng chọn ít nhất một mức đánh giá, chẳng hạn ở câu hỏi đầu tiên.'],
    ['a level out of range', { overall: '7' }, 'Lựa chọn không hợp lệ'],
    ['"Không áp dụng" on the overall question', { overall: 'na' }, 'Lựa chọn không hợp lệ'],
    ['a service the unit does not offer', { overall: '4', service: 'khong-co' }, 'Lĩnh vực đã chọn không thuộc danh sách'],
    ['a comment over 1,000 characters', { overall: '4', comment: 'x'.repeat(1001) }, 'Ý kiến dài quá 1000 ký tự'],
    ['a field the survey does not have', { overall: '4', phone: '0905123456' }, 'có nội dung không thuộc phiếu khảo sát'],
    ['a priority with a satisfaction level', { overall: '4', p_info: '5' }, 'Lựa chọn không hợp lệ'],
  ])('rejects %s: 422, the message by the field, answers kept, nothing written', async (_name, body, message) => {
    const { sid } = await formOf();
    const res = await post(code, { sid, service: 'chung-thuc', ...body } as Record<string, string>).expect(422);
    expect(res.text).toContain('Vui lòng kiểm tra lại phiếu');
    expect(res.text).toContain(message);
    if (!('service' in body)) expect(res.text).toContain('<option value="chung-thuc" selected>');
    expect(sidOf(res.text)).toBe(sid);
    expect(written()).toEqual(nothing);
  });

  it('links each error to its question and keeps the answers', async () => {
    const { sid } = await formOf();
    const res = await post(code, { sid, overall: '4', service: 'khong-co' }).expect(422);
    expect(res.text).toContain('<a href="#q-service">Lĩnh vực đã chọn không thuộc danh sách');
    expect(res.text).toContain('id="err-service"');
    expect(res.text).toMatch(/id="overall-4" value="4" checked/);
  });

  it('shows errors in English for an English reader', async () => {
    const { sid } = await formOf(code, 'en');
    const res = await request(t.app).post(`/s/${code}`).set('Cookie', 'lang=en').type('form').send({ sid }).expect(422);
    expect(res.text).toContain('Please choose at least one rating');
  });

  it('answers a wrong content type, a broken body or an oversized body with a clear 4xx and writes nothing', async () => {
    const { sid } = await formOf();
    const json = await request(t.app).post(`/s/${code}`).set('Content-Type', 'application/json').send(JSON.stringify({ sid, overall: '5' }));
    expect(json.status).toBe(422);
    const big = await post(code, { sid, overall: '5', comment: 'x'.repeat(40_000) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('Nội dung gửi lên quá lớn');
    const broken = await request(t.app).post(`/s/${code}`).type('form').send(`sid=${sid}&overall=%E0%A4%A`);
    expect(broken.status).toBeLessThan(500);
    expect(written()).toEqual(nothing);
  });

  it('stores no IP address, user agent or other identity anywhere', async () => {
    const { sid } = await formOf();
    await post(code, { sid, overall: '5' }).set('User-Agent', 'Mozilla/5.0 TestPhone').set('X-Forwarded-For', '203.0.113.9').expect(303);
    const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const dump = JSON.stringify(t.db.prepare(`SELECT * FROM ${table}`).all());
      expect(dump).not.toContain('203.0.113.9');
      expect(dump).not.toContain('127.0.0.1');
      expect(dump).not.toContain('TestPhone');
    }
  });
});

describe('GET /healthz', () => {
  it('answers 200 with the schema version', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', schema: expect.any(Number), writable: true, diskFreeBytes: null });
  });
});
