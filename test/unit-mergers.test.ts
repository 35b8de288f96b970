import request from 'supertest';
import { createTestApp, count, sidOf } from './helpers/test-app';
import { login, unitId } from './helpers/staff';
import { apiKeyFor, storeResponse } from './helpers/figures-fixtures';
import { buildWorld, worldStaff } from './helpers/world';

/**
 * A merger recorded once, in a world of its own (test/helpers/world.ts): under Huyện A, the old
 * Xã Cũ Một (90101 until 30/6/2025) and Xã Cũ Hai became Xã A Một (90101 since 1/7/2025).
 */
let at = Date.parse('2026-03-10T03:00:00Z');
const t = createTestApp({ seed: false, now: () => new Date(at) });
const world = buildWorld(t.core);
const db = t.db;
const addOld = (code: string, name: string, officialCode: string) => {
  const id = t.core.repos.units.insert({ code, name, type: 'xa', parentId: world.unit('huyen-a'), officialCode, validTo: '2025-06-30' });
  t.core.repos.points.insert({ code: `q-${code}-0001`, unitId: id, label: 'Bộ phận Một cửa', serviceId: null });
  t.core.repos.catalog.setOfferedServices(id, [world.service('ho-tich')]);
};
addOld('xa-cu-1', 'Xã Cũ Một', '90101');
addOld('xa-cu-2', 'Xã Cũ Hai', '90102');
db.prepare("UPDATE units SET official_code = '90101', valid_from = '2025-07-01' WHERE code = 'xa-a1'").run();
const state = (code: string) => db.prepare(`SELECT s.code AS successor, u.successor_from AS successorFrom, u.valid_to AS validTo, u.active
  FROM units u LEFT JOIN units s ON s.id = u.successor_id WHERE u.code = ?`).get(code);
const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM units ORDER BY id').all(), db.prepare("SELECT * FROM audit_log WHERE action NOT LIKE 'login.%' ORDER BY id").all()]);
let admin: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  await worldStaff(db);
  admin = await login(t.app, 'w-admin');
});
const merge = (agent: typeof admin, fields: Record<string, string>) => agent.post('/staff/mergers').type('form').send({ _csrf: agent.csrf, action: 'apply', ...fields });

