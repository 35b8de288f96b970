import request from 'supertest';
import { count, createTestApp, sidOf } from './helpers/test-app';
import { createUser, login, type StaffAgent } from './helpers/staff';
import { buildWorld } from './helpers/world';

/**
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069) make text display in another order
 * than it is stored; they are stripped at the edge from comments and from the names of units,
 * counters and service fields, whether typed in a form or imported.
 */
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const t = createTestApp({ seed: false });
const world = buildWorld(t.core);
const stored = (sql: string) => t.db.prepare(sql).pluck().all() as string[];
const noBidi = (values: string[]) => values.forEach((v) => expect(v).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/));
let admin: StaffAgent;
beforeAll(async () => {
  await createUser(t.db, 'bidi-admin', 'admin', 'tinh-thu');
  admin = await login(t.app, 'bidi-admin');
});

test('a citizen\'s comment', async () => {
  const path = `/s/${world.pointCode('xa-a1')}`;
  const sid = sidOf((await request(t.app).get(path)).text);
  await request(t.app).post(path).type('form').send({ sid, overall: '4', comment: `Tốt\u202E lắm ${BIDI.join('')}!` }).expect(303);
  expect(stored('SELECT text FROM text_answers')).toEqual(['Tốt lắm !']);
});

test('the names of a unit, a counter and a service field typed in the admin forms', async () => {
  const made = await admin.post('/staff/units').type('form').send({ _csrf: admin.csrf, code: 'xa-bidi', name: 'Xã \u202Enạp\u202C Mới', type: 'xa', parentId: String(world.unit('huyen-a')) });
  expect(made.status).toBe(303);
  const unit = /\/staff\/units\/(\d+)/.exec(made.headers.location!)![1]!;
  await admin.post(`/staff/units/${unit}/points`).type('form').send({ _csrf: admin.csrf, label: '\u2066Quầy 1\u2069', serviceId: '' }).expect(303);
  await admin.post('/staff/services').type('form').send({ _csrf: admin.csrf, code: 'dv-bidi', nameVi: 'Tư\u202Dpháp', nameEn: 'Just\u202Eice' }).expect(303);
  expect(stored("SELECT name FROM units WHERE code = 'xa-bidi'")).toEqual(['Xã nạp Mới']);
  expect(stored(`SELECT label FROM collection_points WHERE unit_id = ${Number(unit)}`)).toEqual(['Quầy 1']);
  expect(stored("SELECT name_vi || '/' || name_en FROM services WHERE code = 'dv-bidi'")).toEqual(['Tưpháp/Justice']);
});

test('a name of nothing but bidi controls is an empty name: refused, nothing stored', async () => {
  const before = count(t.db, 'units');
  const res = await admin.post('/staff/units').type('form').send({ _csrf: admin.csrf, code: 'xa-rong', name: BIDI.join(''), type: 'xa', parentId: String(world.unit('huyen-a')) });
  expect(res.status).toBe(422);
  expect(count(t.db, 'units')).toBe(before);
});

test('imported units and service fields', async () => {
  const send = (kind: string, content: string) => admin.post('/staff/import').type('form').send({ _csrf: admin.csrf, kind, action: 'apply', content });
  expect((await send('units', 'code,name,type,parent_code\nxa-nhap,Xã \u202ENhập\u202C,xa,huyen-b\n')).status).toBe(303);
  expect((await send('services', 'code,name_vi,name_en\ndv-nhap,\u2067Đất đai mới\u2069,\u202BLand\u202C\n')).status).toBe(303);
  expect(stored("SELECT name FROM units WHERE code = 'xa-nhap'")).toEqual(['Xã Nhập']);
  expect(stored("SELECT name_vi || '/' || name_en FROM services WHERE code = 'dv-nhap'")).toEqual(['Đất đai mới/Land']);
  noBidi([...stored('SELECT name FROM units'), ...stored('SELECT label FROM collection_points'), ...stored('SELECT name_vi FROM services')]);
});
