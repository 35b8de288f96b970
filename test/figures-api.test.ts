import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { apiKeyFor, storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

/** The worked example spread over two communes of Huyện A (test/helpers/world.ts) and two service fields, plus noise outside the selection. */
function fixture() {
  const t = createTestApp({ seed: false });
  const { db } = t;
  buildWorld(t.core);
  // Xã A Một, Hộ tịch: c15 answered 5,5,4,3,2; c16 answered 4,4 and skipped three times (na).
  const c15 = ['5', '5', '4', '3', '2'];
  const c16 = ['4', 'na', '4', 'na', 'na'];
  c15.forEach((v, i) => storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-31', answers: { overall: i < 4 ? '5' : '2', c15: v, c16: c16[i]!, p_info: i < 2 ? 'rat_nhieu' : 'it' } }));
  // Xã A Hai, Đất đai: overall only (counts toward the overall rate, nowhere else).
  storeResponse(db, { unit: 'xa-a2', service: 'dat-dai', date: '2025-01-01', answers: { overall: '4' } });
  // Outside the period (1 April is Q2) and a flagged response: both left out.
  storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-04-01', answers: { c15: '1' } });
  storeResponse(db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-01', answers: { c15: '1' }, flagged: true });
  return t;
}

describe('GET /api/v1/figures', () => {
  test('the whole selection and groups by unit, with the formula of sipas-method.md', async () => {
    const { app, db } = fixture();
    const key = apiKeyFor(db, 'huyen-a');
    const res = await request(app).get('/api/v1/figures?from=2025-01-01&to=2025-03-31&unit=huyen-a&groupBy=unit').set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ from: '2025-01-01', to: '2025-03-31' });
    expect(res.body.responses).toBe(6);
    // Element I = (60 + 100) / 2 = 80; no other element has answers, so SIPAS = 80.
    expect(res.body.sipas).toBe(80);
    expect(res.body.elements[0]).toMatchObject({ id: 'e1', index: 80, n: 7 });
    expect(res.body.elements[1]).toMatchObject({ id: 'e2', index: null, n: 0 });
    expect(res.body.criteria[0]).toMatchObject({ id: 'c15', index: 60, n: 5, mean: 3.8, counts: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 2 } });
    expect(res.body.criteria[0].ci95[0]).toBeCloseTo(23.07, 1);
    // Overall: 5,5,5,5,2 at Xã A Một and 4 at Xã A Hai = 5 of 6.
    expect(res.body.overall.n).toBe(6);
    expect(res.body.overall.rate).toBeCloseTo((100 * 5) / 6, 10);
    expect(res.body.priorities.find((p: { id: string }) => p.id === 'p_info')).toMatchObject({ index: 40, n: 5, rank: 1 });
    expect(res.body.fewAnswers).toBe(true);
    const groups = res.body.groups as { unit: { code: string }; sipas: number | null; responses: number }[];
    expect(groups.map((g) => [g.unit.code, g.sipas, g.responses])).toEqual([['xa-a1', 80, 5], ['xa-a2', null, 1]]);
  });

  test('groups by unit and service, a service filter, and flagged responses on request', async () => {
    const { app, db } = fixture();
    const auth = { Authorization: `Bearer ${apiKeyFor(db, 'tinh-thu')}` };
    const both = await request(app).get('/api/v1/figures?period=2025-Q1&groupBy=unit,service').set(auth);
    expect(both.body.groups.map((g: { unit: { code: string }; service: { code: string } }) => `${g.unit.code}/${g.service.code}`)).toEqual(['xa-a1/ho-tich', 'xa-a2/dat-dai']);
    expect(both.body.groups[0].service.name).toBe('Hộ tịch');
    const one = await request(app).get('/api/v1/figures?period=2025-Q1&service=dat-dai').set(auth);
    expect(one.body).toMatchObject({ responses: 1, sipas: null, overall: { rate: 100, n: 1 }, groups: [] });
    const flagged = await request(app).get('/api/v1/figures?period=2025-Q1&includeFlagged=true').set(auth);
    expect(flagged.body.responses).toBe(7);
    expect(flagged.body.criteria[0].n).toBe(6);
  });

  test('401 without a key or with a revoked one, 403 outside the key\'s subtree, 400 for a bad parameter', async () => {
    const { app, db } = fixture();
    const key = apiKeyFor(db, 'xa-a1');
    const q = '/api/v1/figures?period=2025-Q1';
    const none = await request(app).get(q);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'figures.errors.no_key' });
    expect((await request(app).get(q).set('Authorization', 'Bearer sipas_nope')).status).toBe(401);
    const foreign = await request(app).get(`${q}&unit=xa-a2`).set('Authorization', `Bearer ${key}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('figures.errors.out_of_scope');
    for (const bad of ['from=2025-02-30&to=2025-03-01', 'period=2025-Q9', 'period=2025&groupBy=day', 'period=2025&unit=nowhere', 'period=2025&x=1']) {
      const r = await request(app).get(`/api/v1/figures?${bad}`).set('Authorization', `Bearer ${key}`);
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.body.error.message).toBeTruthy();
    }
    // Without unit=, a key sees its own subtree: Xã A Một only.
    const own = await request(app).get(q).set('Authorization', `Bearer ${key}`);
    expect(own.body.responses).toBe(5);
    expect(own.body.filters.unit).toEqual({ code: 'xa-a1', officialCode: null, name: 'Xã A Một', validFrom: null, validTo: null });
  });
});
