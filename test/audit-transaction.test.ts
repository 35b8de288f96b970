import { createTestApp } from './helpers/test-app';
import { login } from './helpers/staff';
import { buildWorld, worldStaff } from './helpers/world';

/**
 * A change and its audit row are one transaction: when the audit row cannot be written, the
 * change is not made either (and the person sees an error, not a page saying it was saved).
 */
describe('the audit row is written in the transaction of the change', () => {
  const t = createTestApp({ seed: false });
  const world = buildWorld(t.core);
  beforeAll(() => worldStaff(t.db));
  const failAudit = () => t.db.exec("CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END");
  afterEach(() => t.db.exec('DROP TRIGGER IF EXISTS temp.no_audit'));

  test.each([
    ['renaming a unit', (a: Awaited<ReturnType<typeof login>>) => a.post(`/staff/units/${world.unit('xa-a1')}`).type('form').send({ _csrf: a.csrf, name: 'Tên Mới', type: 'xa' }),
      () => t.db.prepare("SELECT name FROM units WHERE code = 'xa-a1'").pluck().get(), 'Xã A Một'],
    ['a new code for a counter', (a: Awaited<ReturnType<typeof login>>) => a.post(`/staff/points/${world.point('xa-a1')}/code`).type('form').send({ _csrf: a.csrf, confirm: '1' }),
      () => t.db.prepare('SELECT code FROM collection_points WHERE id = ?').pluck().get(world.point('xa-a1')), world.pointCode('xa-a1')],
    ['an import', (a: Awaited<ReturnType<typeof login>>) => a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'units', action: 'apply', content: 'code,name,type,parent_code\nxa-moi,Xã Mới,xa,huyen-a\n' }),
      () => t.db.prepare("SELECT count(*) FROM units WHERE code = 'xa-moi'").pluck().get(), 0],
  ] as const)('%s', async (_name, act, read, unchanged) => {
    const a = await login(t.app, 'w-admin');
    const audits = t.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    failAudit();
    const res = await act(a);
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('audit unavailable');
    expect(read()).toBe(unchanged);
    t.db.exec('DROP TRIGGER temp.no_audit');
    expect(t.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
  });
});
