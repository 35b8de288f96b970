import { createTestApp } from './helpers/test-app';
import { createUser, login, type StaffAgent } from './helpers/staff';
import { storeResponse } from './helpers/figures-fixtures';
import { buildWorld, worldStaff } from './helpers/world';

/**
 * Units stay a tree (issue 11, item 1): an import is checked on the parent graph it would
 * leave (database and file together), only an admin moves the unit it is bound to, and the
 * database itself refuses a loop.
 */
const t = createTestApp({ seed: false });
const world = buildWorld(t.core);
const units = () => JSON.stringify(t.db.prepare('SELECT * FROM units ORDER BY id').all());
const importUnits = (a: StaffAgent, content: string, action = 'apply') =>
  a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind: 'units', action, content });
let admin: StaffAgent;

beforeAll(async () => {
  await worldStaff(t.db);
  await createUser(t.db, 'ov-commune', 'oversight', 'xa-a1');
  for (let i = 0; i < 7; i++) storeResponse(t.db, { unit: 'xa-a1', date: '2026-03-10', answers: { overall: '5' } });
  for (let i = 0; i < 3; i++) storeResponse(t.db, { unit: 'xa-a2', date: '2026-03-10', answers: { overall: '2' } });
  admin = await login(t.app, 'w-admin');
});

const provinceResponses = async () => (await admin.get('/api/v1/figures?period=2026&unit=tinh-thu').expect(200)).body.responses as number;

describe('an oversight office cannot cut its commune out of its province', () => {
  test('the attack of the issue: a child unit, then one file that puts the commune under a new unit under that child', async () => {
    const a = await login(t.app, 'ov-commune');
    expect(await provinceResponses()).toBe(10);
    const made = await a.post('/staff/units').type('form').send({ _csrf: a.csrf, code: 'thon-1', name: 'Thôn Một', type: 'xa', parentId: String(world.unit('xa-a1')) });
    expect(made.status).toBe(303);
    const before = units();
    const res = await importUnits(a, 'code,name,type,parent_code\nx-unit,Đơn vị X,xa,thon-1\nxa-a1,Xã A Một,xa,x-unit\n');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dòng 3:');
    expect(res.text).toContain('Chỉ quản trị viên mới được chuyển đơn vị “xa-a1”');
    expect(res.text).toContain('Đơn vị “xa-a1” không thể trực thuộc chính nó');
    expect(units()).toBe(before);
    expect(await provinceResponses()).toBe(10);
    // The admin still sees the commune in its list.
    expect((await admin.get('/staff/units')).text).toContain('Xã A Một');
  });

  test('a loop through the database and the file is refused by line even for an admin, before anything is applied', async () => {
    const before = units();
    // huyen-a is moved under a new unit that the file puts under huyen-a's own commune.
    const res = await importUnits(admin, 'code,name,type,parent_code\nnew-one,Đơn vị Mới,xa,tinh-thu\nnew-two,Đơn vị Hai,xa,xa-a2\nhuyen-a,Huyện A,huyen,new-two\n');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dòng 3:');
    expect(res.text).toContain('Dòng 4:');
    expect(res.text).not.toContain('Dòng 2:');
    expect(units()).toBe(before);
    expect(await provinceResponses()).toBe(10);
  });

  test('oversight may still move a unit below its own unit, and an admin may move the oversight\'s unit', async () => {
    const ov = await login(t.app, 'w-oversight');
    const res = await importUnits(ov, 'code,name,type,parent_code\nxa-a2,Xã A Hai,xa,xa-a1\n');
    expect(res.status).toBe(303);
    const refused = await importUnits(ov, 'code,name,type,parent_code\nhuyen-a,Huyện A,huyen,huyen-b\n');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Chỉ quản trị viên mới được chuyển đơn vị “huyen-a”');
    expect((await importUnits(admin, 'code,name,type,parent_code\nxa-a2,Xã A Hai,xa,huyen-a\n')).status).toBe(303);
    expect(await provinceResponses()).toBe(10);
  });

  test('a merger of the unit an oversight office is bound to is the admin\'s to make', async () => {
    const ov = await login(t.app, 'ov-commune');
    // Into a unit of its own subtree, which it may otherwise change.
    const child = t.db.prepare("SELECT id FROM units WHERE code = 'thon-1'").pluck().get() as number;
    const res = await ov.post(`/staff/units/${world.unit('xa-a1')}/successor`).type('form').send({ _csrf: ov.csrf, successorId: String(child) });
    expect(res.status).toBe(403);
    const own = await ov.post(`/staff/units/${child}/successor`).type('form').send({ _csrf: ov.csrf, successorId: '' });
    expect(own.status).toBe(303);
    expect(t.db.prepare('SELECT successor_id FROM units WHERE id = ?').pluck().get(world.unit('xa-a1'))).toBeNull();
  });

  test('a new unit under a parent that does not exist is a 422 next to the form, not a 500', async () => {
    const before = units();
    const res = await admin.post('/staff/units').type('form').send({ _csrf: admin.csrf, code: 'mo-coi', name: 'Mồ côi', type: 'xa', parentId: '987654' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Không tìm thấy đơn vị cấp trên đã chọn.');
    expect(units()).toBe(before);
  });
});

describe('the database refuses a loop, whoever writes', () => {
  const move = (code: string, parent: string) => t.db.prepare('UPDATE units SET parent_id = ? WHERE id = ?').run(world.unit(parent), world.unit(code));
  const merge = (code: string, into: string) => t.db.prepare('UPDATE units SET successor_id = ? WHERE id = ?').run(world.unit(into), world.unit(code));

  test('parents', () => {
    expect(() => move('tinh-thu', 'xa-b1')).toThrow(/cycle/);
    expect(() => move('huyen-b', 'huyen-b')).toThrow(/cycle/);
    expect(() => t.db.prepare("INSERT INTO units (id, code, name, type, parent_id) VALUES (9999, 'self', 'Tự', 'xa', 9999)").run()).toThrow();
    move('xa-b1', 'huyen-a');
    move('xa-b1', 'huyen-b');
    expect(t.db.prepare('SELECT parent_id FROM units WHERE id = ?').pluck().get(world.unit('tinh-thu'))).toBeNull();
  });

  test('successors', () => {
    merge('xa-b1', 'xa-a2');
    expect(() => merge('xa-a2', 'xa-b1')).toThrow(/cycle/);
    expect(() => merge('xa-a2', 'xa-a2')).toThrow(/cycle/);
    t.db.prepare('UPDATE units SET successor_id = NULL').run();
  });
});
