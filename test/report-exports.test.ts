import ExcelJS from 'exceljs';
import { formatters } from '../server/dashboard/dashboard.format';
import { login } from './helpers/staff';
import { first, htmlTable, PERIOD, reportFixture } from './helpers/report-fixtures';

/** The cells of one CSV line (RFC 4180 quotes), split on `sep`. */
function cells(line: string, sep: string): string[] {
  const out: string[] = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) { out.push(cell); cell = ''; } else cell += c;
  }
  return [...out, cell];
}

const f = formatters('vi');
const binary = (res: import('supertest').Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

async function setup() {
  const t = await reportFixture();
  const agent = await login(t.app, 'r-oversight');
  const page = (await agent.get(`/staff/dashboard?period=${PERIOD}`).expect(200)).text;
  const get = (path: string) => agent.get(path).buffer(true).parse(binary).expect(200).then((r) => r.body as Buffer);
  return { ...t, agent, page, get };
}

describe('exports equal the dashboard, number for number', () => {
  test('XLSX: values, cell types and number formats, page setup, the info sheet', async () => {
    const { page, get } = await setup();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(`/api/v1/exports/figures.xlsx?period=${PERIOD}`)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo đơn vị')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => head.indexOf(h) + 1;
    // A unit by its short code, official code, name and validity (issue 10), then its figures.
    expect(head.slice(0, 12)).toEqual(['Xếp hạng', 'Mã đơn vị', 'Mã đơn vị hành chính', 'Đơn vị', 'Hiệu lực từ', 'Hiệu lực đến', 'Số phiếu', 'Chỉ số SIPAS (%)', 'Đạt mục tiêu 90%', 'Thay đổi so với kỳ trước (điểm %)', 'SIPAS kỳ trước (%)', 'Tỷ lệ hài lòng chung (%)']);
    expect(head).toContain('I. Tiếp cận dịch vụ (%)');
    expect(head).toContain('n – I. Tiếp cận dịch vụ');
    const dashboard = htmlTable(page, 'Các đơn vị');
    expect(dashboard).toHaveLength(4);
    const byName = new Map(Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2)).map((r) => [r.getCell(col('Đơn vị')).value, r]));
    for (const cells of dashboard) {
      const [rank, name, responses, sipas, delta, overall] = cells;
      const row = byName.get(name!)!;
      expect(row).toBeDefined();
      expect(row.getCell(1).value ?? '—').toEqual(rank === '—' ? '—' : Number(rank));
      expect(f.num(row.getCell(col('Số phiếu')).value as number)).toBe(responses);
      expect(f.pct(row.getCell(col('Chỉ số SIPAS (%)')).value as number | null)).toBe(first(sipas));
      expect(f.delta(row.getCell(col('Thay đổi so với kỳ trước (điểm %)')).value as number | null, 0)).toBe(delta);
      expect(f.pct(row.getCell(col('Tỷ lệ hài lòng chung (%)')).value as number | null)).toBe(first(overall));
      expect(f.pct(row.getCell(col('I. Tiếp cận dịch vụ (%)')).value as number | null)).toBe(first(cells[6]));
      expect(String(row.getCell(col('n – I. Tiếp cận dịch vụ')).value)).toBe(cells[6]!.split('n=')[1]);
    }
    // The province's own counter is labelled as its office; the commune below the threshold has no rank.
    expect(byName.get('Bộ phận Một cửa — Tỉnh Thử Nghiệm')!.getCell(1).value).toEqual(expect.any(Number));
    expect(byName.get('Xã Cát Tiên')!.getCell(1).value).toBeNull();
    const an = byName.get('Xã An Bình')!;
    expect(an.getCell(col('Số phiếu')).type).toBe(ExcelJS.ValueType.Number);
    expect(an.getCell(col('Số phiếu')).numFmt).toBe('0');
    expect(an.getCell(col('Chỉ số SIPAS (%)')).numFmt).toBe('0.0');
    expect(an.getCell(col('Thay đổi so với kỳ trước (điểm %)')).numFmt).toBe('+0.0;-0.0;0.0');
    expect(an.getCell(col('Đạt mục tiêu 90%')).value).toMatch(/^(Đạt|Chưa đạt)$/);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const criteria = wb.getWorksheet('Theo tiêu chí')!;
    expect(criteria.getRow(2).getCell(3).alignment?.wrapText).toBe(true);
    expect(criteria.getRow(2).getCell(8).numFmt).toBe('0.0');
    const c15 = htmlTable(page, 'Số câu trả lời theo mức, yếu tố I. Tiếp cận dịch vụ')[0]!;
    expect(f.pct(criteria.getRow(2).getCell(5).value as number)).toBe(first(c15[1]));
    expect(f.pct(criteria.getRow(2).getCell(8).value as number)).toBe(c15[3]);
    expect(f.delta(criteria.getRow(2).getCell(7).value as number, 0)).toBe(c15[2]);

    const info = wb.getWorksheet('Thông tin')!;
    const rows = new Map(Array.from({ length: info.rowCount }, (_, i) => info.getRow(i + 1)).map((r) => [r.getCell(1).value, r.getCell(2)]));
    expect(rows.get('Từ ngày')!.value).toBe('01/01/2026');
    expect(rows.get('Đến ngày')!.value).toBe('31/03/2026');
    expect(rows.get('Thời điểm lập')!.value).toBe('10/05/2026 10:00 (UTC+7)');
    expect(rows.get('Đơn vị')!.value).toBe('Tỉnh Thử Nghiệm');
    const sipas = rows.get('Chỉ số SIPAS (%)')!;
    expect(sipas.numFmt).toBe('0.0');
    expect(`${f.pct(sipas.value as number)}%`).toBe(/id="sipas-value">([^<]+)</.exec(page)![1]);
    expect(Number.isInteger((sipas.value as number) * 10)).toBe(true);
    for (const r of rows.values()) if (typeof r.value === 'string') expect(r.value).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test('CSV: the plain one unchanged in form; the one for Vietnamese Excel with ";", "," decimals and a BOM', async () => {
    const { page, get } = await setup();
    const plain = (await get(`/api/v1/exports/figures.csv?period=${PERIOD}&table=units`)).toString('utf8');
    const vn = (await get(`/api/v1/exports/figures.csv?period=${PERIOD}&table=units&format=vn`)).toString('utf8');
    for (const csv of [plain, vn]) expect(csv.charCodeAt(0)).toBe(0xfeff);
    const vnLines = vn.slice(1).trimEnd().split('\r\n').map((l) => cells(l, ';'));
    expect(vnLines[0]!.slice(0, 8)).toEqual(['Xếp hạng', 'Mã đơn vị', 'Mã đơn vị hành chính', 'Đơn vị', 'Hiệu lực từ', 'Hiệu lực đến', 'Số phiếu', 'Chỉ số SIPAS (%)']);
    const plainLines = plain.slice(1).trimEnd().split('\r\n').map((l) => cells(l, ','));
    for (const [rank, name, responses, sipas, delta] of htmlTable(page, 'Các đơn vị')) {
      const row = vnLines.find((l) => l[3] === name)!;
      expect([row[0] || '—', row[6], row[7], row[9] ? f.delta(Number(row[9].replace(',', '.')), 0) : '—']).toEqual([rank, responses, first(sipas), delta]);
      const p = plainLines.find((l) => l[3] === name)!;
      expect(p[7] ? f.pct(Number(p[7])) : '—').toBe(first(sipas));
      if (p[7]) expect(p[7]).not.toContain(';');
    }
    expect(vn).toMatch(/;\d+,\d;/);
    const criteria = (await get(`/api/v1/exports/figures.csv?period=${PERIOD}&table=criteria&format=vn`)).toString('utf8');
    // Every text is quoted (a formula character after a separator is neutralised); numbers are not.
    expect(criteria.split('\r\n')[1]).toMatch(/^"I";15;"Cơ quan cung cấp thông tin về việc giải quyết thủ tục hành chính theo nhiều hình thức, dễ tiếp cận/);
  });

  test('raw CSV: codes by default, the question short text with headers=vi, ";" with format=vn', async () => {
    const { get } = await setup();
    const codes = (await get(`/api/v1/exports/responses.csv?period=${PERIOD}`)).toString('utf8').slice(1).split('\r\n');
    expect(codes[0]).toMatch(/^"response_id","local_date","created_at_utc","unit_code",/);
    const vi = (await get(`/api/v1/exports/responses.csv?period=${PERIOD}&headers=vi`)).toString('utf8').slice(1).split('\r\n');
    const header = cells(vi[0]!, ',');
    expect(header.slice(0, 4)).toEqual(['Mã phiếu', 'Ngày (giờ Việt Nam)', 'Thời điểm gửi (UTC)', 'Mã đơn vị']);
    expect(header).toContain('15. Cơ quan cung cấp thông tin về việc giải quyết thủ tục hành…');
    expect(header).toEqual(expect.arrayContaining(['Đánh giá chung', 'Mong đợi: Thông tin cho người dân', 'Giới tính', 'Ý kiến khác']));
    expect(vi.slice(1)).toEqual(codes.slice(1));
    const vn = (await get(`/api/v1/exports/responses.csv?period=${PERIOD}&headers=vi&format=vn`)).toString('utf8').slice(1).split('\r\n');
    expect(vn[0]).toMatch(/^"Mã phiếu";"Ngày \(giờ Việt Nam\)";/);
    expect(cells(vn[1]!, ';')).toHaveLength(cells(vn[0]!, ';').length);
    const en = (await get(`/api/v1/exports/responses.csv?period=${PERIOD}&headers=en`)).toString('utf8');
    expect(en.slice(1)).toMatch(/^"Response no\.","Date \(Vietnam time\)"/);
  });

  test('a bad format or headers value is a translated 400 and writes nothing', async () => {
    const { agent, db } = await setup();
    const before = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'export.%'").get();
    for (const q of ['format=xls', 'headers=fr', 'table=everything']) {
      const r = await agent.get(`/api/v1/exports/figures.csv?period=${PERIOD}&${q}`);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'figures.errors.bad_param']);
    }
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'export.%'").get()).toEqual(before);
    expect(text((await agent.get(`/staff/dashboard?period=${PERIOD}`)).text)).toContain('3/4 đơn vị chưa đạt mục tiêu 90%');
  });
});
