import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/open-database';
import { loadDefinitions } from '../server/surveys/definitions';
import { wire, wireCore } from '../server/wiring';
import { createRecountRepo } from '../server/figures/recount.repo';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { ensureAllRollups } from '../server/figures/rollups';
import { rollupQuestions } from '../server/figures/rollup-format';
import { structureOf } from '../server/figures/structure';
import { CONTINUATION_COOKIE } from '../server/surveys/survey-flow';
import { scheduleContinuationCleanup } from '../server/responses/continuations.schedule';
import { apiKeyFor } from './helpers/figures-fixtures';
import { count, createTestApp, sidOf, type TestApp } from './helpers/test-app';
import { buildWorld, type World } from './helpers/world';

/** Rating first, then the detail steps adding to the same response (issue 12). */
let t: TestApp;
let w: World;
let now: Date;
let code: string;
beforeEach(() => {
  now = new Date('2026-03-31T16:50:00Z'); // 23:50 on 31 March in Vietnam
  t = createTestApp({ seed: false, now: () => now });
  w = buildWorld(t.core);
  code = w.pointCode('xa-a1');
});

type Agent = ReturnType<typeof request.agent>;
/** One tap on a face and send, as a phone would: returns the phone (it keeps its cookies). */
async function rate(level = '4', phone: Agent = request.agent(t.app)) {
  const sid = sidOf((await phone.get(`/s/${code}`).expect(200)).text);
  const res = await phone.post(`/s/${code}`).type('form').send({ sid, overall: level }).expect(303);
  expect(res.headers.location).toBe(`/s/${code}/thanks`);
  return { phone, sid, cookie: res.headers['set-cookie'] as unknown as string[] };
}
const answers = () => t.db.prepare("SELECT response_id || ':' || question_id || '=' || value FROM answers ORDER BY 1").pluck().all() as string[];
const counts = () => t.db.prepare("SELECT local_date || ' ' || question_id || '=' || value || ' ' || n FROM answer_counts ORDER BY 1").pluck().all() as string[];

