import request from 'supertest';
import { createTestApp, count, sidOf } from './helpers/test-app';
import { createUser, login, unitId } from './helpers/staff';

/** A response through the citizen's real form, at a given instant. */
async function respond(app: Parameters<typeof request>[0], code: string) {
  const form = await request(app).get(`/s/${code}`);
  const res = await request(app).post(`/s/${code}`).type('form').send({ sid: sidOf(form.text), overall: '5' });
  if (res.status !== 303) throw new Error(`survey post ${res.status}`);
}

describe('managing units and points', () => {
  let at = Date.parse('2026-03-04T16:30:00Z'); // Wednesday 4/3/2026, 23:30 in Vietnam
  const t = createTestApp({ now: () => new Date(at) });
  beforeAll(async () => {
    await createUser(t.db, 'admin1', 'admin', 'tinh-gia-lai');
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
  });
  const point = () => t.db.prepare('SELECT id, code FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').get(unitId(t.db, 'xa-binh-an')) as { id: number; code: string };

  test('the counter home shows today, this week and this month in Vietnam time', async () => {
    const { code } = point();
    at = Date.parse('2026-02-28T10:00:00Z'); // last month
    await respond(t.app, code);
    at = Date.parse('2026-03-01T18:00:00Z'); // Monday 2/3 01:00 in Vietnam: this week and month
    await respond(t.app, code);
    at = Date.parse('2026-03-04T16:30:00Z'); // Wednesday 4/3 23:30 in Vietnam: today
    await respond(t.app, code);
    await respond(t.app, code);
    const a = await login(t.app, 'ctv');
    const home = await a.get('/staff');
    expect(home.status).toBe(200);
    const foot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(home.text)![1]!;
    expect([...foot.matchAll(/class="num">(\d+)</g)].map((m) => Number(m[1]))).toEqual([2, 3, 3]);
    expect(home.text).toContain('02/03/2026');
  });

  test('deactivating a point or unit deletes nothing and past responses keep their point, unit and service', async () => {
    const p = point();
    const a = await login(t.app, 'admin1');
    const responses = count(t.db, 'responses');
    expect((await a.post(`/staff/points/${p.id}/active`).type('form').send({ _csrf: a.csrf, active: '0', confirm: '1' })).status).toBe(303);
    expect((await request(t.app).get(`/s/${p.code}`)).status).toBe(404);
    const u = unitId(t.db, 'xa-binh-an');
    expect((await a.post(`/staff/units/${u}/active`).type('form').send({ _csrf: a.csrf, active: '0' })).status).toBe(303);
    expect(count(t.db, 'responses')).toBe(responses);
    expect((t.db.prepare('SELECT count(*) AS n FROM responses WHERE point_id = ? AND unit_id = ?').get(p.id, u) as { n: number }).n).toBe(4);
    expect(t.db.prepare('SELECT active FROM units WHERE id = ?').get(u)).toEqual({ active: 0 });
    await a.post(`/staff/units/${u}/active`).type('form').send({ _csrf: a.csrf, active: '1' });
    await a.post(`/staff/points/${p.id}/active`).type('form').send({ _csrf: a.csrf, active: '1' });
  });

  test('a new code retires the old QR at once; the point keeps its responses', async () => {
    const p = point();
    const a = await login(t.app, 'ctv');
    expect((await a.post(`/staff/points/${p.id}/code`).type('form').send({ _csrf: a.csrf, confirm: '1' })).status).toBe(303);
    const fresh = point();
    expect(fresh.id).toBe(p.id);
    expect(fresh.code).not.toBe(p.code);
    expect((await request(t.app).get(`/s/${p.code}`)).status).toBe(404);
    expect((await request(t.app).get(`/s/${fresh.code}`)).status).toBe(200);
  });

  test('units: create under a parent, rename, successor (never a loop), assign services', async () => {
    const a = await login(t.app, 'admin1');
    const created = await a.post('/staff/units').type('form').send({ _csrf: a.csrf, code: 'tay-moi', name: 'Xã Tây Mới', type: 'xa', parentId: String(unitId(t.db, 'tinh-gia-lai')) });
    expect(created.status).toBe(303);
    const id = unitId(t.db, 'tay-moi');
    const dup = await a.post('/staff/units').type('form').send({ _csrf: a.csrf, code: 'tay-moi', name: 'Lặp', type: 'xa', parentId: '' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Mã này đã được dùng.');
    expect((await a.post(`/staff/units/${id}`).type('form').send({ _csrf: a.csrf, name: 'Xã Tây Mới Hơn', type: 'xa' })).status).toBe(303);
    const vinh = unitId(t.db, 'xa-binh-an');
    expect((await a.post(`/staff/units/${vinh}/successor`).type('form').send({ _csrf: a.csrf, successorId: String(id) })).status).toBe(303);
    expect((await a.post(`/staff/units/${id}/successor`).type('form').send({ _csrf: a.csrf, successorId: String(vinh) })).status).toBe(422);
    expect(t.db.prepare('SELECT name, successor_id FROM units WHERE id = ?').get(id)).toEqual({ name: 'Xã Tây Mới Hơn', successor_id: null });
    const svc = t.db.prepare("SELECT id FROM services WHERE code IN ('ho-tich', 'dat-dai') ORDER BY id").all() as { id: number }[];
    expect((await a.post(`/staff/units/${id}/services`).type('form').send(`_csrf=${encodeURIComponent(a.csrf)}&serviceIds=${svc[0]!.id}&serviceIds=${svc[1]!.id}`)).status).toBe(303);
    expect(count(t.db, 'unit_services WHERE unit_id = ' + id)).toBe(2);
  });

  test('service fields and procedures: create, edit, deactivate', async () => {
    const a = await login(t.app, 'admin1');
    expect((await a.post('/staff/services').type('form').send({ _csrf: a.csrf, code: 'thue', nameVi: 'Thuế', nameEn: 'Taxes' })).status).toBe(303);
    const s = t.db.prepare("SELECT id FROM services WHERE code = 'thue'").get() as { id: number };
    expect((await a.post(`/staff/services/${s.id}/procedures`).type('form').send({ _csrf: a.csrf, code: 'kk-thue', nationalCode: '1.001', name: 'Khai thuế' })).status).toBe(303);
    const p = t.db.prepare("SELECT id FROM procedures WHERE code = 'kk-thue'").get() as { id: number };
    expect((await a.post(`/staff/procedures/${p.id}`).type('form').send({ _csrf: a.csrf, nationalCode: '1.002', name: 'Khai thuế cá nhân' })).status).toBe(303);
    expect((await a.post(`/staff/procedures/${p.id}/active`).type('form').send({ _csrf: a.csrf, active: '0' })).status).toBe(303);
    expect((await a.post(`/staff/services/${s.id}/active`).type('form').send({ _csrf: a.csrf, active: '0' })).status).toBe(303);
    expect(t.db.prepare('SELECT name, national_code, active FROM procedures WHERE id = ?').get(p.id)).toEqual({ name: 'Khai thuế cá nhân', national_code: '1.002', active: 0 });
    expect(t.db.prepare('SELECT active FROM services WHERE id = ?').get(s.id)).toEqual({ active: 0 });
  });
});
