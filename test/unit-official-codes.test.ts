import request from 'supertest';
import { createTestApp, count } from './helpers/test-app';
import { login, unitId } from './helpers/staff';
import { apiKeyFor } from './helpers/figures-fixtures';
import { buildWorld, worldStaff } from './helpers/world';

/**
 * One official code, two units: Thị trấn Cũ held 90001 until 30/6/2025, Xã Mới holds it since
 * 1/7/2025 (as 21808 passed from Thị trấn Phú Phong to Xã Tây Sơn). Made through the staff
 * page, in a world of its own (test/helpers/world.ts).
 */
const t = createTestApp({ seed: false });
buildWorld(t.core);
const units = () => JSON.stringify(t.db.prepare('SELECT * FROM units ORDER BY id').all());
const row = (code: string) => t.db.prepare('SELECT official_code AS officialCode, valid_from AS validFrom, valid_to AS validTo FROM units WHERE code = ?').get(code);
const under = String(unitId(t.db, 'huyen-a'));
let admin: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  await worldStaff(t.db);
  admin = await login(t.app, 'w-admin');
});
const create = (fields: Record<string, string>) => admin.post('/staff/units').type('form').send({ _csrf: admin.csrf, type: 'xa', parentId: under, ...fields });

describe('official codes with dates on the staff pages', () => {
  test('two units may hold one official code in periods that do not overlap; a third that overlaps is refused, naming the holder', async () => {
    await create({ code: 'tt-cu', name: 'Thị trấn Cũ', type: 'thi_tran', officialCode: '90001', validTo: '30/06/2025' }).expect(303);
    await create({ code: 'xa-moi', name: 'Xã Mới', officialCode: '90001', validFrom: '01/07/2025' }).expect(303);
    expect([row('tt-cu'), row('xa-moi')]).toEqual([
      { officialCode: '90001', validFrom: null, validTo: '2025-06-30' }, { officialCode: '90001', validFrom: '2025-07-01', validTo: null }]);
    const before = units();
    const clash = await create({ code: 'xa-trung', name: 'Xã Trùng', officialCode: '90001', validFrom: '01/06/2025' }).expect(422);
    expect(clash.text).toContain('Mã đơn vị hành chính 90001 đã thuộc “Thị trấn Cũ” trong thời gian … – 30/06/2025.');
    expect(clash.text).toContain('id="e-officialCode"');
    const moi = unitId(t.db, 'xa-moi');
    const edit = await admin.post(`/staff/units/${moi}`).type('form').send({ _csrf: admin.csrf, name: 'Xã Mới', type: 'xa', officialCode: '90001', validFrom: '15/06/2025', validTo: '' }).expect(422);
    expect(edit.text).toContain('đã thuộc “Thị trấn Cũ”');
    expect(edit.text).toContain('value="15/06/2025"'); // what was typed stays in the form
    expect(units()).toBe(before);
  });

  test('bad input is a translated 422 next to its field and changes nothing', async () => {
    const before = units();
    const cases: [Record<string, string>, string][] = [
      [{ code: 'xa-x1', name: 'Xã X', officialCode: '12a' }, 'Mã đơn vị hành chính gồm 2 đến 5 chữ số.'],
      [{ code: 'xa-x2', name: 'Xã X', validFrom: '31/02/2025' }, 'Ngày không hợp lệ; vui lòng viết dd/mm/yyyy, ví dụ 01/07/2025.'],
      [{ code: 'xa-x3', name: 'Xã X', validFrom: '01/07/2025', validTo: '30/06/2025' }, 'Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.'],
      [{ code: '21808', name: 'Xã X' }, 'không chỉ gồm chữ số'],
    ];
    for (const [fields, message] of cases) expect((await create(fields).expect(422)).text).toContain(message);
    expect(units()).toBe(before);
  });

  test('a form without the official fields keeps them; the database refuses an overlap typed by hand', async () => {
    const moi = unitId(t.db, 'xa-moi');
    await admin.post(`/staff/units/${moi}`).type('form').send({ _csrf: admin.csrf, name: 'Xã Mới', type: 'xa' }).expect(303);
    expect(row('xa-moi')).toEqual({ officialCode: '90001', validFrom: '2025-07-01', validTo: null });
    expect(() => t.db.prepare("INSERT INTO units (code, name, type, official_code, valid_from) VALUES ('xa-tay', 'Xã Tay', 'xa', '90001', '2025-12-01')").run()).toThrow('official code periods overlap');
    expect(() => t.db.prepare("UPDATE units SET valid_to = '2025-07-15' WHERE code = 'tt-cu'").run()).toThrow('official code periods overlap');
  });

  test('the unit list, the unit page and the dashboard filter show the official code and validity beside the short code', async () => {
    const list = (await admin.get('/staff/units')).text;
    expect(list).toMatch(/<td><code>xa-moi<\/code><\/td><td>\s*<span class="official" title="Mã đơn vị hành chính">90001<\/span>\s*<span class="validity">hiệu lực 01\/07\/2025 – …<\/span>/);
    const page = (await admin.get(`/staff/units/${unitId(t.db, 'tt-cu')}`)).text;
    expect(page).toContain('<span class="validity">hiệu lực … – 30/06/2025</span>');
    expect(page).toContain('id="f-officialCode" name="officialCode" inputmode="numeric" maxlength="5" value="90001"');
    const dash = (await admin.get('/staff/dashboard?period=2025')).text;
    expect(dash).toMatch(/<option value="xa-moi">[\s\u00a0]*Xã Mới · 90001<\/option>/);
  });
});

