import { createTestApp } from './helpers/test-app';
import { createUser, login, unitId, type StaffAgent } from './helpers/staff';
import { storeResponse } from './helpers/figures-fixtures';
import type { Role } from '../server/auth/staff-user';

/**
 * The dashboard's routes × each role: no one sees another unit's figures or comments, not
 * through unit=, not through the hide/un-hide POSTs; API keys are for the admin only.
 */
const t = createTestApp({ now: () => new Date('2025-05-10T03:00:00Z') });
const db = t.db;
const agents = new Map<Role, StaffAgent>();
let ids: Record<'own' | 'sibling' | 'foreign', number> = { own: 0, sibling: 0, foreign: 0 };
const count = () => (db.prepare('SELECT count(*) AS n FROM comment_moderation').get() as { n: number }).n;

beforeAll(async () => {
  const anNhon = Number(db.prepare("INSERT INTO units (code, name, type, parent_id) VALUES ('an-nhon', 'Thị xã An Nhơn', 'huyen', ?)").run(unitId(db, 'binh-dinh')).lastInsertRowid);
  db.prepare("INSERT INTO units (code, name, type, parent_id) VALUES ('nhon-hung', 'Phường Nhơn Hưng', 'phuong', ?)").run(anNhon);
  const store = (unit: string, comment: string) => storeResponse(db, { unit, date: '2025-02-01', answers: { overall: '4', c15: '4' }, texts: { comment } })!;
  ids = { own: store('tay-vinh', 'Ý kiến Tây Vinh'), sibling: store('binh-hoa', 'Ý kiến Bình Hòa'), foreign: store('nhon-hung', 'Ý kiến Nhơn Hưng') };
  await createUser(db, 's-admin', 'admin', 'binh-dinh');
  await createUser(db, 's-oversight', 'oversight', 'tay-son');
  await createUser(db, 's-counter', 'counter', 'tay-vinh');
  for (const r of ['admin', 'oversight', 'counter'] as Role[]) agents.set(r, await login(t.app, `s-${r}`));
});

const q = 'period=2025-Q1';
test.each([
  ['counter', '', ['Tây Vinh'], ['Bình Hòa', 'Nhơn Hưng']],
  ['oversight', '', ['Tây Vinh', 'Bình Hòa'], ['Nhơn Hưng']],
  ['admin', '&unit=binh-dinh', ['Tây Vinh', 'Bình Hòa', 'Nhơn Hưng'], []],
] as const)('%s sees the figures and comments of its own units only', async (role, extra, seen, unseen) => {
  const agent = agents.get(role)!;
  for (const path of ['/staff/dashboard', '/staff/comments']) {
    const res = await agent.get(`${path}?${q}${extra}`);
    expect(res.status).toBe(200);
    const rows = [...res.text.matchAll(/<th scope="row">(?:Xã|Phường) ([^<]+)</g)].map((m) => m[1]);
    const comments = [...res.text.matchAll(/Ý kiến ([^<]+)</g)].map((m) => m[1]);
    for (const name of seen) expect(path === '/staff/dashboard' ? [...rows, ...comments] : comments).toContain(name);
    for (const name of unseen) expect(res.text).not.toContain(name);
  }
});

test.each([
  ['counter', 'binh-hoa', 403], ['counter', 'tay-son', 403], ['counter', 'nhon-hung', 403], ['counter', 'tay-vinh', 200],
  ['oversight', 'nhon-hung', 403], ['oversight', 'binh-dinh', 403], ['oversight', 'binh-hoa', 200],
  ['admin', 'nhon-hung', 200],
] as const)('%s asking for unit=%s gets %s on the dashboard and the comments', async (role, unit, status) => {
  for (const path of ['/staff/dashboard', '/staff/comments']) expect((await agents.get(role)!.get(`${path}?${q}&unit=${unit}`)).status).toBe(status);
});

test.each([
  ['counter', 'sibling', 'hide', 403], ['counter', 'foreign', 'hide', 403], ['oversight', 'foreign', 'hide', 403],
  ['counter', 'own', 'unhide', 403], ['counter', 'own', 'hide', 303], ['oversight', 'sibling', 'hide', 303], ['admin', 'foreign', 'hide', 303],
] as const)('%s: POST %s comment %s → %s; a refusal writes nothing', async (role, where, action, status) => {
  const agent = agents.get(role)!;
  const before = count();
  const res = await agent.post(`/staff/comments/${ids[where]}/${action}`).type('form').send({ _csrf: agent.csrf });
  expect(res.status).toBe(status);
  expect(count()).toBe(status === 303 && action === 'hide' ? before + 1 : before);
});

test('only admin and oversight may show hidden comments', async () => {
  expect((await agents.get('counter')!.get(`/staff/comments?${q}&showHidden=true`)).status).toBe(403);
  expect((await agents.get('oversight')!.get(`/staff/comments?${q}&showHidden=true`)).status).toBe(200);
});

test.each(['oversight', 'counter'] as const)('API keys are refused to %s', async (role) => {
  const agent = agents.get(role)!;
  expect((await agent.get('/staff/api-keys')).status).toBe(403);
  expect((await agent.post('/staff/api-keys').type('form').send({ _csrf: agent.csrf, unit: 'tay-son', label: 'x' })).status).toBe(403);
  expect((await agent.post('/staff/api-keys/1/revoke').type('form').send({ _csrf: agent.csrf })).status).toBe(403);
  expect((db.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n).toBe(0);
});

test('without a session the new pages redirect to the login page', async () => {
  const { default: request } = await import('supertest');
  for (const path of ['/staff/dashboard', '/staff/comments', '/staff/api-keys']) {
    const res = await request(t.app).get(path);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/staff\/login/);
  }
});