describe('the first page', () => {
  it('holds the unit and counter, five faces, the service field and send; no script, no stylesheet request', async () => {
    const html = (await request(t.app).get(`/s/${code}`).expect(200)).text;
    expect(html).toContain('Xã A Một — Quầy Xã A Một');
    expect(html.match(/<svg class="face/g)).toHaveLength(5);
    expect(html.match(/type="radio"/g)).toHaveLength(5);
    expect(html).toContain('name="service"');
    expect(html).not.toContain('c15');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"/);
    expect(html).toContain('<style>');
  });

  it('lists the service fields in Vietnamese order (Chứng thực, Đất đai, Hộ tịch)', async () => {
    const html = (await request(t.app).get(`/s/${code}`).expect(200)).text;
    expect([...html.matchAll(/<option value="([a-z-]+)">/g)].map((m) => m[1])).toEqual(['chung-thuc', 'dat-dai', 'ho-tich']);
  });

  it('one tap and send stores a response with only the overall answer, and hands this device a scoped continuation', async () => {
    const { cookie } = await rate('5');
    expect(t.db.prepare('SELECT local_date, channel FROM responses').get()).toEqual({ local_date: '2026-03-31', channel: 'poster' });
    expect(answers()).toEqual(['1:overall=5']);
    expect(counts()).toEqual(['2026-03-31 _response=1 1', '2026-03-31 overall=5 1']);
    const more = cookie.find((c) => c.startsWith(`${CONTINUATION_COOKIE}=`))!;
    expect(more).toContain(`Path=/s/${code}`);
    expect(more).toMatch(/HttpOnly/);
    expect(more).toMatch(/SameSite=Strict/);
    expect(more).toContain('Max-Age=7200');
    const token = /=([^;]+)/.exec(more)![1]!;
    expect(JSON.stringify(t.db.prepare('SELECT * FROM continuations').all())).not.toContain(token);
  });

  it('the thank-you page offers the details, then step 2 of 8 (element I), criteria numbered from 1 with five labelled levels and “Không áp dụng”', async () => {
    const { phone } = await rate();
    const thanks = (await phone.get(`/s/${code}/thanks`).expect(200)).text;
    expect(thanks).toContain('Ông/Bà có thể đánh giá chi tiết hơn (khoảng 2 phút)');
    expect(thanks).toContain(`href="/s/${code}/step/2"`);
    const step = (await phone.get(`/s/${code}/step/2`).expect(200)).text;
    expect(step).toContain('Bước 2/8');
    expect(step).toContain('Tiếp cận dịch vụ');
    expect(step).toMatch(/<span class="n">1\.<\/span> Cơ quan cung cấp thông tin/);
    expect(step).not.toMatch(/<span class="n">15\./);
    for (const level of ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']) expect(step.split(`<span class="vh">${level}</span>`)).toHaveLength(5);
    expect(step.match(/class="na">Không áp dụng/g)).toHaveLength(4);
    expect(step).not.toContain('<script');
    expect((await phone.get(`/s/${code}/step/8`).expect(200)).text).toContain('<script src="/public/count.js');
  });
});

describe('the detail steps', () => {
  it('each adds to the same response; leaving after step 3 keeps steps 1–3', async () => {
    const { phone } = await rate('4');
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5', c16: 'na' }).expect(303, /step\/3/);
    await phone.post(`/s/${code}/step/3`).type('form').send({ c19: '3' }).expect(303);
    expect(count(t.db, 'responses')).toBe(1);
    expect(answers()).toEqual(['1:c15=5', '1:c16=na', '1:c19=3', '1:overall=4']);
    expect(counts()).toContain('2026-03-31 c19=3 1');
    expect(counts().filter((c) => String(c).includes('_response'))).toEqual(['2026-03-31 _response=1 1']);
  });

  it('never stores a step twice: a reload, back and send again, or the first page sent again', async () => {
    const { phone, sid } = await rate('4');
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5' }).expect(303);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '1', c16: '2' }).expect(303, /step\/3/);
    const back = (await phone.get(`/s/${code}/step/2`).expect(200)).text;
    expect(back).toContain('Ông/Bà đã gửi bước này');
    expect(back).not.toContain('<form');
    await phone.post(`/s/${code}`).type('form').send({ sid, overall: '1' }).expect(303);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '2' }).expect(303);
    expect(answers()).toEqual(['1:c15=5', '1:overall=4']);
    expect(createRecountRepo(t.db).differences()).toEqual([]);
  });

  it('refuses another device, and the same device after two hours or after the end; nothing is stored', async () => {
    const { phone } = await rate('4');
    const other = await request(t.app).post(`/s/${code}/step/2`).type('form').send({ c15: '5' }).expect(410);
    expect(other.text).toContain('Không thể bổ sung đánh giá');
    now = new Date(now.getTime() + 2 * 3600_000);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5' }).expect(410);
    const late = await rate('3');
    await late.phone.get(`/s/${code}/done`).expect(200);
    await late.phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5' }).expect(410);
    await late.phone.post(`/s/${code}`).type('form').send({ sid: late.sid, overall: '3' }).expect(303);
    await late.phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5' }).expect(410);
    expect(answers()).toEqual(['1:overall=4', '2:overall=3']);
  });

  it('checks each step like the first page: 422 with the error by its criterion, nothing stored; an unknown step is a 404', async () => {
    const { phone } = await rate('4');
    const bad = await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '9', c16: '4' }).expect(422);
    expect(bad.text).toContain('<a href="#q-c15">Tiêu chí 1: Lựa chọn không hợp lệ');
    expect(bad.text).toMatch(/id="c16-4" value="4" checked/);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c23: '4' }).expect(422);
    const long = await phone.post(`/s/${code}/step/8`).type('form').send({ comment: 'x'.repeat(1001) }).expect(422);
    expect(long.text).toContain('Ý kiến dài quá 1000 ký tự');
    for (const n of ['1', '9', 'x']) await phone.get(`/s/${code}/step/${n}`).expect(404);
    expect(answers()).toEqual(['1:overall=4']);
  });

  it('a step the database cannot write is a 503 with the same step, every answer kept; sent again later, it is stored once', async () => {
    const { phone } = await rate('4');
    t.db.pragma('query_only = ON');
    const res = await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5', c18: 'na' });
    t.db.pragma('query_only = OFF');
    expect(res.status).toBe(503);
    expect(res.text).toContain('Chưa gửi được đánh giá');
    expect(res.text).toMatch(/id="c15-5" value="5" checked/);
    expect(res.text).toMatch(/id="c18-na" value="na" checked/);
    expect(answers()).toEqual(['1:overall=4']);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5', c18: 'na' }).expect(303);
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5', c18: 'na' }).expect(303);
    expect(answers()).toEqual(['1:c15=5', '1:c18=na', '1:overall=4']);
  });

  it('an empty step stores nothing and moves on; the comment and profile end the path', async () => {
    const { phone } = await rate('4');
    await phone.post(`/s/${code}/step/7`).type('form').send({}).expect(303, /step\/8/);
    await phone.post(`/s/${code}/step/8`).type('form').send({ comment: 'Cán bộ tận tình', gender: 'nu' }).expect(303, new RegExp(`/s/${code}/done`));
    const done = (await phone.get(`/s/${code}/done`).expect(200)).text;
    expect(done).toContain('Cảm ơn Ông/Bà đã dành thời gian đánh giá');
    expect(done).not.toContain('<form');
    expect(t.db.prepare('SELECT text FROM text_answers').pluck().all()).toEqual(['Cán bộ tận tình']);
    expect(t.db.prepare('SELECT token_hash FROM continuations').pluck().all()).toEqual([null]);
  });

  it('a full form from an older page counts those steps as sent', async () => {
    const phone = request.agent(t.app);
    const sid = sidOf((await phone.get(`/s/${code}`)).text);
    await phone.post(`/s/${code}`).type('form').send({ sid, overall: '4', c15: '5', p_info: 'nhieu' }).expect(303);
    expect((await phone.get(`/s/${code}/step/2`)).text).toContain('Ông/Bà đã gửi bước này');
    expect((await phone.get(`/s/${code}/thanks`)).text).toContain(`/s/${code}/step/3`);
  });
});