describe('an official code in the API is read with the period', () => {
  const get = (q: string) => request(t.app).get(`/api/v1/figures?${q}`).set('Authorization', `Bearer ${apiKeyFor(t.db, 'tinh-thu')}`);
  test('2025-Q1 is Thị trấn Cũ, 2025-Q3 Xã Mới; 2025 spans both: a clear 400 asking for the short code', async () => {
    expect((await get('period=2025-Q1&unit=90001')).body.filters.unit).toMatchObject({ code: 'tt-cu', officialCode: '90001', validTo: '2025-06-30' });
    expect((await get('period=2025-Q3&unit=90001')).body.filters.unit).toMatchObject({ code: 'xa-moi', validFrom: '2025-07-01' });
    expect((await get('from=2025-06-30&to=2025-06-30&unit=90001')).body.filters.unit.code).toBe('tt-cu');
    const both = await get('period=2025&unit=90001').expect(400);
    expect(both.body.error).toEqual({ code: 'units.errors.ambiguous', message: 'Mã đơn vị hành chính 90001 thuộc nhiều đơn vị trong kỳ này (Thị trấn Cũ, Xã Mới) vì mã được dùng lại sau khi sáp nhập. Vui lòng dùng mã ngắn của đơn vị: tt-cu, xa-moi.' });
    expect((await get('period=2025&unit=xa-moi')).status).toBe(200);
    expect((await get('period=2025&unit=90009').expect(400)).body.error.code).toBe('figures.errors.unknown_unit');
    await create({ code: 'xa-sau', name: 'Xã Sau', officialCode: '90002', validFrom: '01/01/2026' }).expect(303);
    expect((await get('period=2025&unit=90002').expect(400)).body.error.message).toBe('Mã đơn vị hành chính 90002 không thuộc đơn vị nào có hiệu lực trong kỳ này.');
  });
});

describe('official codes in the import', () => {
  const post = (content: string, action = 'apply') => admin.post('/staff/import').type('form').send({ _csrf: admin.csrf, kind: 'units', action, content });
  test('a parent named by official code is the unit that held it on the row\'s first day; an overlapping code is a bad line', async () => {
    const before = units();
    const bad = await post('code,name,type,parent_code,official_code,valid_from,valid_to\nxa-a,Xã A,xa,huyen-a,90001,01/05/2025,\nxa-b,Xã B,xa,huyen-a,9x,,\nxa-c,Xã C,xa,huyen-a,,2025-13-01,\n').expect(422);
    expect(bad.text).toContain('Dòng 2: Mã đơn vị hành chính 90001 đã thuộc “Thị trấn Cũ” trong thời gian … – 30/06/2025');
    expect(bad.text).toContain('Dòng 3: Mã đơn vị hành chính “9x” không hợp lệ');
    expect(bad.text).toContain('Dòng 4: Ngày “2025-13-01” ở cột valid_from không hợp lệ');
    expect(units()).toBe(before);
    await post('code,name,type,parent_code,official_code,valid_from\nto-1,Tổ Một,xa,90001,90011,01/03/2025\nto-2,Tổ Hai,xa,90001,90012,01/08/2025\n').expect(303);
    const parent = (code: string) => t.db.prepare('SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = ?').pluck().get(code);
    expect([parent('to-1'), parent('to-2')]).toEqual(['tt-cu', 'xa-moi']);
    expect(count(t.db, "units WHERE official_code IN ('90011', '90012')")).toBe(2);
  });
});
