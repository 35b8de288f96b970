import { login } from './helpers/staff';
import { reportFixture } from './helpers/report-fixtures';

const unitId = (db: import('../server/db/open-database').Db, code: string) => (db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number }).id;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');

describe('report settings of a unit', () => {
  test('oversight saves the heading and signers; the dashboard prints them; the row and the audit say who', async () => {
    const { app, db } = await reportFixture();
    const agent = await login(app, 'r-oversight');
    const id = unitId(db, 't-tinh');
    const page = await agent.get(`/staff/units/${id}/report-settings`).expect(200);
    expect(text(page.text)).toContain('Đơn vị chưa công khai kết quả.');
    const form = { _csrf: agent.csrf, parentAgency: 'Bộ Thử', agencyName: 'Sở Nội vụ Thử', place: 'Pleiku', preparerTitle: 'Chuyên viên', preparerName: ' Nguyễn Văn A ', headTitle: 'Giám đốc', headName: '', publicResults: '1' };
    const saved = await agent.post(`/staff/units/${id}/report-settings`).type('form').send(form);
    expect([saved.status, saved.headers.location]).toEqual([303, `/staff/units/${id}/report-settings?ok=saved`]);
    expect(db.prepare('SELECT parent_agency, agency_name, place, preparer_name, head_name, public_results, updated_at FROM report_settings WHERE unit_id = ?').get(id))
      .toEqual({ parent_agency: 'Bộ Thử', agency_name: 'Sở Nội vụ Thử', place: 'Pleiku', preparer_name: 'Nguyễn Văn A', head_name: null, public_results: 1, updated_at: '2026-05-10T03:00:00.000Z' });
    expect(db.prepare("SELECT action, target FROM audit_log WHERE action = 'report_settings.update'").all()).toEqual([{ action: 'report_settings.update', target: `unit:${id}` }]);
    const after = text((await agent.get(`/staff/units/${id}/report-settings`)).text);
    expect(after).toContain('<iframe src="http://localhost:3000/ket-qua/t-tinh"');
    const dashboard = text((await agent.get('/staff/dashboard?period=2026-Q1')).text);
    expect(dashboard).toContain('Bộ Thử Sở Nội vụ Thử CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Pleiku, ngày 10 tháng 5 năm 2026');
    expect(dashboard).toContain('Chuyên viên (Ký, ghi rõ họ tên) Nguyễn Văn A Giám đốc (Ký, ghi rõ họ tên)');
    // Unticking turns the public page off again.
    await agent.post(`/staff/units/${id}/report-settings`).type('form').send({ ...form, publicResults: undefined }).expect(303);
    expect((await agent.get('/ket-qua/t-tinh')).status).toBe(404);
  });

  test('bad input is a translated 422 that changes nothing; no CSRF token is a 403', async () => {
    const { app, db } = await reportFixture();
    const agent = await login(app, 'r-oversight');
    const id = unitId(db, 't-tinh');
    const bad = await agent.post(`/staff/units/${id}/report-settings`).type('form').send({ _csrf: agent.csrf, agencyName: 'x'.repeat(201), publicResults: 'yes' });
    expect(bad.status).toBe(422);
    expect(text(bad.text)).toContain('Vui lòng kiểm tra lại Nội dung dài quá 200 ký tự.');
    expect(text(bad.text)).toContain('Đơn vị chưa công khai kết quả.');
    expect(bad.text).toMatch(/id="e-agencyName"/);
    expect((await agent.post(`/staff/units/${id}/report-settings`).type('form').send({ agencyName: 'A' })).status).toBe(403);
    expect(db.prepare('SELECT count(*) AS n FROM report_settings').get()).toEqual({ n: 0 });
  });

  test('admin, or oversight within its subtree only; counter staff never', async () => {
    const { app, db } = await reportFixture();
    const province = unitId(db, 't-tinh'), commune = unitId(db, 't-an');
    expect((await (await login(app, 'r-admin')).get(`/staff/units/${commune}/report-settings`)).status).toBe(200);
    const communeOffice = await login(app, 'r-commune');
    expect((await communeOffice.get(`/staff/units/${commune}/report-settings`)).status).toBe(200);
    expect((await communeOffice.get(`/staff/units/${province}/report-settings`)).status).toBe(403);
    expect((await communeOffice.post(`/staff/units/${province}/report-settings`).type('form').send({ _csrf: communeOffice.csrf, publicResults: '1' })).status).toBe(403);
    const counter = await login(app, 'r-counter');
    expect((await counter.get(`/staff/units/${commune}/report-settings`)).status).toBe(403);
    expect((await counter.post(`/staff/units/${commune}/report-settings`).type('form').send({ _csrf: counter.csrf, publicResults: '1' })).status).toBe(403);
    expect((await communeOffice.get('/staff/units/999999/report-settings')).status).toBe(404);
    expect(db.prepare('SELECT count(*) AS n FROM report_settings').get()).toEqual({ n: 0 });
  });
});
