import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { createTestApp } from './helpers/test-app';
import { createUser, login, unitId } from './helpers/staff';

// http here: supertest's agent, over plain http, would not send back a Secure cookie.
const env = { PUBLIC_URL: 'http://sipas.example.vn' };

function decodePng(buf: Buffer): { text: string; width: number } {
  const png = PNG.sync.read(buf);
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) throw new Error('no QR code found');
  return { text: code.data, width: png.width };
}

describe('QR posters', () => {
  const t = createTestApp({ env });
  let pointId: number, code: string;
  beforeAll(async () => {
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
    const p = t.db.prepare('SELECT id, code FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').get(unitId(t.db, 'xa-binh-an')) as { id: number; code: string };
    pointId = p.id;
    code = p.code;
  });

  test('the PNG is at least 1,000 px and decodes, with a real QR decoder, to exactly PUBLIC_URL/s/<code>', async () => {
    const a = await login(t.app, 'ctv');
    const res = await a.get(`/staff/points/${pointId}/qr.png`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { text, width } = decodePng(res.body as Buffer);
    expect(width).toBeGreaterThanOrEqual(1000);
    expect(text).toBe(`http://sipas.example.vn/s/${code}`);
  });

  test('the SVG download is an SVG of the same URL with a quiet zone', async () => {
    const a = await login(t.app, 'ctv');
    const res = await a.get(`/staff/points/${pointId}/qr.svg`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const svg = String(res.body ?? res.text);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    // A 4-module quiet zone: the first dark module starts 4 modules in (margin 0 would give M0 0.5).
    expect(svg).toMatch(/ d="M4 4\.5h/);
  });

  test.each(['A4', 'A5', 'A6'])('the %s poster has the QR, unit, counter, call to action and URL, sized for print', async (size) => {
    const a = await login(t.app, 'ctv');
    const res = await a.get(`/staff/points/${pointId}/poster?size=${size}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`sheet-${size}`);
    expect(res.text).toContain('Xã Bình An');
    expect(res.text).toContain('Quét mã QR để đánh giá sự phục vụ');
    expect(res.text).toContain(`http://sipas.example.vn/s/${code}`);
    expect(res.text).toMatch(/<img class="p-qr" src="data:image\/svg\+xml;base64,/);
    expect(res.text).toContain('/public/staff.css');
    expect(res.text).not.toContain('/public/style.css');
  });

  test('a unit prints all its active points, one sheet each, and a deactivated one is left out', async () => {
    const a = await login(t.app, 'ctv');
    const u = unitId(t.db, 'xa-binh-an');
    t.db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES ('extra-point-1', ?, 'Quầy 2')").run(u);
    t.db.prepare("INSERT INTO collection_points (code, unit_id, label, active) VALUES ('gone-point-1', ?, 'Quầy cũ', 0)").run(u);
    const res = await a.get(`/staff/units/${u}/posters?size=A5`);
    const active = (t.db.prepare('SELECT count(*) AS n FROM collection_points WHERE unit_id = ? AND active = 1').get(u) as { n: number }).n;
    expect(res.status).toBe(200);
    expect(res.text.match(/<section lang="vi" class="sheet sheet-A5"/g)).toHaveLength(active);
    expect(res.text).toContain('Quầy 2');
    expect(res.text).not.toContain('Quầy cũ');
  });
});
