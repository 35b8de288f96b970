import request from 'supertest';
import pino from 'pino';
import type { Express } from 'express';
import { createApp } from '../server/app';
import { loadDefinitions } from '../server/surveys/definitions';
import { createTestApp } from './helpers/test-app';
import { createUser, csrfOf, PASSWORD } from './helpers/staff';
import { buildWorld } from './helpers/world';

/**
 * Anyone who knows a username cannot lock it out (issue 11, item 3). A clock the test moves
 * by hand: no sleeps, no timing assertions. TRUST_PROXY=loopback trusts X-Forwarded-For from
 * supertest, so each address below is a client of its own.
 */
let at = Date.parse('2026-03-02T03:00:00Z');
const now = () => new Date(at);
// The server's key lasts across restarts (a key file beside the database; here, for an in-memory database, INVITATION_SECRET).
const t = createTestApp({ seed: false, now, env: { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15', INVITATION_SECRET: 'k'.repeat(43) } });
buildWorld(t.core);
const restarted = (): Express => createApp({ config: t.config, db: t.db, definitions: loadDefinitions(t.config.definitionsDir, t.config.surveyDefinition), logger: pino({ level: 'silent' }), now });

type Agent = ReturnType<typeof request.agent>;
async function attempt(agent: Agent, username: string, password: string, ip: string) {
  const page = await agent.get('/staff/login').set('X-Forwarded-For', ip);
  return agent.post('/staff/login').set('X-Forwarded-For', ip).type('form').send({ username, password, _csrf: csrfOf(page.text) });
}
const fresh = (app: Express = t.app) => request.agent(app);
/** A wrong password that the throttle lets through: a patient attacker waits as long as it is told to. */
async function fail(agent: Agent, username: string, password: string, ip: string) {
  for (let tries = 0; tries < 10; tries++) {
    const res = await attempt(agent, username, password, ip);
    if (res.status !== 429) return expect(res.status).toBe(401);
    at += Number(res.headers['retry-after']) * 1000;
  }
  throw new Error('never let through');
}
/** 36 wrong passwords for `username` from 12 addresses, 3 each: the attack of the issue. */
async function spray(username: string, net: string) {
  for (let a = 1; a <= 12; a++) for (let i = 0; i < 3; i++) await fail(fresh(), username, `wrong ${a}.${i} password`, `${net}.${a}`);
}

async function logout(agent: Agent) {
  const page = await agent.get('/staff/password');
  await agent.post('/staff/logout').type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
}

beforeAll(async () => {
  await createUser(t.db, 'admin', 'admin', 'tinh-thu');
  await createUser(t.db, 'other', 'oversight', 'huyen-a');
});

describe('after the issue\'s attack: 36 wrong passwords for admin from 12 addresses', () => {
  const browser = fresh();
  beforeAll(async () => {
    expect((await attempt(browser, 'admin', PASSWORD, '10.20.0.1')).status).toBe(303);
    await logout(browser);
    await spray('admin', '10.9.0');
  });

  test('a browser that logged in as admin before logs in at once, from any address', async () => {
    expect((await attempt(browser, 'admin', PASSWORD, '10.20.0.2')).status).toBe(303);
    await logout(browser);
  });

  test('the state is in the database: a restarted server still slows the username down', async () => {
    expect((await attempt(fresh(restarted()), 'admin', PASSWORD, '10.9.0.99')).status).toBe(429);
  });

  test('the stored state holds no address and no typed username; a forged or borrowed cookie is no known browser', async () => {
    const keys = t.db.prepare('SELECT key FROM login_throttle').pluck().all() as string[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/10\.9\.|admin/);
    // Nor the key of those hashes: it comes from the server's key, outside the database.
    expect(t.db.prepare('SELECT key FROM settings').pluck().all()).toEqual([]);
    const forged = fresh();
    forged.jar.setCookie('sipas_known=AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB; Path=/staff/login', '127.0.0.1', '/staff/login');
    expect((await attempt(forged, 'admin', PASSWORD, '10.6.0.50')).status).toBe(429);
    // A browser known for another username is a stranger for this one.
    const colleague = fresh();
    expect((await attempt(colleague, 'other', PASSWORD, '10.6.0.51')).status).toBe(303);
    await logout(colleague);
    expect((await attempt(colleague, 'admin', PASSWORD, '10.6.0.51')).status).toBe(429);
  });

  test('the right password from a 13th address logs in after a short wait, never refused for long', async () => {
    const stranger = await attempt(fresh(), 'admin', PASSWORD, '10.9.0.13');
    expect(stranger.status).toBe(429);
    const wait = Number(stranger.headers['retry-after']);
    expect(wait).toBeLessThanOrEqual(60);
    expect(stranger.text).toContain(`Vui lòng đợi ${wait} giây`);
    at += wait * 1000;
    expect((await attempt(fresh(), 'admin', PASSWORD, '10.9.0.13')).status).toBe(303);
    at += 60 * 60_000;
  });
});

test('a restart keeps a locked client locked', async () => {
  for (let i = 0; i < 5; i++) await fail(fresh(), 'other', `bad ${i} password`, '10.7.0.1');
  const app = restarted();
  const locked = await attempt(fresh(app), 'other', PASSWORD, '10.7.0.1');
  expect(locked.status).toBe(429);
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
  expect((await attempt(fresh(app), 'other', PASSWORD, '10.7.0.2')).status).toBe(303);
  at += 60 * 60_000;
});

test('a known browser has a limit of its own: five wrong passwords from it lock it, not the others', async () => {
  const browser = fresh();
  expect((await attempt(browser, 'other', PASSWORD, '10.5.0.1')).status).toBe(303);
  await logout(browser);
  for (let i = 0; i < 5; i++) await fail(browser, 'other', `bad ${i} password`, `10.5.1.${i}`);
  at += 60_000;
  expect((await attempt(browser, 'other', PASSWORD, '10.5.2.1')).status).toBe(429);
  expect((await attempt(fresh(), 'other', PASSWORD, '10.5.2.2')).status).toBe(303);
  at += 60 * 60_000;
});

test('the known-browser cookie is HttpOnly, only sent to the login form, and names no username', async () => {
  const res = await attempt(fresh(), 'admin', PASSWORD, '10.4.0.1');
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sipas_known='))!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/Path=\/staff\/login/);
  expect(cookie).toMatch(/SameSite=Strict/i);
  expect(cookie.split(';')[0]).not.toContain('admin');
});
