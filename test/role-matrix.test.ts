import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { createUser, login, unitId, type StaffAgent } from './helpers/staff';
import type { Role } from '../server/auth/staff-user';

/**
 * Every staff route × each role × own unit / other unit → allowed, or 403; and a redirect to
 * the login page without a session. A refused POST changes nothing.
 */
const t = createTestApp();
const db = t.db;
type Ctx = { unit: number; point: number; service: number; seq: number };
type Route = { method: 'GET' | 'POST'; path: (c: Ctx) => string; roles: Role[]; scoped: boolean; body?: (c: Ctx) => Record<string, string> };

const ALL: Role[] = ['admin', 'oversight', 'counter'];
const MANAGERS: Role[] = ['admin', 'oversight'];
const ROUTES: Route[] = [
  { method: 'GET', path: () => '/staff', roles: ALL, scoped: false },
  { method: 'GET', path: () => '/staff/password', roles: ALL, scoped: false },
  { method: 'GET', path: () => '/staff/units', roles: MANAGERS, scoped: false },
  { method: 'GET', path: (c) => `/staff/units/${c.unit}`, roles: MANAGERS, scoped: true },
  { method: 'GET', path: (c) => `/staff/units/${c.unit}/posters?size=A5`, roles: ALL, scoped: true },
  { method: 'GET', path: (c) => `/staff/points/${c.point}`, roles: ALL, scoped: true },
  { method: 'GET', path: (c) => `/staff/points/${c.point}/poster?size=A4`, roles: ALL, scoped: true },
  { method: 'GET', path: (c) => `/staff/points/${c.point}/qr.svg`, roles: ALL, scoped: true },
  { method: 'GET', path: (c) => `/staff/points/${c.point}/qr.png`, roles: ALL, scoped: true },
  { method: 'GET', path: () => '/staff/services', roles: MANAGERS, scoped: false },
  { method: 'GET', path: (c) => `/staff/services/${c.service}`, roles: MANAGERS, scoped: false },
  { method: 'GET', path: () => '/staff/users', roles: ['admin'], scoped: false },
  { method: 'GET', path: () => '/staff/audit', roles: ['admin'], scoped: false },
  { method: 'GET', path: () => '/staff/import', roles: MANAGERS, scoped: false },
  { method: 'POST', path: () => '/staff/units', roles: MANAGERS, scoped: true, body: (c) => ({ code: `m-${c.seq}`, name: `Xã thử ${c.seq}`, type: 'xa', parentId: String(c.unit) }) },
  { method: 'POST', path: (c) => `/staff/units/${c.unit}`, roles: MANAGERS, scoped: true, body: () => ({ name: 'Xã Tây Vinh', type: 'xa' }) },
  { method: 'POST', path: (c) => `/staff/units/${c.unit}/services`, roles: MANAGERS, scoped: true, body: (c) => ({ serviceIds: String(c.service) }) },
  { method: 'POST', path: (c) => `/staff/units/${c.unit}/successor`, roles: MANAGERS, scoped: true, body: () => ({ successorId: '' }) },
  { method: 'POST', path: (c) => `/staff/units/${c.unit}/points`, roles: ALL, scoped: true, body: (c) => ({ label: `Quầy ${c.seq}`, serviceId: '' }) },
  { method: 'POST', path: (c) => `/staff/points/${c.point}`, roles: ALL, scoped: true, body: () => ({ label: 'Quầy một cửa', serviceId: '' }) },
  { method: 'POST', path: (c) => `/staff/points/${c.point}/active`, roles: ALL, scoped: true, body: () => ({ active: '1' }) },
  { method: 'POST', path: (c) => `/staff/points/${c.point}/code`, roles: ALL, scoped: true, body: () => ({}) },
  { method: 'POST', path: () => '/staff/services', roles: ['admin'], scoped: false, body: (c) => ({ code: `dv-${c.seq}`, nameVi: 'Lĩnh vực thử' }) },
  { method: 'POST', path: (c) => `/staff/services/${c.service}`, roles: ['admin'], scoped: false, body: () => ({ nameVi: 'Hộ tịch', nameEn: 'Civil status' }) },
  { method: 'POST', path: (c) => `/staff/services/${c.service}/procedures`, roles: ['admin'], scoped: false, body: (c) => ({ code: `tt-${c.seq}`, name: 'Đăng ký khai sinh' }) },
  { method: 'POST', path: () => '/staff/users', roles: ['admin'], scoped: false, body: (c) => ({ username: `user${c.seq}`, role: 'counter', unitId: String(c.unit), password: 'temporary password', confirm: 'temporary password' }) },
  { method: 'POST', path: () => '/staff/import', roles: MANAGERS, scoped: false, body: () => ({ kind: 'units', action: 'preview', content: 'code,name,type,parent_code\nxa-thu,Xã Thử,xa,tay-vinh\n' }) },
];

