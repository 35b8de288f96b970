import { spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { login } from './helpers/staff';
import { htmlTable, PERIOD, reportFixture } from './helpers/report-fixtures';
import { readDocx } from './helpers/docx-text';
import { ROOT } from '../server/config';

const binary = (res: import('supertest').Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
};
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&#34;/g, '"').replace(/&#39;/g, "'");
/** A table of the report by its head row's first cells. */
const tableStarting = (tables: string[][][], ...head: string[]) => tables.find((t) => head.every((h, i) => t[0]?.[i] === h))!;

async function setup() {
  const t = await reportFixture();
  const agent = await login(t.app, 'r-oversight');
  const page = (await agent.get(`/staff/dashboard?period=${PERIOD}`).expect(200)).text;
  const res = await agent.get(`/api/v1/exports/report.docx?period=${PERIOD}`).buffer(true).parse(binary).expect(200);
  return { ...t, agent, page, res, doc: await readDocx(res.body as Buffer) };
}

describe('the report document (.docx)', () => {
  test('national heading, title, summary and signature block; every number equal to the dashboard, to the decimal', async () => {
    const { page, res, doc } = await setup();
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('bao-cao-sipas-t-tinh-2026-01-01-2026-03-31.docx');
    const [left, right] = doc.tables[0]![0]!;
    expect(left).toContain('Tỉnh Thử Nghiệm');
    expect(right).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc―――――――Thử Nghiệm, ngày 10 tháng 5 năm 2026');
    expect(doc.paragraphs).toContain('BÁO CÁO');
    expect(doc.paragraphs).toContain('Kết quả khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước — Quý I/2026: 01/01/2026 – 31/03/2026');
    // The summary: the same sentences as the dashboard's.
    const summary = [...page.slice(page.indexOf('id="summary"'), page.indexOf('</section>', page.indexOf('id="summary"'))).matchAll(/<li>([^<]+)<\/li>/g)].map((m) => decode(m[1]!));
    expect(summary.length).toBeGreaterThan(5);
    for (const line of summary) expect(doc.paragraphs).toContain(`– ${line}`);
    expect(doc.paragraphs).toContain('3/4 đơn vị chưa đạt mục tiêu 90%:');
    // The ranking of units: rank, name, responses, SIPAS, the change and the overall rate as on the dashboard.
    const units = tableStarting(doc.tables, 'Hạng', 'Đơn vị');
    const dashboardUnits = htmlTable(page, 'Các đơn vị');
    expect(units.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[5], r[6]!.split(' ')[0], `n=${/n=(\d+)/.exec(r[6]!)![1]}`]))
      .toEqual(dashboardUnits.map((r) => [r[0], r[1], r[2], r[3]!.split(' ')[0], r[4], r[5]!.split(' ')[0], r[5]!.split(' ')[1]]));
    expect(units.find((r) => r[1] === 'Xã Cát Tiên')).toEqual(['—', 'Xã Cát Tiên', '2', '0,0', 'Chưa đạt', '—', '0,0 (n=2)', '⚠ dưới 4 phiếu']);
    // The elements of each unit, with n, as in the dashboard's columns.
    const byUnit = tableStarting(doc.tables, 'Đơn vị', 'I. Tiếp cận dịch vụ');
    expect(byUnit.slice(1).map((r) => r.map((c) => c.replace(/ \((n=\d+)\)/, ' $1')))).toEqual(dashboardUnits.map((r) => [r[1], ...r.slice(6, 11)]));
    // Criteria: index, n, change and mean of every answered criterion.
    const criteria = tableStarting(doc.tables, 'Tiêu chí', 'Chỉ số (%)');
    const dashboardCriteria = htmlTable(page, 'Số câu trả lời theo mức, yếu tố I. Tiếp cận dịch vụ');
    for (const r of dashboardCriteria) {
      const row = criteria.find((c) => c[0] === r[0])!;
      expect([row[1], row[2], row[3], row[4]]).toEqual([r[1]!.split(' ')[0], r[1]!.split('n=')[1], r[2], r[3]]);
    }
    const priorities = tableStarting(doc.tables, 'Hạng', 'Nội dung');
    const section = page.slice(page.indexOf('id="h-priorities"'), page.indexOf('</table>', page.indexOf('id="h-priorities"')));
    const dashboardPriorities = [...section.matchAll(/<tr><td class="num">([^<]+)<\/td><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<span class="n">n=(\d+)/g)].map((m) => [m[1], decode(m[2]!), m[3]!.trim(), m[4]]);
    expect(dashboardPriorities).toHaveLength(6);
    expect(priorities.slice(1)).toEqual(dashboardPriorities);
    const sig = doc.tables[doc.tables.length - 1]![0]!;
    expect(sig).toEqual(['Người lập biểu(Ký, ghi rõ họ tên)', 'Thủ trưởng cơ quan(Ký, ghi rõ họ tên)']);
  });

  test('the charts are PNG images Word and LibreOffice read; no free text, nothing of a flagged response', async () => {
    const { doc } = await setup();
    expect(doc.media.length).toBeGreaterThan(10);
    for (const png of doc.media) expect(PNG.sync.read(png)).toMatchObject({ width: 520, height: 36 });
    expect(doc.xml).not.toContain('Góp ý riêng tư');
  });

  test('the agency, place and signers come from the unit report settings', async () => {
    const { db, agent } = await setup();
    const unit = (db.prepare("SELECT id FROM units WHERE code = 't-tinh'").get() as { id: number }).id;
    db.prepare(`INSERT INTO report_settings (unit_id, parent_agency, agency_name, place, preparer_title, preparer_name, head_title, head_name, updated_at)
      VALUES (?, 'Bộ Thử', 'Sở Nội vụ Thử', 'Quy Nhơn', 'Chuyên viên', 'Nguyễn Văn A', 'Giám đốc', 'Trần Thị B', '2026-05-01T00:00:00Z')`).run(unit);
    const res = await agent.get(`/api/v1/exports/report.docx?period=${PERIOD}`).buffer(true).parse(binary).expect(200);
    const doc = await readDocx(res.body as Buffer);
    expect(doc.tables[0]![0]![0]).toBe('Bộ ThửSở Nội vụ Thử―――――――Số:        /BC-');
    expect(doc.tables[0]![0]![1]).toContain('Quy Nhơn, ngày 10 tháng 5 năm 2026');
    expect(doc.tables[doc.tables.length - 1]![0]).toEqual(['Chuyên viên(Ký, ghi rõ họ tên)Nguyễn Văn A', 'Giám đốc(Ký, ghi rõ họ tên)Trần Thị B']);
  });

  test('the same rules as the exports: no session, no key → 401; a commune office cannot read its province', async () => {
    const { app } = await setup();
    const request = (await import('supertest')).default;
    expect((await request(app).get(`/api/v1/exports/report.docx?period=${PERIOD}`)).status).toBe(401);
    const commune = await login(app, 'r-commune');
    expect((await commune.get(`/api/v1/exports/report.docx?period=${PERIOD}&unit=t-tinh`)).status).toBe(403);
    expect((await commune.get(`/api/v1/exports/report.docx?period=${PERIOD}&unit=t-an`)).status).toBe(200);
  });

  test('the docx library is not loaded by a server at rest', () => {
    const script = "require('./server/app'); console.log(Object.keys(require.cache).some((k) => k.includes('node_modules/docx/')) ? 'loaded' : 'not loaded')";
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('not loaded');
  });
});
