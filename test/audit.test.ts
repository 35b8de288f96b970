import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { createUser, csrfOf, login, PASSWORD, unitId } from './helpers/staff';
import { apiKeyFor } from './helpers/figures-fixtures';

type Row = { user_id: number | null; action: string; target: string | null; details: string | null };
const t = createTestApp();
const rows = (action?: string) =>
  t.db.prepare(`SELECT user_id, action, target, details FROM audit_log ${action ? 'WHERE action = ?' : ''} ORDER BY id`).all(...(action ? [action] : [])) as Row[];
let adminId = 0;

beforeAll(async () => {
  adminId = await createUser(t.db, 'admin1', 'admin', 'tinh-gia-lai');
  await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
});

describe('the audit log of staff actions', () => {
  test('logins: a failure names the username typed, never the password; a success names the account', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/staff/login');
    await agent.post('/staff/login').type('form').send({ username: 'admin1', password: 'sai mật khẩu rồi', _csrf: csrfOf(page.text) });
    const failed = rows('login.failed').at(-1)!;
    expect(failed.user_id).toBeNull();
    expect(JSON.parse(failed.details!)).toEqual({ username: 'admin1' });
    expect(JSON.stringify(rows())).not.toContain('sai mật khẩu');
    await login(t.app, 'admin1');
    expect(rows('login.ok').at(-1)!.user_id).toBe(adminId);
  });

  test('user, unit, point and catalogue changes and imports are recorded with who and what; secrets are not', async () => {
    const a = await login(t.app, 'admin1');
    const tv = unitId(t.db, 'xa-binh-an');
    await a.post('/staff/users').type('form').send({ username: 'moi1', role: 'counter', unitId: String(tv), password: 'temporary password', confirm: 'temporary password', _csrf: a.csrf }).expect(303);
    await a.post(`/staff/units/${tv}`).type('form').send({ name: 'Xã Bình An', type: 'xa', _csrf: a.csrf }).expect(303);
    const point = (await a.post(`/staff/units/${tv}/points`).type('form').send({ label: 'Quầy 9', serviceId: '', _csrf: a.csrf }).expect(303)).headers.location!;
    const pointId = /\/points\/(\d+)/.exec(point)![1];
    await a.post(`/staff/points/${pointId}/code`).type('form').send({ _csrf: a.csrf, confirm: '1' }).expect(303);
    await a.post('/staff/services').type('form').send({ code: 'dv-audit', nameVi: 'Lĩnh vực thử', _csrf: a.csrf }).expect(303);
    await a.post('/staff/import').type('form').send({ kind: 'units', action: 'apply', content: 'code,name,type,parent_code\nxa-audit,Xã Thử,xa,tinh-gia-lai\n', _csrf: a.csrf }).expect(303);
    // A refused form is no action.
    await a.post(`/staff/units/${tv}`).type('form').send({ name: '', type: 'xa', _csrf: a.csrf }).expect(422);

    const actions = rows().filter((r) => r.user_id === adminId).map((r) => `${r.action} ${r.target ?? ''}`.trim());
    expect(actions).toEqual(expect.arrayContaining([
      'user.create', `unit.update unit:${tv}`, `point.create point:${pointId}`, `point.new_code point:${pointId}`,
      expect.stringMatching(/^service\.create service:\d+$/), 'import.units',
    ]));
    expect(rows('unit.update')).toHaveLength(1);
    expect(JSON.parse(rows('user.create')[0]!.details!)).toEqual({ username: 'moi1', role: 'counter', unitId: String(tv) });
    expect(JSON.stringify(rows())).not.toContain('temporary password');
    expect(JSON.parse(rows('import.units')[0]!.details!)).toEqual({ rows: 1, changed: 1 });
  });

  test('exports by API key and API key creation and revocation are recorded', async () => {
    const key = apiKeyFor(t.db, 'tinh-gia-lai');
    await request(t.app).get('/api/v1/exports/figures.csv?period=2025-Q1&table=units').set('Authorization', `Bearer ${key}`).expect(200);
    const exp = rows('export.figures_csv').at(-1)!;
    expect(exp.user_id).toBeNull();
    expect(JSON.parse(exp.details!)).toMatchObject({ apiKeyId: expect.any(Number), query: 'period=2025-Q1&table=units' });

    const k = t.core.apiKeys.create({ unitCode: 'tinh-gia-lai', label: 'Sở Nội vụ' }, adminId);
    t.core.apiKeys.revoke(k.id, adminId);
    expect(rows().slice(-2).map((r) => [r.action, r.target])).toEqual([['api_key.create', `api_key:${k.id}`], ['api_key.revoke', `api_key:${k.id}`]]);
    expect(JSON.stringify(rows())).not.toContain(k.key);
  });

  test('an admin reads the log at /staff/audit, filtered by action and user, paged; others get 403', async () => {
    for (let i = 0; i < 60; i++) t.core.audit.record({ userId: adminId, action: 'unit.update', target: `unit:${i}`, details: { name: '<script>alert(1)</script>' } });
    const a = await login(t.app, 'admin1');
    const first = await a.get(`/staff/audit?action=unit.update&user=${adminId}`).expect(200);
    expect(first.text).toContain('Nhật ký thao tác');
    expect(first.text).toContain('unit:59');
    expect(first.text).not.toContain('unit:9<');
    expect(first.text).not.toContain('<script>alert(1)');
    expect(first.text).toContain('&lt;script&gt;');
    expect(first.text).toMatch(/61 mục — trang 1\/2/);
    const second = await a.get(`/staff/audit?action=unit.update&user=${adminId}&page=2`).expect(200);
    expect(second.text).toContain('unit:9<');
    expect((await a.get('/staff/audit?action=login.failed').expect(200)).text).not.toContain('unit:59');
    expect((await a.get('/staff/audit?action=DROP%20TABLE').expect(400)).text).not.toContain(' at ');
    const c = await login(t.app, 'ctv', PASSWORD);
    expect((await c.get('/staff/audit')).status).toBe(403);
  });
});
