import request from 'supertest';
import pino from 'pino';
import { createTestApp, count } from './helpers/test-app';
import { createUser, csrfOf, login, PASSWORD } from './helpers/staff';
import { bootstrapAdmin } from '../server/auth/bootstrap-admin';
import { createApp } from '../server/app';
import { loadDefinitions } from '../server/surveys/definitions';
import { verifyPassword } from '../server/auth/passwords';

const silent = pino({ level: 'silent' });

describe('login, sessions and CSRF', () => {
  const t = createTestApp();
  beforeAll(async () => {
    await createUser(t.db, 'admin1', 'admin', 'tinh-gia-lai');
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
  });

  test('a staff page without a session redirects to the login page; /api answers 401 JSON', async () => {
    const res = await request(t.app).get('/staff/units');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/login?next=%2Fstaff%2Funits');
    const login = await request(t.app).get('/staff/login');
    expect(login.status).toBe(200);
    expect(login.text).toContain('Đăng nhập cho cán bộ');
  });

  test('login sets an HttpOnly SameSite session cookie, stores only its hash, and a new id each time (no fixation)', async () => {
    const page = await request(t.app).get('/staff/login');
    const planted = 'x'.repeat(43);
    const res = await request(t.app).post('/staff/login').set('Cookie', `sipas_staff=${planted}; sipas_csrf=${csrfOf(page.text)}`)
      .type('form').send({ username: 'ctv', password: PASSWORD, _csrf: csrfOf(page.text) });
    expect(res.status).toBe(303);
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sipas_staff='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /sipas_staff=([^;]+)/.exec(cookie)![1]!;
    expect(token).not.toBe(planted);
    const rows = t.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    // The planted id opens nothing; the issued one does.
    expect((await request(t.app).get('/staff').set('Cookie', `sipas_staff=${planted}`)).status).toBe(303);
    expect((await request(t.app).get('/staff').set('Cookie', `sipas_staff=${token}`)).status).toBe(200);
  });

  test('with an https PUBLIC_URL the cookies are Secure', async () => {
    const s = createTestApp({ env: { PUBLIC_URL: 'https://sipas.example.vn' } });
    const res = await request(s.app).get('/staff/login');
    expect([res.headers['set-cookie']].flat().join(';')).toMatch(/sipas_csrf=[^;]+;.*Secure/);
  });

  test('a wrong password is refused with the form again, and no session is made', async () => {
    const before = count(t.db, 'sessions');
    const agent = request.agent(t.app);
    const page = await agent.get('/staff/login');
    const res = await agent.post('/staff/login').type('form').send({ username: 'admin1', password: 'wrong wrong wrong', _csrf: csrfOf(page.text) });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(count(t.db, 'sessions')).toBe(before);
  });

  test('a POST with a missing or wrong CSRF token is 403 and changes nothing', async () => {
    const a = await login(t.app, 'admin1');
    const before = count(t.db, 'units');
    const body = { code: 'xa-moi', name: 'Xã Mới', type: 'xa', parentId: '2' };
    expect((await a.post('/staff/units').type('form').send(body)).status).toBe(403);
    expect((await a.post('/staff/units').type('form').send({ ...body, _csrf: 'A'.repeat(43) })).status).toBe(403);
    expect(count(t.db, 'units')).toBe(before);
    expect((await a.post('/staff/units').type('form').send({ ...body, _csrf: a.csrf })).status).toBe(303);
    expect(count(t.db, 'units')).toBe(before + 1);
    // The login form is protected too.
    expect((await request(t.app).post('/staff/login').type('form').send({ username: 'admin1', password: PASSWORD })).status).toBe(403);
  });

  test('logout ends the session in the database', async () => {
    const a = await login(t.app, 'ctv');
    expect((await a.get('/staff')).status).toBe(200);
    expect((await a.post('/staff/logout').type('form').send({ _csrf: a.csrf })).status).toBe(303);
    expect((await a.get('/staff')).status).toBe(303);
  });

  test('sessions survive a restart: a second app on the same database knows the cookie', async () => {
    const a = await login(t.app, 'ctv');
    const config = t.config;
    const again = createApp({ config, db: t.db, definitions: loadDefinitions(config.definitionsDir, config.surveyDefinition), logger: silent });
    const cookie = (a as unknown as { jar: { getCookie: (n: string, o: object) => { value: string } } }).jar.getCookie('sipas_staff', { domain: '127.0.0.1', path: '/', secure: false, script: false });
    expect((await request(again).get('/staff').set('Cookie', `sipas_staff=${cookie.value}`)).status).toBe(200);
  });

  test('changing one\'s password needs the current one, then logs out the other sessions', async () => {
    await createUser(t.db, 'pw-user', 'counter', 'xa-binh-an');
    const a = await login(t.app, 'pw-user');
    const b = await login(t.app, 'pw-user');
    const wrong = await a.post('/staff/password').type('form').send({ _csrf: a.csrf, current: 'nope nope nope', next: 'a new long password', confirm: 'a new long password' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Mật khẩu hiện tại không đúng.');
    const short = await a.post('/staff/password').type('form').send({ _csrf: a.csrf, current: PASSWORD, next: 'short', confirm: 'short' });
    expect(short.status).toBe(422);
    const ok = await a.post('/staff/password').type('form').send({ _csrf: a.csrf, current: PASSWORD, next: 'a new long password', confirm: 'a new long password' });
    expect(ok.status).toBe(303);
    expect((await a.get('/staff')).status).toBe(200);
    expect((await b.get('/staff')).status).toBe(303);
    await login(t.app, 'pw-user', 'a new long password');
  });
});

describe('accounts managed by an admin', () => {
  const t = createTestApp();
  test('create (must change password first), deactivate (sessions end, login refused), reset', async () => {
    await createUser(t.db, 'admin1', 'admin', 'tinh-gia-lai');
    const admin = await login(t.app, 'admin1');
    const unit = (t.db.prepare("SELECT id FROM units WHERE code = 'xa-binh-hiep'").get() as { id: number }).id;
    const res = await admin.post('/staff/users').type('form').send({ _csrf: admin.csrf, username: 'new.user', role: 'counter', unitId: String(unit), password: 'temporary password 1', confirm: 'temporary password 1' });
    expect(res.status).toBe(303);
    const row = t.db.prepare("SELECT id, role, unit_id, must_change_password, password_hash FROM users WHERE username = 'new.user'").get() as { id: number; role: string; unit_id: number; must_change_password: number; password_hash: string };
    expect(row).toMatchObject({ role: 'counter', unit_id: unit, must_change_password: 1 });
    expect(row.password_hash).toMatch(/^scrypt\$/);

    const u = await login(t.app, 'new.user', 'temporary password 1');
    const home = await u.get('/staff');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/staff/password');

    expect((await admin.post(`/staff/users/${row.id}/active`).type('form').send({ _csrf: admin.csrf, active: '0' })).status).toBe(303);
    expect((await u.get('/staff/password')).status).toBe(303);
    await expect(login(t.app, 'new.user', 'temporary password 1')).rejects.toThrow(/401/);

    expect((await admin.post(`/staff/users/${row.id}/active`).type('form').send({ _csrf: admin.csrf, active: '1' })).status).toBe(303);
    expect((await admin.post(`/staff/users/${row.id}/reset`).type('form').send({ _csrf: admin.csrf, password: 'another temp pass', confirm: 'another temp pass' })).status).toBe(303);
    await login(t.app, 'new.user', 'another temp pass');
    // Not one's own account, by accident.
    const self = t.db.prepare("SELECT id FROM users WHERE username = 'admin1'").get() as { id: number };
    expect((await admin.post(`/staff/users/${self.id}/active`).type('form').send({ _csrf: admin.csrf, active: '0' })).status).toBe(403);
  });
});

describe('first start', () => {
  test('creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD once', async () => {
    const t = createTestApp({ env: { ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: 'a strong first password' } });
    const first = await bootstrapAdmin(t.core, t.config, silent);
    expect(first).toMatchObject({ created: true, username: 'chief', generated: false });
    expect((await bootstrapAdmin(t.core, t.config, silent)).created).toBe(false);
    expect(count(t.db, 'users')).toBe(1);
    await login(t.app, 'chief', 'a strong first password');
  });

  test('without ADMIN_PASSWORD, generates a strong one; with no unit at all, a root unit to rename', async () => {
    const t = createTestApp({ seed: false });
    const r = await bootstrapAdmin(t.core, t.config, silent);
    if (!r.created) throw new Error('not created');
    expect(r.password.length).toBeGreaterThanOrEqual(18);
    const row = t.db.prepare("SELECT password_hash, role FROM users WHERE username = 'admin'").get() as { password_hash: string; role: string };
    expect(row.role).toBe('admin');
    expect(await verifyPassword(r.password, row.password_hash)).toBe(true);
    expect(count(t.db, 'units')).toBe(1);
  });
});

describe('the way back after login', () => {
  const t = createTestApp();
  beforeAll(() => createUser(t.db, 'longurl', 'counter', 'xa-binh-an'));

  test('a very long staff URL redirects to the login page without it, and the login still works', async () => {
    const long = `/staff?${'a=1&'.repeat(3000)}`;
    const res = await request(t.app).get(long);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/login');
    const agent = request.agent(t.app);
    const page = await agent.get(`/staff/login?next=${encodeURIComponent('/staff/units?' + 'x'.repeat(400))}`);
    const done = await agent.post('/staff/login').type('form').send({ username: 'longurl', password: PASSWORD, _csrf: csrfOf(page.text), next: '/staff/units?' + 'x'.repeat(400) });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/staff');
  });
});
