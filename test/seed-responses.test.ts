import request from 'supertest';
import { createTestApp, count } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { createRecountRepo } from '../server/figures/recount.repo';
import { seedDemoResponses } from '../server/seed/seed-responses';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { readNationalList } from '../server/units/national-list';

const now = () => new Date('2026-12-01T20:00:00Z'); // 2/12/2026 03:00 in Vietnam
const MERGED: Record<string, string[]> = { // ../shared/sipas-method.md: the new commune and the old units it replaced
  'xa-tay-son': ['phu-phong', 'tay-xuan', 'binh-nghi'], 'xa-binh-khe': ['tay-giang', 'tay-thuan'],
  'xa-binh-phu': ['vinh-an', 'binh-tuong', 'tay-phu'], 'xa-binh-hiep': ['binh-thuan', 'binh-tan', 'tay-an'],
  'xa-binh-an': ['tay-vinh', 'tay-binh', 'binh-hoa', 'binh-thanh'],
};

describe('the demo: Tỉnh Gia Lai and its five communes since 1/7/2025, the old units as history', () => {
  const t = createTestApp({ now, demoResponses: true });
  const { db } = t;
  const unit = (code: string) => db.prepare(`SELECT u.name, u.type, u.official_code AS officialCode, u.valid_from AS validFrom, u.valid_to AS validTo,
    u.active, s.code AS successor, u.successor_from AS successorFrom FROM units u LEFT JOIN units s ON s.id = u.successor_id WHERE u.code = ?`).get(code) as Record<string, unknown>;
  const key = apiKeyFor(db, 'tinh-gia-lai');
  const get = (q: string) => request(t.app).get(`/api/v1/figures?${q}`).set('Authorization', `Bearer ${key}`);

  test('the new units carry the national list\'s codes, names and types; each commune has counters and the service fields', () => {
    const gl = readNationalList().provinces.find((p) => p.code === '52')!;
    expect(unit('tinh-gia-lai')).toMatchObject({ name: gl.name, type: gl.type, officialCode: '52', validFrom: '2025-07-01', validTo: null, active: 1, successor: null });
    for (const code of Object.keys(MERGED)) {
      const u = unit(code);
      expect(gl.units.find((x) => x.code === u.officialCode)).toMatchObject({ name: u.name, type: u.type });
      expect(u).toMatchObject({ validFrom: '2025-07-01', validTo: null, active: 1 });
      const id = db.prepare('SELECT id FROM units WHERE code = ?').pluck().get(code);
      expect(count(db, `collection_points WHERE active = 1 AND unit_id = ${id}`)).toBeGreaterThanOrEqual(1);
      expect(count(db, `unit_services WHERE unit_id = ${id}`)).toBe(12);
    }
  });

  test('the 17 old units are switched off since 1/7/2025, each with its successor', () => {
    for (const [into, olds] of Object.entries(MERGED)) {
      for (const old of olds) expect([old, unit(old)]).toEqual([old, expect.objectContaining({ active: 0, validTo: '2025-06-30', successor: into, successorFrom: '2025-07-01' })]);
    }
    expect(unit('phu-phong')).toMatchObject({ name: 'Thị trấn Phú Phong', type: 'thi_tran', officialCode: '21808' });
    expect(unit('tay-son')).toMatchObject({ name: 'Huyện Tây Sơn', type: 'huyen', officialCode: '547', active: 0, successor: 'tinh-gia-lai' });
    expect(unit('binh-dinh')).toMatchObject({ name: 'Tỉnh Bình Định', officialCode: '52', validTo: '2025-06-30', active: 0, successor: 'tinh-gia-lai' });
    expect(count(db, 'units WHERE active = 0')).toBe(17);
  });

  test('responses from January 2025 to yesterday: before 1/7/2025 at the old units, since then at the new ones; counts consistent', () => {
    expect(count(db, 'responses')).toBeGreaterThan(3000);
    expect(db.prepare('SELECT min(local_date) AS lo, max(local_date) AS hi, min(is_demo) AS demo FROM responses').get()).toEqual({ lo: '2025-01-01', hi: '2026-12-01', demo: 1 });
    const wrongSide = `responses r JOIN units u ON u.id = r.unit_id WHERE (u.valid_to IS NOT NULL AND r.local_date > u.valid_to) OR (u.valid_from IS NOT NULL AND r.local_date < u.valid_from)`;
    expect(count(db, wrongSide)).toBe(0);
    expect(count(db, "responses WHERE local_date < '2025-07-01'")).toBeGreaterThan(1000);
    expect(createRecountRepo(db).differences()).toEqual([]);
  });

  test('Xã Tây Sơn over 2025: its own responses since July, and with merged units those of Phú Phong, Tây Xuân and Bình Nghi too', async () => {
    const n = (codes: string[], from: string, to: string) => count(db, `responses r JOIN units u ON u.id = r.unit_id WHERE u.code IN (${codes.map((c) => `'${c}'`).join(',')}) AND r.local_date BETWEEN '${from}' AND '${to}'`);
    const own = (await get('period=2025&unit=xa-tay-son')).body;
    expect(own.responses).toBe(n(['xa-tay-son'], '2025-01-01', '2025-12-31'));
    const merged = (await get('period=2025&unit=xa-tay-son&includeMerged=true')).body;
    expect(merged.responses).toBe(n(['xa-tay-son', ...MERGED['xa-tay-son']!], '2025-01-01', '2025-12-31'));
    expect((await get('period=2025-01&unit=xa-tay-son&includeMerged=true')).body.responses).toBe(n(MERGED['xa-tay-son']!, '2025-01-01', '2025-01-31'));
    // Gia Lai's 2025 with merged units: every response of the old province, its district and its communes.
    expect((await get('period=2025&includeMerged=true')).body.responses).toBe(n(['tinh-gia-lai', ...Object.keys(MERGED), 'binh-dinh', 'tay-son', ...Object.values(MERGED).flat()], '2025-01-01', '2025-12-31'));
  });

  test('official code 21808: Thị trấn Phú Phong in 2025-Q1, Xã Tây Sơn in 2025-Q3, and for 2025 a 400 asking for the short code', async () => {
    const admin = { Authorization: `Bearer ${apiKeyFor(db, 'binh-dinh')}` };
    const q1 = await request(t.app).get('/api/v1/figures?period=2025-Q1&unit=21808').set(admin);
    expect(q1.body.filters.unit).toMatchObject({ code: 'phu-phong', officialCode: '21808', name: 'Thị trấn Phú Phong', validTo: '2025-06-30' });
    expect((await get('period=2025-Q3&unit=21808')).body.filters.unit).toMatchObject({ code: 'xa-tay-son', name: 'Xã Tây Sơn', validFrom: '2025-07-01' });
    const both = await get('period=2025&unit=21808');
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('units.errors.ambiguous');
    expect(both.body.error.message).toBe('Mã đơn vị hành chính 21808 thuộc nhiều đơn vị trong kỳ này (Thị trấn Phú Phong, Xã Tây Sơn) vì mã được dùng lại sau khi sáp nhập. Vui lòng dùng mã ngắn của đơn vị: phu-phong, xa-tay-son.');
  });

  test('the rankings differ between counters; the seed runs once', async () => {
    const res = await get('period=2026&groupBy=unit');
    const sipas = (res.body.groups as { sipas: number }[]).map((g) => Math.round(g.sipas));
    expect(new Set(sipas).size).toBeGreaterThan(4);
    expect(res.body.sipas).toBeGreaterThan(60);
    const before = count(db, 'responses');
    const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
    expect(seedDemoResponses(t.core, def, now())).toBe(0);
    expect(count(db, 'responses')).toBe(before);
  });

  test('tests get no synthetic responses unless they ask', () => {
    expect(count(createTestApp().db, 'responses')).toBe(0);
  });
});
