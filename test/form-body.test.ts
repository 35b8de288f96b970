import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import request from 'supertest';
import { count, createTestApp, sidOf, type TestApp } from './helpers/test-app';
import { buildWorld } from './helpers/world';
import { createAppServer } from '../server/http/app-server';

/**
 * The citizen's plain forms are read without body-parser (server/http/form-body.ts); any other
 * body (chunked, compressed, another charset) is left to body-parser. What a citizen and the
 * database see must not depend on which reader took the body: the same form sent with its
 * length (the lean reader) and chunked (body-parser) must store and answer alike.
 */
let t: TestApp;
let code: string;
const at = new Date('2026-03-31T17:30:00Z');

beforeEach(() => {
  t = createTestApp({ seed: false, now: () => at });
  code = buildWorld(t.core).pointCode('xa-a1');
});

/** A new browser with its form: the device cookie and the signed submission id of its GET. */
async function newForm() {
  const agent = request.agent(t.app);
  const res = await agent.get(`/s/${code}`).expect(200);
  const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]!).find((c) => c.startsWith('sipas_dev='))!;
  return { agent, sid: sidOf(res.text), cookie };
}
const rows = () => t.db.prepare(`SELECT r.channel, r.flagged, r.flag_reasons, r.lang, r.local_date, r.service_id, a.question_id, a.value
  FROM responses r JOIN answers a ON a.response_id = r.id ORDER BY r.id, a.question_id`).all();
const stored = () => ({ responses: count(t.db, 'responses'), answers: count(t.db, 'answers'), counts: count(t.db, 'answer_counts'), continuations: count(t.db, 'continuations') });

/** A POST through a real socket to the app's own server (server/http/app-server.ts), for bodies supertest cannot send (chunked, compressed). */
async function rawPost(path: string, headers: Record<string, string>, parts: Buffer[]): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const server = createAppServer(t.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', path, method: 'POST', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      for (const p of parts) req.write(p);
      req.end();
    });
  } finally {
    server.close();
  }
}

const FORM = 'application/x-www-form-urlencoded';
/** The same body sent with its length (read by form-body.ts) and chunked (left to body-parser). */
const sized = (cookie: string, body: string) => rawPost(`/s/${code}`, { 'Content-Type': FORM, 'Content-Length': String(Buffer.byteLength(body)), Cookie: cookie }, [Buffer.from(body)]);
const chunked = (cookie: string, body: string) => rawPost(`/s/${code}`, { 'Content-Type': FORM, Cookie: cookie }, body ? [Buffer.from(body.slice(0, 5)), Buffer.from(body.slice(5))] : []);