const snapshot = () => JSON.stringify(['units', 'collection_points', 'services', 'procedures', 'unit_services', 'users'].map((tb) => db.prepare(`SELECT * FROM ${tb} ORDER BY 1`).all()));

let seq = 0;
const agents = new Map<Role, StaffAgent>();
const places: Record<'own' | 'other' | 'other-counter', { unit: number; point: number }> = {} as never;

beforeAll(async () => {
  const binhDinh = unitId(db, 'binh-dinh');
  const anNhon = Number(db.prepare("INSERT INTO units (code, name, type, parent_id) VALUES ('an-nhon', 'Thị xã An Nhơn', 'huyen', ?)").run(binhDinh).lastInsertRowid);
  const nhonHung = Number(db.prepare("INSERT INTO units (code, name, type, parent_id) VALUES ('nhon-hung', 'Phường Nhơn Hưng', 'phuong', ?)").run(anNhon).lastInsertRowid);
  db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES ('nhon-hung-1', ?, 'Quầy Nhơn Hưng')").run(nhonHung);
  const pointOf = (u: number) => (db.prepare('SELECT id FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').get(u) as { id: number }).id;
  const at = (code: string) => ({ unit: unitId(db, code), point: pointOf(unitId(db, code)) });
  Object.assign(places, { own: at('tay-vinh'), other: at('nhon-hung'), 'other-counter': at('binh-hoa') });
  await createUser(db, 'm-admin', 'admin', 'binh-dinh');
  await createUser(db, 'm-oversight', 'oversight', 'tay-son');
  await createUser(db, 'm-counter', 'counter', 'tay-vinh');
  for (const r of ALL) agents.set(r, await login(t.app, `m-${r}`));
});

const service = () => (db.prepare("SELECT id FROM services WHERE code = 'ho-tich'").get() as { id: number }).id;
const cases = ROUTES.flatMap((route) => ALL.flatMap((role) => (['own', 'other'] as const).map((where) => ({ route, role, where }))));

test.each(cases.map((c) => [`${c.route.method} ${c.route.path({ unit: 0, point: 0, service: 0, seq: 0 }).replace(/\/0\b/g, '/:id')} as ${c.role}, ${c.where} unit`, c] as const))('%s', async (_name, { route, role, where }) => {
  const place = where === 'own' ? places.own : role === 'counter' ? places['other-counter'] : places.other;
  const ctx = { ...place, service: service(), seq: ++seq };
  const allowed = route.roles.includes(role) && (!route.scoped || where === 'own' || role === 'admin');
  const agent = agents.get(role)!;
  const before = snapshot();
  const res = route.method === 'GET'
    ? await agent.get(route.path(ctx))
    : await agent.post(route.path(ctx)).type('form').send({ ...route.body!(ctx), _csrf: agent.csrf });
  if (allowed) {
    expect(route.method === 'GET' ? [200] : [200, 303]).toContain(res.status);
  } else {
    expect(res.status).toBe(403);
    expect(snapshot()).toBe(before);
  }
});

test.each(ROUTES.map((r) => [`${r.method} ${r.path({ unit: 1, point: 1, service: 1, seq: 0 })}`, r] as const))('without a session, %s leads to the login page and changes nothing', async (_n, route) => {
  const ctx = { ...places.own, service: service(), seq: ++seq };
  const before = snapshot();
  const agent = request.agent(t.app);
  const page = await agent.get('/staff/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const res = route.method === 'GET' ? await agent.get(route.path(ctx)) : await agent.post(route.path(ctx)).type('form').send({ ...route.body!(ctx), _csrf: csrf });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/staff\/login/);
  expect(snapshot()).toBe(before);
});

test('lists show only units in scope: oversight sees its subtree, counter staff only its own points', async () => {
  const ov = await agents.get('oversight')!.get('/staff/units');
  expect(ov.text).toContain('Xã Tây Vinh');
  expect(ov.text).not.toContain('An Nhơn');
  expect(ov.text).not.toContain('Tỉnh Bình Định');
  const admin = await agents.get('admin')!.get('/staff/units');
  expect(admin.text).toContain('An Nhơn');
  const home = await agents.get('counter')!.get('/staff');
  expect(home.text).toContain('Xã Tây Vinh');
  expect(home.text).not.toContain('Xã Bình Hòa');
});

test('oversight cannot import units outside its subtree nor services', async () => {
  const a = agents.get('oversight')!;
  const before = snapshot();
  const units = await a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'units', action: 'apply', content: 'code,name,type,parent_code\nxa-la,Xã Lạ,xa,an-nhon\n' });
  expect(units.status).toBe(422);
  expect(units.text).toContain('Không có quyền thêm đơn vị dưới “an-nhon”');
  const services = await a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'services', action: 'apply', content: 'code,name_vi\nx-y,Thử\n' });
  expect(services.status).toBe(403);
  expect(snapshot()).toBe(before);
});
