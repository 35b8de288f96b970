import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import request from 'supertest';
import { fillGzipSlot, gzipSlot } from '../server/http/gzip-slot';
import { createTestApp, sidOf, type TestApp } from './helpers/test-app';
import { buildWorld, type World } from './helpers/world';

/** Issue 14 §1: the first page is rendered once and only its submission id differs per request. */
let t: TestApp;
let w: World;
let code: string;
beforeEach(() => {
  t = createTestApp({ seed: false });
  w = buildWorld(t.core);
  code = w.pointCode('xa-a1');
});

/** The page as the browser's bytes, over a real socket: the gzip stream is decoded by zlib itself, strictly. */
async function raw(encoding: string, path = `/s/${code}`) {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve({ headers: res.headers, body: Buffer.concat(chunks) }) : reject(new Error(String(res.statusCode)))));
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}
const page = async (encoding = 'gzip, deflate') => {
  const res = await raw(encoding);
  const html = (res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body).toString();
  return { res, html, sid: sidOf(html) };
};
const withoutSid = (html: string) => html.replace(/name="sid" value="[^"]+"/, 'name="sid" value=""');

describe('the first page, kept and spliced', () => {
  it('is the same page for every request but its submission id, gzipped or not: the first one, rendered by the template, and the next, spliced', async () => {
    const a = await page(), b = await page(), plain = await page('identity');
    expect(a.res.headers['content-encoding']).toBe('gzip');
    expect(a.res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(new Set([a.sid, b.sid, plain.sid]).size).toBe(3);
    expect(withoutSid(b.html)).toBe(withoutSid(a.html));
    expect(withoutSid(plain.html)).toBe(withoutSid(a.html));
    const head = await request(t.app).head(`/s/${code}`).set('Accept-Encoding', 'gzip').expect(200);
    expect([head.headers['content-type'], head.text]).toEqual(['text/html; charset=utf-8', undefined]);
  });

  it('follows a renamed unit, counter or service and a new service field at once', async () => {
    await page();
    t.db.prepare("UPDATE units SET name = 'Xã A Mới' WHERE id = ?").run(w.unit('xa-a1'));
    t.core.repos.points.update(w.point('xa-a1'), { label: 'Quầy số 2', serviceId: null });
    t.core.repos.catalog.updateService(w.service('ho-tich'), { nameVi: 'Hộ tịch – Khai sinh', nameEn: null });
    const id = t.core.repos.catalog.insertService({ code: 'giao-duc', nameVi: 'Giáo dục', nameEn: 'Education' });
    t.core.repos.catalog.setOfferedServices(w.unit('xa-a1'), [w.service('ho-tich'), id]);
    const { html } = await page();
    expect(html).toContain('Xã A Mới — Quầy số 2');
    expect(html).toContain('<option value="ho-tich">Hộ tịch – Khai sinh</option>');
    expect(html).toContain('<option value="giao-duc">Giáo dục</option>');
    expect(html).not.toContain('Đất đai');
    expect((await page()).html).toContain('lang="vi"');
    const en = await raw('gzip', `/s/${code}?lang=en`);
    expect(zlib.gunzipSync(en.body).toString()).toContain('<option value="giao-duc">Education</option>');
  });

  it('a counter or unit stopped by any writer (here plain SQL, as a tool would) is a 404 at the next request', async () => {
    await page();
    t.db.prepare('UPDATE collection_points SET active = 0 WHERE code = ?').run(code);
    await request(t.app).get(`/s/${code}`).expect(404);
    await request(t.app).post(`/s/${code}`).type('form').send({ sid: 'abcdefghijklmnopqrstuv', overall: '5' }).expect(404);
    t.db.prepare('UPDATE collection_points SET active = 1 WHERE code = ?').run(code);
    await page();
    t.db.prepare('UPDATE units SET active = 0 WHERE id = ?').run(w.unit('xa-a1'));
    await request(t.app).get(`/s/${code}`).expect(404);
    expect(t.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  });

  it('the pages of the citizen’s hot paths are still gzipped when they are rendered: a 422 form, a 404; a 303 is bare', async () => {
    const browser = request.agent(t.app);
    const sid = sidOf((await browser.get(`/s/${code}`)).text);
    const invalid = await browser.post(`/s/${code}`).set('Accept-Encoding', 'gzip').type('form').send({ sid }).expect(422);
    expect(invalid.headers['content-encoding']).toBe('gzip');
    expect(invalid.text).toContain('Ông/Bà vui lòng chọn ít nhất một mức đánh giá');
    const missing = await request(t.app).get('/s/khongco').set('Accept-Encoding', 'gzip').expect(404);
    expect(missing.headers['content-encoding']).toBe('gzip');
    const sent = await browser.post(`/s/${code}`).set('Accept-Encoding', 'gzip').type('form').send({ sid, overall: '4' }).expect(303);
    expect([sent.headers['content-encoding'], sent.headers['content-length']]).toEqual([undefined, '0']);
    expect((await browser.get(`/s/${code}/thanks`).set('Accept-Encoding', 'gzip').expect(200)).headers['content-encoding']).toBe('gzip');
  });

  it('keeps its inline stylesheet allowed by the hash in its Content-Security-Policy', async () => {
    const { res, html } = await page();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = crypto.createHash('sha256').update(css).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
  });
});

describe('a gzip stream with a slot', () => {
  it('decodes, strictly, to head + text + tail for any bytes', () => {
    for (const n of [0, 1, 100, 40_000]) {
      const head = crypto.randomBytes(n), tail = Buffer.from('">\n</form>\n</main>\n</body>\n</html>\n'), text = Buffer.from(crypto.randomBytes(30).toString('base64url'));
      const out = fillGzipSlot(gzipSlot(head, tail), text);
      expect(zlib.gunzipSync(out).equals(Buffer.concat([head, text, tail]))).toBe(true);
    }
  });
});
