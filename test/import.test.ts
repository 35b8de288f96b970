import fs from 'node:fs';
import path from 'node:path';
import { createTestApp, count } from './helpers/test-app';
import { createUser, login } from './helpers/staff';
import { parseImport } from '../server/admin/import.parse';

const example = (f: string) => fs.readFileSync(path.join(__dirname, '..', 'data', 'seed', f), 'utf8');

describe('bulk import', () => {
  const t = createTestApp();
  beforeAll(() => createUser(t.db, 'admin1', 'admin', 'tinh-gia-lai'));
  const post = async (kind: string, action: string, content: string) => {
    const a = await login(t.app, 'admin1');
    return a.post('/staff/import').type('form').send({ _csrf: a.csrf, kind, action, content });
  };

  test('CSV parsing keeps quoted commas, doubled quotes, newlines in quotes and line numbers', () => {
    const r = parseImport('\uFEFFcode,name\r\na,"Xã ""A"", B"\r\n\r\nb,"two\nlines"\nc,C\n');
    if (!r.ok) throw new Error('parse failed');
    expect(r.records.map((x) => [x.line, x.fields.code, x.fields.name])).toEqual([[2, 'a', 'Xã "A", B'], [4, 'b', 'two\nlines'], [6, 'c', 'C']]);
  });

  test('a dry run shows what would change and writes nothing', async () => {
    const before = count(t.db, 'units');
    const res = await post('units', 'preview', example('import-units.example.csv'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Xem trước: chưa có gì được lưu');
    expect(res.text).toContain('Phường Quy Nhơn Bắc');
    expect(res.text).toMatch(/Thêm mới/);
    expect(res.text).toMatch(/Không đổi/); // tinh-gia-lai exists with the same data
    expect(count(t.db, 'units')).toBe(before);
  });

  test('any bad row: every bad row is reported with its line, and nothing is imported', async () => {
    const before = count(t.db, 'units');
    const csv = 'code,name,type,parent_code\nok-one,Xã Một,xa,tinh-gia-lai\nBad Code,Xã Hai,xa,tinh-gia-lai\nok-three,,xa,tinh-gia-lai\nok-four,Xã Bốn,lang,tinh-gia-lai\nok-five,Xã Năm,xa,nowhere\nok-one,Lặp,xa,tinh-gia-lai\n';
    const res = await post('units', 'apply', csv);
    expect(res.status).toBe(422);
    for (const line of [3, 4, 5, 6, 7]) expect(res.text).toContain(`Dòng ${line}:`);
    expect(res.text).not.toContain('Dòng 2:');
    expect(res.text).toContain('Chưa nhập dòng nào vì còn dòng lỗi');
    expect(count(t.db, 'units')).toBe(before);
  });

  test('apply imports all rows in one go, parents before children, and updates known codes', async () => {
    const res = await post('units', 'apply', example('import-units.example.csv'));
    expect(res.status).toBe(303);
    const row = t.db.prepare("SELECT c.name, p.code AS parent, c.official_code AS officialCode, c.valid_from AS validFrom FROM units c JOIN units p ON p.id = c.parent_id WHERE c.code = 'phuong-quy-nhon-bac'").get();
    // Its parent is named by official code (52): on 1/7/2025 that is Tỉnh Gia Lai, not Tỉnh Bình Định.
    expect(row).toEqual({ name: 'Phường Quy Nhơn Bắc', parent: 'tinh-gia-lai', officialCode: '21553', validFrom: '2025-07-01' });
    const again = await post('units', 'apply', 'code,name,type,parent_code\nphuong-quy-nhon,Phường Quy Nhơn (mới),phuong,tinh-gia-lai\n');
    expect(again.status).toBe(303);
    expect(t.db.prepare("SELECT name FROM units WHERE code = 'phuong-quy-nhon'").get()).toEqual({ name: 'Phường Quy Nhơn (mới)' });
  });

  test('services from JSON, with the line each object starts on when one is bad', async () => {
    const bad = '[\n  { "code": "thue", "nameVi": "Thuế" },\n  { "code": "x", "nameVi": "" }\n]';
    const res = await post('services', 'apply', bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dòng 3:');
    expect(t.db.prepare("SELECT id FROM services WHERE code = 'thue'").get()).toBeUndefined();
    const ok = await post('services', 'apply', example('import-services.example.json'));
    expect(ok.status).toBe(303);
    expect(t.db.prepare("SELECT name_vi FROM services WHERE code = 'van-hoa'").get()).toEqual({ name_vi: 'Văn hóa, thể thao và du lịch' });
  });

  test('an unknown column is refused', async () => {
    const res = await post('services', 'preview', 'code,name_vi,colour\nabc,Thử,red\n');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Cột “colour” không thuộc định dạng.');
  });
});