describe('recording a merger', () => {
  test('the page: a preview that writes nothing, then one step with its audit row; the same merger again changes nothing', async () => {
    const before = snapshot();
    const preview = await merge(admin, { olds: 'xa-cu-2', into: 'xa-a1', date: '01/07/2025', action: 'preview' }).expect(200);
    expect(preview.text).toMatch(/<td>Sáp nhập<\/td><td><code>xa-cu-2<\/code><\/td><td>Xã Cũ Hai<\/td><td>→ Xã A Một \(xa-a1\) · 01\/07\/2025<\/td>/);
    expect(snapshot()).toBe(before);
    const done = await merge(admin, { olds: 'xa-cu-2', into: 'xa-a1', date: '01/07/2025' }).expect(303);
    expect(done.headers.location).toBe('/staff/mergers?ok=merged&n=1');
    const page = await admin.get(done.headers.location!);
    expect(page.text).toContain('Đã ghi nhận sáp nhập cho 1 đơn vị.');
    expect(page.text).toMatch(/Xã Cũ Hai<\/a> <code>xa-cu-2<\/code><\/th><td>\s*<span class="official" title="Mã đơn vị hành chính">90102<\/span>/);
    expect(state('xa-cu-2')).toEqual({ successor: 'xa-a1', successorFrom: '2025-07-01', validTo: '2025-06-30', active: 0 });
    const audit = db.prepare("SELECT user_id AS userId, action, details FROM audit_log WHERE action = 'unit.merge'").all();
    expect(audit).toEqual([{ userId: expect.any(Number), action: 'unit.merge', details: '{"units":["xa-cu-2"],"into":["xa-a1"],"dates":["2025-07-01"]}' }]);
    const again = await merge(admin, { olds: 'xa-cu-2', into: 'xa-a1', date: '1/7/2025' }).expect(303);
    expect(again.headers.location).toBe('/staff/mergers?ok=merged&n=0');
    expect(count(db, "audit_log WHERE action = 'unit.merge'")).toBe(1);
  });

  test('bad input: each problem in words, nothing written', async () => {
    const before = snapshot();
    const cases: [Record<string, string>, string][] = [
      [{ olds: 'xa-khong-co', into: 'xa-a1', date: '01/07/2025' }, 'Không tìm thấy đơn vị “xa-khong-co” (theo mã ngắn hoặc mã đơn vị hành chính).'],
      [{ olds: 'xa-a2', into: 'xa-a1', date: '31/06/2025' }, 'Ngày sáp nhập “31/06/2025” không hợp lệ; vui lòng viết dd/mm/yyyy.'],
      [{ olds: 'xa-a1', into: 'xa-a1', date: '01/07/2025' }, 'Đơn vị “xa-a1” không thể sáp nhập vào chính nó.'],
      [{ olds: 'xa-a2', into: 'xa-cu-2', date: '01/07/2025' }, 'Đơn vị “xa-cu-2” chỉ có hiệu lực đến 30/06/2025, trước ngày sáp nhập.'],
      [{ olds: 'xa-a1', into: 'xa-a2', date: '01/07/2025' }, 'Đơn vị “xa-a1” chỉ có hiệu lực từ 01/07/2025, không sớm hơn ngày sáp nhập.'],
      [{ olds: 'xa-a2 xa-a2', into: 'xa-a1', date: '01/07/2025' }, 'Đơn vị “xa-a2” được ghi hai lần.'],
      [{ olds: '', into: 'xa-a1', date: '01/07/2025' }, 'Vui lòng nhập các đơn vị cũ, đơn vị mới và ngày sáp nhập.'],
    ];
    for (const [fields, message] of cases) expect([fields.olds, (await merge(admin, fields).expect(422)).text]).toEqual([fields.olds, expect.stringContaining(message)]);
    const loop = await admin.post('/staff/import').type('form').send({ _csrf: admin.csrf, kind: 'mergers', action: 'apply', content: 'old,new,date\nxa-a2,xa-b1,01/07/2025\nxa-b1,xa-a2,01/07/2025\n' }).expect(422);
    expect(loop.text).toContain('Dòng 3: Sáp nhập “xa-b1” vào đơn vị này sẽ tạo thành vòng lặp.');
    const oversight = await login(t.app, 'w-oversight');
    expect((await merge(oversight, { olds: 'xa-b1', into: 'xa-a1', date: '01/07/2025' }).expect(422)).text).toContain('Anh/Chị không có quyền ghi nhận sáp nhập cho đơn vị “xa-b1”.');
    expect((await merge(oversight, { olds: 'xa-a2', into: 'xa-b1', date: '01/07/2025' }).expect(422)).text).toContain('Anh/Chị không có quyền chọn “xa-b1” làm đơn vị tiếp nhận.');
    const counter = await login(t.app, 'w-counter');
    expect((await merge(counter, { olds: 'xa-a2', into: 'xa-a1', date: '01/07/2025' })).status).toBe(403);
    expect(snapshot()).toBe(before);
  });

  test('the import: old and new unit by official code, which the date decides (90101 is Xã Cũ Một on 30/6, Xã A Một on 1/7)', async () => {
    const post = (content: string, action: string) => admin.post('/staff/import').type('form').send({ _csrf: admin.csrf, kind: 'mergers', action, content });
    const bad = await post('old_code,new_code,date\n90101,90101,01/07/2025\nxa-a2,90102,1/7/2025\n', 'apply').expect(422);
    expect(bad.text).toContain('Dòng 3: Mã đơn vị hành chính 90102 không thuộc đơn vị nào có hiệu lực ngày 01/07/2025.');
    expect(state('xa-cu-1')).toMatchObject({ successor: null });
    const preview = await post('old_code,new_code,date\n90101,90101,01/07/2025\n', 'preview').expect(200);
    expect(preview.text).toMatch(/<td>Sáp nhập<\/td><td><code>xa-cu-1<\/code><\/td><td>Xã Cũ Một<\/td><td>→ Xã A Một \(xa-a1\) · 01\/07\/2025<\/td>/);
    expect((await post('old_code,new_code,date\n90101,90101,01/07/2025\n', 'apply').expect(303)).headers.location).toBe('/staff/import?ok=imported&n=1');
    expect(state('xa-cu-1')).toEqual({ successor: 'xa-a1', successorFrom: '2025-07-01', validTo: '2025-06-30', active: 0 });
    expect(count(db, "audit_log WHERE action = 'unit.merge'")).toBe(2);
  });
});

