import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NATIONAL_LIST, readNationalList } from '../server/units/national-list';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { createTestApp, count } from './helpers/test-app';
import { createUser, login } from './helpers/staff';

describe('the national list of units since 1/7/2025 (data/vn-units-2025.json)', () => {
  const list = readNationalList();
  const text = fs.readFileSync(NATIONAL_LIST, 'utf8');
  // Counted in the file's own text, one unit a line, independently of the reader.
  const inText = (type: string) => (text.match(new RegExp(`"type":"${type}"`, 'g')) ?? []).length;

  test('the whole file: 34 provinces and 3,321 commune-level units, each type counted', () => {
    const units = list.provinces.flatMap((p) => p.units);
    expect(list.provinces).toHaveLength(34);
    expect(units).toHaveLength(3321);
    const types = (xs: { type: string }[]) => Object.fromEntries(['xa', 'phuong', 'dac_khu', 'tinh', 'thanh_pho'].map((ty) => [ty, xs.filter((x) => x.type === ty).length]));
    expect(types(units)).toEqual({ xa: inText('xa'), phuong: inText('phuong'), dac_khu: inText('dac_khu'), tinh: 0, thanh_pho: 0 });
    expect(types(list.provinces)).toMatchObject({ tinh: inText('tinh'), thanh_pho: inText('thanh_pho') });
    expect(inText('xa') + inText('phuong') + inText('dac_khu')).toBe(3321);
    expect([inText('xa'), inText('phuong'), inText('dac_khu')]).toEqual([2611, 697, 13]);
    expect(new Set(units.map((u) => u.code)).size).toBe(3321);
  });

  test('Gia Lai (52): 135 units, 110 xã and 25 phường, among them the five that replaced Tây Sơn\'s', () => {
    const gl = list.provinces.find((p) => p.code === '52')!;
    expect(gl).toMatchObject({ name: 'Tỉnh Gia Lai', type: 'tinh' });
    expect([gl.units.length, gl.units.filter((u) => u.type === 'xa').length, gl.units.filter((u) => u.type === 'phuong').length]).toEqual([135, 110, 25]);
    expect(gl.units.find((u) => u.code === '21808')).toMatchObject({ name: 'Xã Tây Sơn', before: 'Thị trấn Phú Phong, Xã Tây Xuân, Xã Bình Nghi' });
  });

  test('a damaged file is refused with the path of the bad field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-'));
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ source: 'x', provinces: [{ code: '52', name: 'Tỉnh', nameEn: 'P', type: 'tinh', before: null, units: [{ code: '1', name: 'Xã', nameEn: 'C', type: 'xa', before: null }] }] }));
    expect(() => readNationalList(file)).toThrow('bad.json: provinces.0.units.0.code');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('adding a province with all its communes', () => {
  test('on an empty database: Gia Lai and its 135 units once, audited; a second run changes nothing and writes no row', () => {
    const t = createTestApp({ seed: false });
    const first = t.core.provinces.apply(null, '52');
    expect([first.create, first.exists]).toEqual([136, 0]);
    expect(count(t.db, "units WHERE valid_from = '2025-07-01' AND official_code IS NOT NULL")).toBe(136);
    const gl = t.db.prepare("SELECT id, code, parent_id AS parentId FROM units WHERE official_code = '52'").get() as { id: number; code: string; parentId: number | null };
    expect(gl).toMatchObject({ code: 'tinh-gia-lai', parentId: null });
    expect(count(t.db, `units WHERE parent_id = ${gl.id}`)).toBe(135);
    expect(t.db.prepare("SELECT code, name, type FROM units WHERE official_code = '21808'").get()).toEqual({ code: 'xa-tay-son', name: 'Xã Tây Sơn', type: 'xa' });
    expect(t.db.prepare("SELECT action, target, details FROM audit_log").all()).toEqual([{ action: 'unit.add_province', target: 'province:52', details: '{"province":"52","created":136}' }]);
    const before = JSON.stringify(t.db.prepare('SELECT * FROM units ORDER BY id').all());
    const second = t.core.provinces.apply(null, '52');
    expect([second.create, second.exists]).toEqual([0, 136]);
    expect(JSON.stringify(t.db.prepare('SELECT * FROM units ORDER BY id').all())).toBe(before);
    expect(count(t.db, 'audit_log')).toBe(1);
  });

  test('beside the demo: its six units are matched by official code (not Phú Phong, 21808 until 30/6/2025), 130 are created', () => {
    const t = createTestApp();
    const plan = t.core.provinces.plan('52');
    expect([plan.create, plan.exists]).toEqual([130, 6]);
    expect(plan.rows.find((r) => r.officialCode === '21808')!.existing).toMatchObject({ code: 'xa-tay-son' });
    t.core.provinces.apply(null, '52');
    expect(count(t.db, "units WHERE official_code = '21808'")).toBe(2);
    expect(count(t.db, `units WHERE parent_id = (SELECT id FROM units WHERE code = 'tinh-gia-lai')`)).toBe(135);
  });

  test('the staff page: an admin picks the province, sees what will be created and what exists, confirms; others get 403', async () => {
    const t = createTestApp();
    await createUser(t.db, 'p-admin', 'admin', 'tinh-gia-lai');
    await createUser(t.db, 'p-over', 'oversight', 'tinh-gia-lai');
    const admin = await login(t.app, 'p-admin');
    const pick = await admin.get('/staff/provinces').expect(200);
    expect(pick.text).toContain('52 · Tỉnh Gia Lai (đã có 6/136)');
    const preview = await admin.get('/staff/provinces?code=52').expect(200);
    expect(preview.text).toContain('136 đơn vị (tỉnh và các đơn vị cấp xã): sẽ tạo mới 130, đã có 6.');
    expect(preview.text).toMatch(/<td>21808<\/td><th scope="row">Xã Tây Sơn<\/th><td>Xã<\/td><td><code>xa-tay-son<\/code><\/td>\s*<td><a href="\/staff\/units\/\d+">Đã có<\/a>/);
    expect(preview.text).toMatch(/<td>21553<\/td><th scope="row">Phường Quy Nhơn Bắc<\/th><td>Phường<\/td><td><code>phuong-quy-nhon-bac<\/code><\/td>\s*<td>Sẽ tạo mới/);
    expect(count(t.db, 'units')).toBe(23);
    const done = await admin.post('/staff/provinces').type('form').send({ _csrf: admin.csrf, code: '52' }).expect(303);
    expect(done.headers.location).toBe('/staff/provinces?code=52&ok=added&n=130');
    expect((await admin.get(done.headers.location!)).text).toContain('Đã thêm 130 đơn vị.');
    const again = await admin.post('/staff/provinces').type('form').send({ _csrf: admin.csrf, code: '52' }).expect(303);
    const page = await admin.get(again.headers.location!);
    expect(page.text).toContain('Không có gì thay đổi: tất cả đơn vị đã có.');
    expect(page.text).toContain('Tất cả đơn vị của tỉnh, thành phố này đã có; không có gì để thêm.');
    expect(count(t.db, 'units')).toBe(153);
    expect((await admin.get('/staff/provinces?code=99')).status).toBe(404);
    expect((await admin.get('/staff/provinces?code=abc')).status).toBe(400);
    const over = await login(t.app, 'p-over');
    expect((await over.get('/staff/provinces')).status).toBe(403);
    expect((await over.post('/staff/provinces').type('form').send({ _csrf: over.csrf, code: '12' })).status).toBe(403);
    expect(count(t.db, 'units')).toBe(153);
  });

  test('npm run units -- add-province 52: creates once, and a second run says it changed nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'units-cli-'));
    const file = path.join(dir, 'db.sqlite');
    const run = (...args: string[]) => execFileSync('npx', ['tsx', 'server/units/units.cli.ts', ...args, '--db', file], { encoding: 'utf8' });
    expect(run('add-province', '52', '--dry-run')).toContain('would create 136, already here 0');
    expect(run('add-province', '52')).toContain('Tỉnh Gia Lai (52): 136 units, the province and 135 communes; created 136, already here 0.');
    expect(run('add-province', '52')).toBe('Tỉnh Gia Lai (52): 136 units, the province and 135 communes; all already here (matched by official code), nothing changed.\n');
    const db = openDatabase(file);
    migrate(db);
    expect(count(db, 'units')).toBe(136);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
