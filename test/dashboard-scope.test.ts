import { createTestApp } from './helpers/test-app';
import { createUser, login, type StaffAgent } from './helpers/staff';
import { storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';
import type { Role } from '../server/auth/staff-user';

/**
 * The dashboard's routes × each role: no one sees another unit's figures or comments, not
 * through unit=, not through the hide/un-hide POSTs; API keys are for the admin only.
 */
const t = createTestApp({ seed: false, now: () => new Date('2025-05-10T03:00:00Z') });
buildWorld(t.core); // tinh-thu → huyen-a (xa-a1, xa-a2), huyen-b (xa-b1): test/helpers/world.ts
const db = t.db;
const agents = new Map<Role, StaffAgent>();
let ids: Record<'own' | 'sibling' | 'foreign', number> = { own: 0, sibling: 0, foreign: 0 };
const count = () => (db.prepare('SELECT count(*) AS n FROM comment_moderation').get() as { n: number }).n;

beforeAll(async () => {
  const store = (unit: string, comment: string) => storeResponse(db, { unit, date: '2025-02-01', answers: { overall: '4', c15: '4' }, texts: { comment } })!;
  ids = { own: store('xa-a1', 'Ý kiến A Một'), sibling: store('xa-a2', 'Ý kiến A Hai'), foreign: store('xa-b1', 'Ý kiến B Một') };
  await createUser(db, 's-admin', 'admin', 'tinh-thu');
  await createUser(db, 's-oversight', 'oversight', 'huyen-a');
  await createUser(db, 's-counter', 'counter', 'xa-a1');
  for (const r of ['admin', 'oversight', 'counter'] as Role[]) agents.set(r, await login(t.app, `s-${r}`));
});

const q = 'period=2025-Q1';
test.each([
  ['counter', '', ['A Một'], ['A Hai', 'B Một']],
  ['oversight', '', ['A Một', 'A Hai'], ['B Một']],
  ['admin', '&unit=tinh-thu', ['A Một', 'A Hai', 'B Một'], []],
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
  ['counter', 'xa-a2', 403], ['counter', 'huyen-a', 403], ['counter', 'xa-b1', 403], ['counter', 'xa-a1', 200],
  ['oversight', 'xa-b1', 403], ['oversight', 'tinh-thu', 403], ['oversight', 'xa-a2', 200],
  ['admin', 'xa-b1', 200],
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
  expect((await agent.post('/staff/api-keys').type('form').send({ _csrf: agent.csrf, unit: 'huyen-a', label: 'x' })).status).toBe(403);
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