describe('the citizen\'s form bodies, read lean or by body-parser', () => {
  it('stores the same rows and answers with the same status, location and headers either way', async () => {
    const lean = await newForm();
    const a = await sized(lean.cookie, new URLSearchParams({ sid: lean.sid, overall: '4', service: 'dat-dai' }).toString());
    const long = await newForm();
    const b = await chunked(long.cookie, new URLSearchParams({ sid: long.sid, overall: '4', service: 'dat-dai' }).toString());
    expect([a.status, b.status]).toEqual([303, 303]);
    expect([a.headers.location, b.headers.location]).toEqual([`/s/${code}/thanks`, `/s/${code}/thanks`]);
    const [first, second] = [rows().slice(0, 1), rows().slice(1)];
    expect(first).toEqual(second);
    expect(first).toMatchObject([{ channel: 'poster', flagged: 0, question_id: 'overall', value: '4', local_date: '2026-04-01' }]);
    // The same headers, names and values, but the request id and the cookies' random values.
    const fixed = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !['x-request-id', 'date', 'set-cookie'].includes(k)));
    expect(fixed(a.headers)).toEqual(fixed(b.headers));
    expect(a.headers['content-security-policy']).toContain("default-src 'self'");
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const cookieNames = (h: unknown) => [h].flat().map((c) => String(c).split('=')[0]).sort();
    expect(cookieNames(a.headers['set-cookie'])).toEqual(cookieNames(b.headers['set-cookie']));
    // And the continuation it set leads to the detail steps.
    const more = [a.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]!).find((c) => c.startsWith('sipas_more='))!;
    await request(t.app).get(`/s/${code}/thanks`).set('Cookie', `${lean.cookie}; ${more}`)
      .expect(200).expect((res) => expect(res.text).toContain(`/s/${code}/step/2`));
  });

  it('shows the same translated 422 form, 404 page and error page either way, and stores nothing', async () => {
    const { agent, sid, cookie } = await newForm();
    const bad = await agent.post(`/s/${code}`).set('Cookie', 'lang=en').type('form').send({ sid }).expect(422);
    expect(bad.text).toContain('Please choose at least one rating');
    expect(bad.headers['content-security-policy']).toContain("default-src 'self'");
    const unknown = await request(t.app).post('/s/khong-co-quay').type('form').send({ sid, overall: '5' }).expect(404);
    expect(unknown.text).toContain('Không tìm thấy');
    const many = Array.from({ length: 201 }, (_, i) => `x${i}=1`).join('&');
    const tooMany = await request(t.app).post(`/s/${code}`).type('form').send(many).expect(413);
    expect(tooMany.text).toContain('Nội dung gửi lên quá lớn');
    // Odd bodies: the same answer either way.
    for (const body of [`sid=${sid}&overall[a]=5`, `sid=${sid}&overall=5&overall=4`, `sid=${sid}&overall=%E0%A4%A`, `__proto__=1&sid=${sid}`, '&&=&', '', many]) {
      const [leanWay, longWay] = [await sized(cookie, body), await chunked(cookie, body)];
      expect([body, leanWay.status]).toEqual([body, longWay.status]);
      expect(leanWay.status).toBeGreaterThanOrEqual(400);
      expect(leanWay.status).toBeLessThan(500);
    }
    expect(stored()).toEqual({ responses: 0, answers: 0, counts: 0, continuations: 0 });
  });

  it('leaves a chunked, a compressed and a Latin-1 body to body-parser, which stores them alike', async () => {
    const bodies: [Record<string, string>, Buffer[]][] = [];
    for (const kind of ['chunked', 'gzip', 'latin1'] as const) {
      const { sid, cookie } = await newForm();
      const form = Buffer.from(`sid=${sid}&overall=5`);
      if (kind === 'chunked') bodies.push([{ 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie }, [form.subarray(0, 10), form.subarray(10)]]);
      if (kind === 'gzip') {
        const gz = zlib.gzipSync(form);
        bodies.push([{ 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length), Cookie: cookie }, [gz]]);
      }
      if (kind === 'latin1') bodies.push([{ 'Content-Type': 'application/x-www-form-urlencoded; charset=ISO-8859-1', 'Content-Length': String(form.length), Cookie: cookie }, [form]]);
    }
    // Taken at least 3 s after their forms were shown: no rule flags them.
    for (const [headers, parts] of bodies) expect((await rawPost(`/s/${code}`, headers, parts)).status).toBe(303);
    expect(rows().map((r) => (r as { value: string }).value)).toEqual(['5', '5', '5']);
    expect(stored()).toMatchObject({ responses: 3, continuations: 3 });
  });

  it('serves the same on the app\'s own server, whose requests are born with the app\'s prototypes', async () => {
    const { sid, cookie } = await newForm();
    const body = Buffer.from(`sid=${sid}&overall=3`);
    const sent = await rawPost(`/s/${code}`, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length), Cookie: cookie }, [body]);
    expect([sent.status, sent.headers.location, sent.body]).toEqual([303, `/s/${code}/thanks`, '']);
    expect(sent.headers['content-security-policy']).toContain("default-src 'self'");
    expect([sent.headers['set-cookie']].flat().join()).toContain('sipas_more=');
    expect(rows()).toMatchObject([{ channel: 'poster', flagged: 0, question_id: 'overall', value: '3' }]);
    // A 422 rendered there, in Vietnamese.
    const bad = await rawPost(`/s/${code}`, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '6', Cookie: cookie }, [Buffer.from('sid=ab')]);
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Ông/Bà');
  });
});