describe('after the merger', () => {
  test('the old units\' responses roll into the new unit\'s figures with includeMerged, in one group, and the dashboard says so', async () => {
    storeResponse(db, { unit: 'xa-cu-1', date: '2025-03-10', answers: { overall: '5', c15: '5' } });
    storeResponse(db, { unit: 'xa-cu-2', date: '2025-04-10', answers: { overall: '4', c15: '2' } });
    storeResponse(db, { unit: 'xa-a1', date: '2025-08-10', answers: { overall: '5', c15: '4' } });
    const get = (q: string) => request(t.app).get(`/api/v1/figures?period=2025&unit=xa-a1${q}`).set('Authorization', `Bearer ${apiKeyFor(db, 'huyen-a')}`);
    expect((await get('')).body.responses).toBe(1);
    const merged = (await get('&includeMerged=true&groupBy=unit')).body;
    expect(merged.responses).toBe(3);
    expect(merged.groups.map((g: { unit: { code: string }; responses: number }) => [g.unit.code, g.responses])).toEqual([['xa-a1', 3]]);
    const plain = await admin.get('/staff/dashboard?period=2025&unit=xa-a1');
    expect(plain.text).toContain('Số liệu chưa gồm 2 phiếu của các đơn vị đã sáp nhập vào đơn vị được chọn (Xã Cũ Hai, Xã Cũ Một)');
    const included = await admin.get('/staff/dashboard?period=2025&unit=xa-a1&includeMerged=true');
    expect(included.text).toContain('<p id="merged-note" class="merged-note">Số liệu gồm cả 2 phiếu của các đơn vị đã sáp nhập vào đơn vị được chọn: Xã Cũ Hai, Xã Cũ Một.</p>');
    expect((await admin.get('/staff/dashboard?period=2025&unit=xa-a2')).text).not.toContain('merged-note');
  });

  test('an old poster leads to the successor\'s survey and stores nothing; its kiosk too; the successor takes responses', async () => {
    const before = count(db, 'responses');
    const old = await request(t.app).get('/s/q-xa-cu-2-0001').expect(410);
    expect(old.text).toContain('Từ ngày 01/07/2025, Xã Cũ Hai đã sáp nhập vào Xã A Một.');
    expect(old.text).toContain(`<a href="/s/${world.pointCode('xa-a1')}">Xã A Một — Quầy Xã A Một</a>`);
    await request(t.app).post('/s/q-xa-cu-2-0001').type('form').send({ sid: 'abcdefghijklmnopqrstuv', overall: '5' }).expect(410);
    const kiosk = await request(t.app).post('/k/q-xa-cu-2-0001').type('form').send({ sid: 'abcdefghijklmnopqrstuv', overall: '5' }).expect(410);
    expect(kiosk.text).toContain('Từ ngày 01/07/2025, Xã Cũ Hai đã sáp nhập vào Xã A Một.');
    expect(count(db, 'responses')).toBe(before);
    const form = await request(t.app).get(`/s/${world.pointCode('xa-a1')}`).expect(200);
    await request(t.app).post(`/s/${world.pointCode('xa-a1')}`).type('form').send({ sid: sidOf(form.text), overall: '5' }).expect(303);
    expect(count(db, 'responses')).toBe(before + 1);
    expect((await request(t.app).get('/s/q-unknown-0001')).status).toBe(404);
  });

  test('a merger recorded ahead of its date: the unit takes responses until the day before, then its poster leads on', async () => {
    at = Date.parse('2026-03-10T03:00:00Z'); // 10/3/2026 in Vietnam
    await merge(admin, { olds: 'xa-a2', into: 'xa-a1', date: '01/04/2026' }).expect(303);
    expect(state('xa-a2')).toEqual({ successor: 'xa-a1', successorFrom: '2026-04-01', validTo: '2026-03-31', active: 1 });
    const code = world.pointCode('xa-a2');
    const invited = t.wired.invitations.create(t.wired.policy.ofUser({ id: 0, username: 'x', role: 'admin', unitId: world.unit('tinh-thu') }), { unitCode: 'xa-a2', serviceCode: 'ho-tich', createdBy: 'user:0' });
    expect((await request(t.app).get(`/s/${code}`)).status).toBe(200);
    at = Date.parse('2026-03-31T17:00:00Z'); // 00:00 on 1/4/2026 in Vietnam
    const page = await request(t.app).get(`/s/${code}`).expect(410);
    expect(page.text).toContain('Từ ngày 01/04/2026, Xã A Hai đã sáp nhập vào Xã A Một.');
    const token = invited.url.split('/i/')[1]!;
    expect((await request(t.app).get(`/i/${token}`).expect(410)).text).toContain('Mời Ông/Bà đánh giá sự phục vụ của Xã A Một:');
    const key = apiKeyFor(db, 'huyen-a');
    const refused = await request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${key}`).send({ unit: 'xa-a2', service: 'ho-tich' }).expect(400);
    expect(refused.body.error.message).toBe('Đơn vị “Xã A Hai” đã sáp nhập hoặc hết hiệu lực nên không nhận đánh giá mới.');
    // An official code names the unit that holds it today: 90101 is Xã A Một now, not Xã Cũ Một.
    const byOfficial = await request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${key}`).send({ unit: '90101', service: 'ho-tich' }).expect(201);
    const hash = db.prepare('SELECT unit_id FROM invitations ORDER BY id DESC LIMIT 1').pluck().get();
    expect([byOfficial.body.url, hash]).toEqual([expect.stringContaining('/i/'), world.unit('xa-a1')]);
  });
});

