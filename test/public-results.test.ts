import request from 'supertest';
import { formatters } from '../server/dashboard/dashboard.format';
import { login } from './helpers/staff';
import { apiKeyFor } from './helpers/figures-fixtures';
import { NOW, reportFixture } from './helpers/report-fixtures';

const f = formatters('vi');
const unitId = (db: import('../server/db/open-database').Db, code: string) => (db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number }).id;

async function optIn(code = 't-tinh') {
  const t = await reportFixture();
  const agent = await login(t.app, 'r-oversight');
  const id = unitId(t.db, code);
  const saved = await agent.post(`/staff/units/${id}/report-settings`).type('form').send({ _csrf: agent.csrf, agencyName: 'UBND Tỉnh Thử', publicResults: '1' });
  expect(saved.status).toBe(303);
  return { ...t, agent, id, key: apiKeyFor(t.db, code) };
}

const asShown = (v: number | null) => (v === null ? 'chưa có câu trả lời' : `${f.pct(v)}%`);
const api = async (app: import('express').Express, key: string, period: string) =>
  (await request(app).get(`/api/v1/figures?period=${period}&groupBy=unit`).set('Authorization', `Bearer ${key}`).expect(200)).body;

describe('public results page', () => {
  test('a unit that has not opted in answers 404, with no cookie', async () => {
    const { app } = await reportFixture();
    for (const path of ['/ket-qua/t-tinh', '/ket-qua/t-tinh?lang=en', '/ket-qua/nowhere', '/ket-qua/%3Cscript%3E']) {
      const res = await request(app).get(path);
      expect([path, res.status, res.headers['set-cookie']]).toEqual([path, 404, undefined]);
    }
  });

  test('equals the API for the same unit and period: the last closed quarter and year, each with n and the few-answers mark', async () => {
    const { app, key } = await optIn();
    const res = await request(app).get('/ket-qua/t-tinh').expect(200);
    for (const [kind, period] of [['quarter', '2026-Q1'], ['year', '2025']] as const) {
      const a = await api(app, key, period);
      expect(res.text).toContain(`id="${kind}-sipas">${f.pct(a.sipas)}%<`);
      expect(res.text).toContain(`id="${kind}-overall">${f.pct(a.overall.rate)}%<`);
      const elements = res.text.slice(res.text.indexOf(`id="${kind}-elements"`), res.text.indexOf('</ul>', res.text.indexOf(`id="${kind}-elements"`)));
      const shown = [...elements.matchAll(/<strong>([^<]+)<\/strong> <span class="n">\(n = (\d+)/g)].map((m) => [m[1], Number(m[2])]);
      expect(shown).toEqual(a.elements.map((e: { index: number | null; n: number }) => [asShown(e.index), e.n]));
      const list = (id: string) => {
        const at = res.text.indexOf(`id="${kind}-${id}"`);
        if (at < 0) return [];
        return [...res.text.slice(at, res.text.indexOf('</', res.text.indexOf(id === 'ranked' ? '</ol>' : '</ul>', at) - 1)).matchAll(/<li(?: value="(\d+)")?>([^<]+): <strong>([^<]+)<\/strong> <span class="n">\(n = (\d+)[^)]*\)([^<]*)</g)]
          .map((m) => ({ rank: m[1] ? Number(m[1]) : null, label: m[2]!, sipas: m[3]!, n: Number(m[4]), mark: m[5]!.trim() }));
      };
      const ranked = list('ranked'), unranked = list('unranked');
      const shownUnits = [...ranked, ...unranked];
      expect(shownUnits.length).toBeGreaterThanOrEqual(3);
      const keyOf = (x: { sipas: string; n: number }) => `${x.sipas} ${x.n}`;
      expect(shownUnits.map(keyOf).sort()).toEqual((a.groups as { sipas: number | null; responses: number }[]).map((g) => keyOf({ sipas: asShown(g.sipas), n: g.responses })).sort());
      // Below the threshold (4 responses): listed, flagged, not ranked; ranks 1, 2, … by SIPAS above it.
      for (const u of unranked) expect([u.label, u.rank, u.n < 4, u.mark]).toEqual([u.label, null, true, '⚠ dưới 4 phiếu']);
      expect(ranked.map((u) => u.rank)).toEqual(ranked.map((_, i) => i + 1));
      expect(ranked.every((u) => u.n >= 4)).toBe(true);
    }
    expect(res.text).toContain('Quý I/2026: 01/01/2026 – 31/03/2026');
    expect(res.text).toContain('Năm 2025: 01/01/2025 – 31/12/2025');
    expect(res.text).toContain('<li value="2">Bộ phận Một cửa — Tỉnh Thử Nghiệm: <strong>70,0%</strong>');
    expect(res.text).toMatch(/id="quarter-unranked"><li>Xã Cát Tiên: <strong>0,0%<\/strong>/);
  });

  test('no free text, no flagged responses, no script, no cookie; cached until the next quarter; embeddable', async () => {
    const { app, key } = await optIn();
    const res = await request(app).get('/ket-qua/t-tinh?lang=en').set('Cookie', 'lang=vi').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('Satisfaction results: Tỉnh Thử Nghiệm');
    expect(res.text).not.toMatch(/<script|Góp ý riêng tư/);
    const flagged = (await request(app).get('/api/v1/figures?period=2026-Q1&includeFlagged=true').set('Authorization', `Bearer ${key}`)).body;
    const counted = await api(app, key, '2026-Q1');
    expect(flagged.responses).toBe(counted.responses + 1);
    expect(res.text).toContain(`(n = ${counted.responses} responses)`);
    // Until 01/07/2026 00:00 in Vietnam = 30/06/2026 17:00 UTC.
    expect(res.headers['cache-control']).toBe(`public, max-age=${(Date.parse('2026-06-30T17:00:00Z') - NOW.getTime()) / 1000}`);
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.headers['x-frame-options']).toBeUndefined();
    // Every other page still refuses framing.
    const login = await request(app).get('/staff/login');
    expect(login.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(Buffer.byteLength(res.text)).toBeLessThan(12_000);
  });

  test('posters of a unit that publishes carry a short line and the link; others do not', async () => {
    const { db, agent } = await optIn('t-an');
    const point = (code: string) => Number(db.prepare('INSERT INTO collection_points (code, unit_id, label) VALUES (?, ?, ?)').run(`pt-${code}-0001`, unitId(db, code), 'Quầy 1').lastInsertRowid);
    const poster = (await agent.get(`/staff/points/${point('t-an')}/poster`).expect(200)).text;
    expect(poster).toContain('Xem kết quả đánh giá của đơn vị: <span class="p-url">http://localhost:3000/ket-qua/t-an</span>');
    expect((await agent.get(`/staff/points/${point('t-minh')}/poster`).expect(200)).text).not.toContain('/ket-qua/');
  });
});
