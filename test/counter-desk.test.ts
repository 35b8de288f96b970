import request from 'supertest';
import { count, createTestApp, type TestApp } from './helpers/test-app';
import { login } from './helpers/staff';
import { buildWorld, worldStaff, type World } from './helpers/world';

/** The counter's desk (issue 12 §3): every counter tool one click away, and nothing that breaks posters without asking. */
let t: TestApp;
let w: World;
beforeEach(async () => {
  t = createTestApp({ seed: false, now: () => new Date('2026-03-04T03:00:00Z'), env: { PUBLIC_URL: 'http://sipas.example.vn' } });
  w = buildWorld(t.core);
  await worldStaff(t.db);
});

describe('the staff home', () => {
  it('gives each counter its posters, “Tạo phiếu mời” and “Mở kiosk”, and dates as dd/mm/yyyy', async () => {
    const a = await login(t.app, 'w-counter');
    const home = (await a.get('/staff').expect(200)).text;
    const id = w.point('xa-a1');
    for (const size of ['A4', 'A5', 'A6']) expect(home).toContain(`href="/staff/points/${id}/poster?size=${size}"`);
    expect(home).toContain('<a href="/staff/invitations/new?unit=xa-a1">Tạo phiếu mời</a>');
    expect(home).toContain(`<a href="/k/${w.pointCode('xa-a1')}">Mở kiosk</a>`);
    expect(home).toContain('hôm nay từ 04/03/2026, tuần này từ thứ Hai 02/03/2026, tháng này từ 01/03/2026');
    expect(home).toContain('In áp phích cho tất cả các quầy');
  });

  it('offers a unit without counters to add one, and links to no empty page', async () => {
    t.db.prepare('DELETE FROM collection_points WHERE unit_id = ?').run(w.unit('xa-a2'));
    const oversight = (await (await login(t.app, 'w-oversight')).get('/staff').expect(200)).text;
    const row = new RegExp(`<a href="/staff/units/${w.unit('xa-a2')}">Xã A Hai</a></th>[\\s\\S]*?</tr>`).exec(oversight)![0];
    expect(row).toContain('Thêm quầy đầu tiên');
    expect(row).not.toContain('/posters');
    t.db.prepare('DELETE FROM collection_points WHERE unit_id = ?').run(w.unit('xa-a1'));
    const home = (await (await login(t.app, 'w-counter')).get('/staff').expect(200)).text;
    expect(home).toContain('Đơn vị chưa có quầy nào');
    expect(home).not.toContain('/posters');
    expect(home).toContain('<h2 id="new-point">Thêm quầy đầu tiên</h2>');
  });
});

describe('the invitation form', () => {
  it('chooses no service field in advance and requires one; the lists in Vietnamese order', async () => {
    const a = await login(t.app, 'w-counter');
    const form = (await a.get('/staff/invitations/new?unit=xa-a1').expect(200)).text;
    expect(form).toMatch(/<option value="" selected>— Chọn lĩnh vực của hồ sơ —<\/option>/);
    expect(form).not.toMatch(/<option value="[a-z-]+" selected>(?!Xã A Một)/);
    expect([...form.matchAll(/<option value="(chung-thuc|dat-dai|ho-tich)">/g)].map((m) => m[1])).toEqual(['chung-thuc', 'dat-dai', 'ho-tich']);
    const res = await a.post('/staff/invitations').type('form').send({ _csrf: a.csrf, unit: 'xa-a1', service: '', size: '80mm' }).expect(422);
    expect(res.text).toContain('Vui lòng chọn lĩnh vực của hồ sơ.');
    expect(count(t.db, 'invitations')).toBe(0);
  });
});

describe('a new code and stopping a counter', () => {
  const codeOf = () => t.db.prepare('SELECT code FROM collection_points WHERE id = ?').pluck().get(w.point('xa-a1'));

  it('ask first on a page that says the printed posters stop working, in a warning style; without it nothing changes', async () => {
    const a = await login(t.app, 'w-counter');
    const id = w.point('xa-a1');
    const before = codeOf();
    const page = (await a.get(`/staff/points/${id}`).expect(200)).text;
    expect(page).toContain(`<a class="button-warn" href="/staff/points/${id}/code">Cấp mã mới…</a>`);
    expect(page).toContain(`<a class="button-warn" href="/staff/points/${id}/active">Ngừng sử dụng…</a>`);
    await a.post(`/staff/points/${id}/code`).type('form').send({ _csrf: a.csrf }).expect(303).expect('Location', `/staff/points/${id}/code`);
    expect(codeOf()).toBe(before);
    const confirm = (await a.get(`/staff/points/${id}/code`).expect(200)).text;
    expect(confirm).toContain('Mọi áp phích và mã QR đã in của quầy này sẽ ngừng hoạt động ngay');
    expect(confirm).toContain('<button type="submit" class="danger">');
    await a.post(`/staff/points/${id}/code`).type('form').send({ _csrf: a.csrf, confirm: '1' }).expect(303);
    expect(codeOf()).not.toBe(before);
    await a.post(`/staff/points/${id}/active`).type('form').send({ _csrf: a.csrf, active: '0' }).expect(303).expect('Location', `/staff/points/${id}/active`);
    expect(t.db.prepare('SELECT active FROM collection_points WHERE id = ?').pluck().get(id)).toBe(1);
    expect((await a.get(`/staff/points/${id}/active`).expect(200)).text).toContain('Ngừng sử dụng quầy này?');
    await a.post(`/staff/points/${id}/active`).type('form').send({ _csrf: a.csrf, active: '0', confirm: '1' }).expect(303);
    expect(t.db.prepare('SELECT active FROM collection_points WHERE id = ?').pluck().get(id)).toBe(0);
  });
});

describe('posters and the counter’s English label', () => {
  it('a poster page has an “In” button (print.js), the print advice and the date as dd/mm/yyyy', async () => {
    const a = await login(t.app, 'w-counter');
    const page = (await a.get(`/staff/points/${w.point('xa-a1')}/poster?size=A5`).expect(200)).text;
    expect(page).toContain('<script src="/public/print.js?v=');
    expect(page).toContain('<button type="button" data-print hidden>In</button>');
    expect(page).toContain('Bấm In (Ctrl+P), chọn Khổ giấy A5, Lề: Không có; bỏ chọn “Đầu trang và chân trang”.');
    expect(page).toContain('In ngày 04/03/2026');
  });

  it('the English citizen page shows the counter’s English label', async () => {
    const a = await login(t.app, 'w-counter');
    const id = w.point('xa-a1');
    await a.post(`/staff/points/${id}`).type('form').send({ _csrf: a.csrf, label: 'Bộ phận Một cửa', labelEn: 'One-stop counter', serviceId: '' }).expect(303);
    const en = (await request(t.app).get(`/s/${w.pointCode('xa-a1')}?lang=en`).expect(200)).text;
    expect(en).toContain('Xã A Một — One-stop counter');
    const vi = (await request(t.app).get(`/s/${w.pointCode('xa-a1')}?lang=vi`).expect(200)).text;
    expect(vi).toContain('Xã A Một — Bộ phận Một cửa');
  });
});
