import request from 'supertest';
import { count, createTestApp } from './helpers/test-app';
import { createUser, csrfOf, login, PASSWORD } from './helpers/staff';
import { safeNext } from '../server/auth/auth.schema';
import { buildWorld } from './helpers/world';

/** Where a staff session is read (issue 11, item 5, and the kiosk's way back after login). */
const t = createTestApp({ seed: false });
const world = buildWorld(t.core);
const kiosk = `/k/${world.pointCode('xa-a1')}`;

describe('a password that must be changed holds wherever a staff session is read', () => {
  test('figures API, exports and the kiosk refuse it until the password is changed', async () => {
    await createUser(t.db, 'reset-me', 'oversight', 'huyen-a', { mustChange: true });
    const a = await login(t.app, 'reset-me');
    const q = 'period=2026&unit=huyen-a';
    for (const url of [`/api/v1/figures?${q}`, `/api/v1/exports/responses.csv?${q}`, `/api/v1/exports/figures.xlsx?${q}`, `/api/v1/exports/figures.csv?${q}&table=units`]) {
      const res = await a.get(url);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('errors.password_change_required');
    }
    expect((await a.get(kiosk)).headers.location).toBe('/staff/password');
    const open = await a.post(`${kiosk}/open`).type('form').send({ _csrf: a.csrf, pin: '2468', confirm: '2468' });
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe('/staff/password');
    expect(count(t.db, 'kiosk_sessions')).toBe(0);
    expect((await a.get('/staff/units')).headers.location).toBe('/staff/password');
    const changed = await a.post('/staff/password').type('form').send({ _csrf: a.csrf, current: PASSWORD, next: 'my very own password', confirm: 'my very own password' });
    expect(changed.status).toBe(303);
    expect((await a.get(`/api/v1/figures?${q}`)).status).toBe(200);
  });
});

describe('logging in from a kiosk returns to that kiosk', () => {
  test('the kiosk sends staff to the login with its address, and the login leads back there', async () => {
    await createUser(t.db, 'kiosk-staff', 'counter', 'xa-a1');
    const agent = request.agent(t.app);
    const first = await agent.get(kiosk).expect(303);
    expect(first.headers.location).toBe(`/staff/login?next=${encodeURIComponent(kiosk)}`);
    const page = await agent.get(first.headers.location!).expect(200);
    expect(page.text).toContain(`name="next" value="${kiosk}"`);
    const res = await agent.post('/staff/login').type('form').send({ username: 'kiosk-staff', password: PASSWORD, next: kiosk, _csrf: csrfOf(page.text) }).expect(303);
    expect(res.headers.location).toBe(kiosk);
    expect((await agent.get(kiosk)).status).toBe(200);
  });

  test('still no open redirect', () => {
    expect(safeNext(kiosk)).toBe(kiosk);
    expect(safeNext('/staff/units?parent=3')).toBe('/staff/units?parent=3');
    for (const bad of ['//evil.example', 'https://evil.example', '/k//evil.example', '/k/abcd/../../x', '/k/abcd?next=//evil', '/k/abcd/open', '/kx/abcd', '/k/ab', '\\\\evil', '/staff//evil']) {
      expect(safeNext(bad)).toBe('/staff');
    }
  });
});

test('staff of another unit who log in from a kiosk are still refused there', async () => {
  await createUser(t.db, 'far-away', 'oversight', 'huyen-b');
  const a = await login(t.app, 'far-away');
  expect((await a.get(kiosk)).status).toBe(403);
});