describe('the group of a merged unit is its last successor inside the selection (Êm → An → Bình)', () => {
  test('selecting An puts Êm\'s responses in An\'s group, never in a group of Bình; selecting their district puts all in Bình', async () => {
    const u = t.core.repos.units;
    const binh = u.insert({ code: 'xa-binh', name: 'Xã Bình', type: 'xa', parentId: world.unit('huyen-b') });
    const an = u.insert({ code: 'xa-an', name: 'Xã An', type: 'xa', parentId: world.unit('huyen-b') });
    const em = u.insert({ code: 'xa-em', name: 'Xã Êm', type: 'xa', parentId: world.unit('huyen-b') });
    u.setSuccessor(em, an);
    u.setSuccessor(an, binh);
    for (const [unit, overall] of [['xa-em', '5'], ['xa-em', '5'], ['xa-an', '4'], ['xa-binh', '1']] as const) storeResponse(db, { unit, date: '2026-02-02', answers: { overall } });
    const get = (unit: string) => request(t.app).get(`/api/v1/figures?period=2026-Q1&unit=${unit}&groupBy=unit&includeMerged=true`).set('Authorization', `Bearer ${apiKeyFor(db, 'tinh-thu')}`);
    const groups = async (unit: string) => ((await get(unit)).body.groups as { unit: { code: string }; responses: number }[]).map((g) => [g.unit.code, g.responses]);
    expect(await groups('xa-an')).toEqual([['xa-an', 3]]);
    expect(await groups('huyen-b')).toEqual([['xa-binh', 4]]);
    expect(await groups('xa-em')).toEqual([['xa-em', 2]]);
    expect(unitId(db, 'xa-an')).toBe(an);
  });
});
