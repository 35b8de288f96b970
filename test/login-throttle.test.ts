import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { createUser, csrfOf, PASSWORD } from './helpers/staff';

/** A clock the test moves by hand: no sleeps, no timing assertions. */
function clock() {
  let at = Date.parse('2026-03-02T03:00:00Z');
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}

async function attempt(app: Parameters<typeof request>[0], username: string, password: string, ip: string) {
  const agent = request.agent(app);
  const page = await agent.get('/staff/login').set('X-Forwarded-For', ip);
  return agent.post('/staff/login').set('X-Forwarded-For', ip).type('form').send({ username, password, _csrf: csrfOf(page.text) });
}

describe('login throttling', () => {
  const c = clock();
  // The default TRUST_PROXY=loopback trusts X-Forwarded-For from supertest (127.0.0.1): each test "client" has its own address.
  const t = createTestApp({ now: c.now, env: { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' } });
  beforeAll(async () => {
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
    await createUser(t.db, 'colleague', 'counter', 'xa-binh-an');
  });

  test('slowed after repeated failures, then refused for a while even with the right password, then allowed again', async () => {
    const ip = '10.0.0.1';
    expect((await attempt(t.app, 'ctv', 'bad password 1', ip)).status).toBe(401);
    expect((await attempt(t.app, 'ctv', 'bad password 2', ip)).status).toBe(401);
    const slowed = await attempt(t.app, 'ctv', PASSWORD, ip);
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(slowed.text).toContain('Vui lòng đợi 1 giây');
    for (let i = 3; i <= 5; i++) {
      c.advance(60_000);
      expect((await attempt(t.app, 'ctv', `bad password ${i}`, ip)).status).toBe(401);
    }
    c.advance(60_000);
    const locked = await attempt(t.app, 'ctv', PASSWORD, ip);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('phút');
    c.advance(15 * 60_000);
    expect((await attempt(t.app, 'ctv', PASSWORD, ip)).status).toBe(303);
  });

  test('one person failing does not lock out a colleague behind the same Wi-Fi, nor the same user elsewhere', async () => {
    const wifi = '10.0.0.2';
    for (let i = 0; i < 5; i++) {
      await attempt(t.app, 'ctv', `bad ${i} password`, wifi);
      c.advance(60_000);
    }
    expect((await attempt(t.app, 'ctv', PASSWORD, wifi)).status).toBe(429);
    expect((await attempt(t.app, 'colleague', PASSWORD, wifi)).status).toBe(303);
    expect((await attempt(t.app, 'ctv', PASSWORD, '10.0.0.3')).status).toBe(303);
    c.advance(16 * 60_000);
  });

  test('many failures against one username from many clients slow that username down, never lock it out for long', async () => {
    for (let i = 0; i < 20; i++) {
      await attempt(t.app, 'colleague', `guess ${i} guess`, `10.1.0.${i}`);
    }
    const slowed = await attempt(t.app, 'colleague', PASSWORD, '10.2.0.1');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await attempt(t.app, 'ctv', PASSWORD, '10.2.0.1')).status).toBe(303);
    c.advance(Number(slowed.headers['retry-after']) * 1000);
    expect((await attempt(t.app, 'colleague', PASSWORD, '10.2.0.1')).status).toBe(303);
    c.advance(16 * 60_000);
  });

  test('one client spraying many usernames is refused', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 50; i++) {
      await attempt(t.app, `nobody${i}`, 'whatever password', ip);
      c.advance(2_000);
    }
    expect((await attempt(t.app, 'ctv', PASSWORD, ip)).status).toBe(429);
    expect((await attempt(t.app, 'ctv', PASSWORD, '10.3.0.2')).status).toBe(303);
  });
});
