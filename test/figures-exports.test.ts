import ExcelJS from 'exceljs';
import request from 'supertest';
import { createTestApp } from './helpers/test-app';
import { apiKeyFor, storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';
import { csvField, neutralise } from '../server/figures/export-cells';

/** Huyện A of a world of its own (test/helpers/world.ts): Xã A Một answers well, Xã A Hai badly; Xã A Một has an official code. */
function fixture() {
  // Threshold 1: these few responses are ranked (the few-answers rule itself is proved in report-exports.test.ts).
  const t = createTestApp({ seed: false, env: { FEW_ANSWERS_THRESHOLD: '1' } });
  buildWorld(t.core);
  t.db.prepare("UPDATE units SET official_code = '90001', valid_from = '2025-01-01' WHERE code = 'xa-a1'").run();
  const c15 = ['5', '5', '4', '3', '2'];
  c15.forEach((v, i) => storeResponse(t.db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-31', answers: { overall: '5', c15: v, c16: i < 2 ? '4' : 'na', p_info: 'nhieu' } }));
  storeResponse(t.db, { unit: 'xa-a2', date: '2025-02-01', answers: { overall: '2', c15: '1' }, texts: { comment: '=HYPERLINK("http://x","Bấm vào đây")' } });
  return { ...t, auth: { Authorization: `Bearer ${apiKeyFor(t.db, 'huyen-a')}` } };
}

const binary = (res: request.Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('exports', () => {
  test('XLSX: an information sheet and five tables, numbers as numbers, Vietnamese intact', async () => {
    const { app, auth } = fixture();
    const res = await request(app).get('/api/v1/exports/figures.xlsx?period=2025-Q1').set(auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('sipas-huyen-a-2025-01-01-2025-03-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thông tin', 'Theo đơn vị', 'Theo lĩnh vực', 'Theo yếu tố', 'Theo tiêu chí', 'Mong đợi']);
    const info = wb.getWorksheet('Thông tin')!;
    const infoText = info.getSheetValues().map((r) => (Array.isArray(r) ? r.join(' | ') : '')).join('\n');
    expect(infoText).toContain('Huyện A');
    expect(infoText).toContain('Quý I/2025');
    expect(infoText).toContain('sipas-2023 v1');
    expect(infoText).toContain('Chỉ số tiêu chí = 100 ×');
    const units = wb.getWorksheet('Theo đơn vị')!;
    const cells = (r: number, n: number) => Array.from({ length: n }, (_, i) => units.getRow(r).getCell(i + 1).value);
    expect(cells(1, 6).slice(1)).toEqual(['Mã đơn vị', 'Mã đơn vị hành chính', 'Đơn vị', 'Hiệu lực từ', 'Hiệu lực đến']);
    // Xã A Một: c15 60%, c16 100% → element I 80 = SIPAS; Xã A Hai: c15 0% → SIPAS 0.
    // In column order: rank, code, official code, name, valid from, valid until, responses, SIPAS, its status,
    // the change and the previous SIPAS (none: no responses in Q4 2024), overall rate, its n, element I and its n.
    expect(cells(2, 15)).toEqual([1, 'xa-a1', '90001', 'Xã A Một', '01/01/2025', null, 5, 80, 'Chưa đạt', null, null, 100, 5, 80, 7]);
    expect(typeof units.getRow(2).getCell(8).value).toBe('number');
    expect(units.getRow(3).getCell(4).value).toBe('Xã A Hai');
    const criteria = wb.getWorksheet('Theo tiêu chí')!;
    expect(criteria.getRow(2).getCell(3).value).toMatch(/^Cơ quan cung cấp thông tin/);
    expect(criteria.getRow(2).getCell(4).value).toBe(6);
    expect(criteria.getRow(2).getCell(5).value).toBe(50);
    const services = wb.getWorksheet('Theo lĩnh vực')!;
    expect(services.getColumn(3).values).toEqual(expect.arrayContaining(['Hộ tịch', 'Không chọn lĩnh vực']));
    expect(wb.getWorksheet('Mong đợi')!.getRow(2).values).toEqual(expect.arrayContaining([1, 'Thông tin cho người dân', 5, 100]));
    expect((wb.getWorksheet('Mong đợi')!.getRow(2).values as unknown[]).slice(1)).toEqual([1, 'Thông tin cho người dân', 5, 0, 5, 0, 100]);
  });

  test('CSV of a table: UTF-8 with BOM, one decimal', async () => {
    const { app, auth } = fixture();
    const res = await request(app).get('/api/v1/exports/figures.csv?period=2025-Q1&table=criteria').set(auth).buffer(true).parse(binary);
    const text = (res.body as Buffer).toString('utf8');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^"Yếu tố","Tiêu chí số","Nội dung tiêu chí","n","Chỉ số hài lòng \(%\)"/);
    expect(lines[1]).toMatch(/^"I",15,"Cơ quan cung cấp thông tin.*",6,50,"Chưa đạt",,3.3,1,1,1,1,2,18.8,81.2,"Không"$/);
  });

  test('raw responses: one row per response, one column per question, formulas neutralised', async () => {
    const { app, auth } = fixture();
    const res = await request(app).get('/api/v1/exports/responses.csv?period=2025-Q1&unit=huyen-a').set(auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const lines = (res.body as Buffer).toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(7);
    // Every text field is quoted; none of these holds a comma.
    const cells = (line: string) => line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const header = cells(lines[0]!);
    expect(header.slice(0, 8)).toEqual(['response_id', 'local_date', 'created_at_utc', 'unit_code', 'unit_name', 'unit_official_code', 'unit_valid_from', 'unit_valid_to']);
    const col = (name: string) => header.indexOf(name);
    const first = cells(lines[1]!);
    expect([first[col('unit_code')], first[col('service_code')], first[col('overall')], first[col('c15')], first[col('c16')], first[col('p_info')]]).toEqual(['xa-a1', 'ho-tich', '5', '5', '4', 'nhieu']);
    expect([first[col('unit_official_code')], first[col('unit_valid_from')], first[col('unit_valid_to')]]).toEqual(['90001', '2025-01-01', '']);
    expect(cells(lines[3]!)[col('c16')]).toBe('na');
    expect(lines[6]).toContain(`"'=HYPERLINK(""http://x"",""Bấm vào đây"")"`);
    expect((await request(app).get('/api/v1/exports/responses.csv?period=2025-Q1')).status).toBe(401);
    expect(first[col('flag_reasons')]).toBe('');
  });

  test('raw responses name the abuse rules a flagged response broke', async () => {
    const { app, auth, db } = fixture();
    db.prepare("UPDATE responses SET flagged = 1, flag_reasons = 32 | 256 WHERE id = (SELECT min(id) FROM responses)").run();
    const res = await request(app).get('/api/v1/exports/responses.csv?period=2025-Q1&unit=huyen-a&includeFlagged=true').set(auth).buffer(true).parse(binary);
    const lines = (res.body as Buffer).toString('utf8').slice(1).trimEnd().split('\r\n');
    const cells = (line: string) => line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const header = cells(lines[0]!);
    const rows = lines.slice(1).map(cells);
    const flagged = rows.filter((r) => r[header.indexOf('flagged')] === '1');
    expect(flagged.map((r) => r[header.indexOf('flag_reasons')])).toEqual(['sid_fresh;no_device']);
    expect(rows.filter((r) => r[header.indexOf('flagged')] === '0').every((r) => r[header.indexOf('flag_reasons')] === '')).toBe(true);
  });

  test('every cell that a spreadsheet would run as a formula is neutralised', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise('Hài lòng')).toBe('Hài lòng');
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
  });
});
