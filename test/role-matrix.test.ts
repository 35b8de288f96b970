import request from 'supertest';
import type { Role } from '../server/auth/staff-user';
import { createTestApp } from './helpers/test-app';
import { createUser, csrfOf, login, type StaffAgent } from './helpers/staff';
import { storeResponse } from './helpers/figures-fixtures';
import { API_ROUTES, ELSEWHERE, STAFF_ROUTES, ALL, type Ctx, type MatrixRoute } from './helpers/role-routes';
import { routesOf } from './helpers/routes';
import { buildWorld, worldStaff } from './helpers/world';

/**
 * Every staff and API route × each role × own unit / other unit → allowed, or 403 and nothing
 * changed; and without a session, the login page (or 401 for the API). Built on a world of its
 * own (test/helpers/world.ts), not on the demo data.
 */
const t = createTestApp({ seed: false });
const db = t.db;
const world = buildWorld(t.core);
const MATRIX = [...STAFF_ROUTES, ...API_ROUTES];
// Every table a staff or API route may change (an API key's last use aside: reading is allowed to note it).
const TABLES = ['units', 'collection_points', 'services', 'procedures', 'unit_services', 'users', 'invitations', 'comment_moderation', 'report_settings', 'audit_log'];
const snapshot = () => JSON.stringify([...TABLES.map((tb) => db.prepare(`SELECT * FROM ${tb} ORDER BY 1`).all()),
  db.prepare('SELECT id, key_hash, unit_id, revoked_at FROM api_keys ORDER BY 1').all()]);

let seq = 0;
const agents = new Map<Role, StaffAgent>();
const places = new Map<string, Omit<Ctx, 'seq' | 'apiKey'>>();

beforeAll(async () => {
  await worldStaff(db);
  const account = await createUser(db, 'w-dummy', 'counter', 'xa-a2');
  const procedure = t.core.repos.catalog.insertProcedure(world.service('ho-tich'), { code: 'tt-khai-sinh', nationalCode: null, name: 'Đăng ký khai sinh' });
  const admin = t.wired.policy.ofUser({ id: 0, username: 'x', role: 'admin', unitId: world.unit('tinh-thu') });
  for (const code of ['xa-a1', 'xa-a2', 'xa-b1']) {
    const response = storeResponse(db, { unit: code, date: '2025-02-10', answers: { overall: '4' }, texts: { comment: `Ý kiến ở ${code}` } })!;
    const invitation = t.wired.invitations.create(admin, { unitCode: code, serviceCode: 'ho-tich', createdBy: 'user:0' }).id;
    places.set(code, { unit: world.unit(code), unitCode: code, point: world.point(code), service: world.service('ho-tich'), procedure, account, response, invitation });
  }
  for (const r of ALL) agents.set(r, await login(t.app, `w-${r}`));
});

const ctxAt = (code: string): Ctx => ({ ...places.get(code)!, seq: ++seq, apiKey: t.core.apiKeys.create({ unitCode: 'tinh-thu', label: `k${seq}` }).id });
const send = (agent: ReturnType<typeof request.agent>, route: MatrixRoute, ctx: Ctx, csrf: string) =>
  route.route.startsWith('GET') ? agent.get(route.path(ctx)) : agent.post(route.path(ctx)).type('form').send({ ...route.body!(ctx), _csrf: csrf });
const cases = MATRIX.flatMap((route) => ALL.flatMap((role) => (['own', 'other'] as const).map((where) => ({ route, role, where }))));

// The lists first: the matrix below renames units and counters.
test('lists show only units in scope: oversight sees its subtree, counter staff only its own counters', async () => {
  const ov = await agents.get('oversight')!.get('/staff/units');
  expect(ov.text).toContain('Xã A Hai');
  expect(ov.text).not.toContain('Xã B Một');
  expect(ov.text).not.toContain('Tỉnh Thử');
  expect((await agents.get('admin')!.get('/staff/units')).text).toContain('Xã B Một');
  const home = await agents.get('counter')!.get('/staff');
  expect(home.text).toContain('Xã A Một');
  expect(home.text).not.toContain('Xã A Hai');
});

test('oversight cannot import units outside its subtree nor services', async () => {
  const a = agents.get('oversight')!;
  const before = snapshot();
  const units = await a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'units', action: 'apply', content: 'code,name,type,parent_code\nxa-la,Xã Lạ,xa,huyen-b\n' });
  expect(units.status).toBe(422);
  expect(units.text).toContain('Không có quyền thêm đơn vị dưới “huyen-b”');
  const services = await a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'services', action: 'apply', content: 'code,name_vi\nx-y,Thử\n' });
  expect(services.status).toBe(403);
  expect(snapshot()).toBe(before);
});

test.each(cases.map((c) => [`${c.route.route} as ${c.role}, ${c.where} unit`, c] as const))('%s', async (_name, { route, role, where }) => {
  // Own: the counter's commune. Other: outside huyen-a for oversight, the neighbour commune for counter staff.
  const ctx = ctxAt(where === 'own' ? 'xa-a1' : role === 'counter' ? 'xa-a2' : 'xa-b1');
  const allowed = route.roles.includes(role) && (!route.scoped || where === 'own' || role === 'admin');
  const agent = agents.get(role)!;
  const before = snapshot();
  const res = await send(agent, route, ctx, agent.csrf);
  if (allowed) {
    expect(route.route.startsWith('GET') ? [200] : [200, 201, 303]).toContain(res.status);
  } else {
    expect(res.status).toBe(403);
    expect(snapshot()).toBe(before);
  }
});

test.each(MATRIX.map((r) => [r.route, r] as const))('without a session, %s leads to the login page (401 for the API) and changes nothing', async (_n, route) => {
  const ctx = ctxAt('xa-a1');
  const before = snapshot();
  const agent = request.agent(t.app);
  const res = await send(agent, route, ctx, csrfOf((await agent.get('/staff/login')).text));
  if (route.route.includes(' /api/')) expect(res.status).toBe(401);
  else {
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/staff\/login/);
  }
  expect(snapshot()).toBe(before);
});

test('the matrix lists every staff and API route of the route table, and no route that is gone', () => {
  const table = routesOf(t.app).filter((r) => / \/(staff|api)\b/.test(r));
  const listed = new Set([...MATRIX.map((r) => r.route), ...Object.keys(ELSEWHERE)]);
  expect(table.filter((r) => !listed.has(r))).toEqual([]);
  expect([...listed].filter((r) => !table.includes(r))).toEqual([]);
});

test('an API key reads and invites for the units of its own subtree only, and a session cannot create invitations', async () => {
  const key = t.core.apiKeys.create({ unitCode: 'huyen-a', label: 'Một cửa huyện A' }).key;
  const auth = { Authorization: `Bearer ${key}` };
  expect((await request(t.app).get('/api/v1/figures?period=2025&unit=xa-a1').set(auth)).status).toBe(200);
  expect((await request(t.app).get('/api/v1/figures?period=2025&unit=xa-b1').set(auth)).status).toBe(403);
  const before = snapshot();
  expect((await request(t.app).post('/api/v1/invitations').set(auth).send({ unit: 'xa-b1', service: 'ho-tich' })).status).toBe(403);
  expect(snapshot()).toBe(before);
  expect((await request(t.app).post('/api/v1/invitations').set(auth).send({ unit: 'xa-a1', service: 'ho-tich' })).status).toBe(201);
  const admin = agents.get('admin')!;
  expect((await admin.post('/api/v1/invitations').send({ unit: 'xa-a1', service: 'ho-tich' })).status).toBe(401);
});
