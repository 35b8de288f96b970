import request from 'supertest';
import { createTestApp, pointCode, sidOf, type TestApp } from './helpers/test-app';
import { createUser, login } from './helpers/staff';

let t: TestApp;
const now = new Date('2026-11-26T03:00:00Z');

beforeEach(async () => {
  t = createTestApp({ now: () => now, env: { PUBLIC_URL: 'http://localhost:3000' } });
  await createUser(t.db, 'nv-taysonxa', 'counter', 'xa-tay-son');
  await createUser(t.db, 'so-noivu', 'oversight', 'tinh-gia-lai');
  const code = pointCode(t.db, true); // Quầy Hộ tịch, Xã Tây Sơn
  const form = await request(t.app).get(`/s/${code}`);
  await request(t.app).post(`/s/${code}`).type('form').send({ sid: sidOf(form.text), overall: '5' }).expect(303);
});

describe('the staff home page', () => {
  it("shows an oversight office every unit under its own, with each unit's counters and today's responses", async () => {
    const agent = await login(t.app, 'so-noivu');
    const home = await agent.get('/staff').expect(200);
    expect(home.text).toContain('Các đơn vị trực thuộc: số phiếu đã nhận');
    const row = /<th scope="row"><a href="\/staff\/units\/\d+">Xã Tây Sơn<\/a><\/th>\s*<td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/.exec(home.text);
    expect(row?.slice(1)).toEqual(['2', '1']);
    expect((home.text.match(/<th scope="row"><a href="\/staff\/units\//g) ?? []).length).toBe(5); // the five communes since 1/7/2025; the old units are switched off
    expect(home.text).not.toContain('Tỉnh Gia Lai</a>');
  });

  it('shows counter staff their own counters only, with no table of other units', async () => {
    const agent = await login(t.app, 'nv-taysonxa');
    const home = await agent.get('/staff').expect(200);
    expect(home.text).toContain('Quầy Hộ tịch');
    expect(home.text).not.toContain('Các đơn vị trực thuộc');
    expect(home.text).not.toContain('Xã Bình An');
  });
});