describe('a step after midnight and after its month was rolled up', () => {
  it('counts on the response’s own day; the figures of the closed month equal the raw answers; recount finds no difference', async () => {
    const { phone } = await rate('4'); // 31 March, 23:50
    now = new Date('2026-03-31T18:30:00Z'); // 1 April, 01:30: March is closed
    const key = apiKeyFor(t.db, 'xa-a1');
    const march = async () => (await request(t.app).get('/api/v1/figures?period=2026-03&unit=xa-a1').set('Authorization', `Bearer ${key}`).expect(200)).body;
    expect((await march()).criteria.find((c: { id: string }) => c.id === 'c15').n).toBe(0);
    // The schedule rolls March up once it has closed (a read never builds rollups): here at once.
    const definition = loadDefinitions(t.config.definitionsDir, t.config.surveyDefinition).current;
    ensureAllRollups(createRollupsRepo(t.db), rollupQuestions(structureOf(definition)), '2026-04-01', now);
    expect(t.db.prepare("SELECT bucket FROM rollup_buckets WHERE bucket = '2026-03'").pluck().get()).toBe('2026-03');
    await phone.post(`/s/${code}/step/2`).type('form').send({ c15: '5', c16: '2' }).expect(303);
    expect(counts()).toEqual(['2026-03-31 _response=1 1', '2026-03-31 c15=5 1', '2026-03-31 c16=2 1', '2026-03-31 overall=4 1']);
    // March stays rolled up, the step's answers added to its rollup row (figures/rollup-late.ts).
    expect(t.db.prepare("SELECT bucket FROM rollup_buckets WHERE bucket = '2026-03'").pluck().get()).toBe('2026-03');
    const after = await march();
    expect(after.criteria.find((c: { id: string }) => c.id === 'c15')).toMatchObject({ n: 1, index: 100 });
    expect(after.responses).toBe(1);
    t.db.exec('DELETE FROM rollup_buckets; DELETE FROM answer_rollups');
    expect(await march()).toEqual(after);
    expect(createRecountRepo(t.db).differences()).toEqual([]);
  });

  it('a response with only the overall answer counts in the overall rate only', async () => {
    await rate('5');
    const key = apiKeyFor(t.db, 'xa-a1');
    const f = (await request(t.app).get('/api/v1/figures?period=2026-03&unit=xa-a1').set('Authorization', `Bearer ${key}`).expect(200)).body;
    expect(f.overall).toMatchObject({ rate: 100, n: 1 });
    expect(f.sipas).toBeNull();
    expect(f.elements.every((e: { n: number }) => e.n === 0)).toBe(true);
  });
});

describe('npm run recount', () => {
  it('finds no difference after steps added after midnight to a rolled-up month', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steps-recount-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    migrate(db);
    const core = wireCore(db, () => now);
    const world = buildWorld(core);
    const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: 'silent' });
    const deps = { config, db, definitions: loadDefinitions(config.definitionsDir, config.surveyDefinition), logger: pino({ level: 'silent' }), now: () => now };
    const app = createApp(deps, wire(deps, core));
    code = world.pointCode('xa-a1');
    const phone = request.agent(app);
    const sid = sidOf((await phone.get(`/s/${code}`)).text);
    await phone.post(`/s/${code}`).type('form').send({ sid, overall: '3' }).expect(303);
    now = new Date('2026-03-31T18:30:00Z');
    const key = apiKeyFor(db, 'xa-a1');
    await request(app).get('/api/v1/figures?period=2026-03&unit=xa-a1').set('Authorization', `Bearer ${key}`).expect(200);
    for (const [n, body] of [[2, { c15: '4' }], [3, { c20: '5', c21: 'na' }], [7, { p_info: 'it' }]] as const) {
      await phone.post(`/s/${code}/step/${n}`).type('form').send(body).expect(303);
    }
    db.close();
    const out = execFileSync('npx', ['tsx', 'server/figures/recount.cli.ts', '--db', file], { encoding: 'utf8' });
    expect(out).toContain('0 difference(s)');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the link between a device and a response', () => {
  it('is deleted by the scheduled cleanup once its window has passed, and never opened again', async () => {
    const { sid } = await rate('4');
    expect(count(t.db, 'continuations')).toBe(1);
    now = new Date(now.getTime() + 2 * 3600_000 + 1);
    const stop = scheduleContinuationCleanup(t.wired.responses.purgeExpired, { debug: () => undefined } as never);
    stop();
    expect(count(t.db, 'continuations')).toBe(0);
    const again = await request(t.app).post(`/s/${code}`).type('form').send({ sid, overall: '4' }).expect(303);
    expect(String(again.headers['set-cookie'] ?? '')).not.toContain(CONTINUATION_COOKIE);
    expect(count(t.db, 'continuations')).toBe(0);
  });
});
