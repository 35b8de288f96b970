import request from 'supertest';
import { createTestApp, pointCode, sidOf } from './helpers/test-app';
import { createUser, login, unitId, type StaffAgent } from './helpers/staff';
import { apiKeyFor } from './helpers/figures-fixtures';

/**
 * Every page, crawled as each role and as a citizen: the CSP header is there and forbids
 * inline script, and no HTML holds an inline <script>, an on*= attribute, a style= attribute
 * or a javascript: URL. Markup and formulas typed into names, labels and comments come out
 * escaped on every page and neutralised in every export.
 */
const XSS = '<script>alert(1)</script>';
const FORMULA = '=HYPERLINK("http://x")';
const t = createTestApp();
const agents: Record<string, StaffAgent> = {};
let code = '';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>/i;
const EVENT_ATTR = /<[a-z][^>]*\son[a-z]+\s*=/i;
const STYLE_ATTR = /<[a-z][^>]*\sstyle\s*=/i;
const JS_URL = /(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i;

function problems(path: string, res: request.Response): string[] {
  if (!/text\/html/.test(String(res.headers['content-type']))) return [];
  const out: string[] = [];
  const csp = String(res.headers['content-security-policy'] ?? '');
  if (!/script-src 'self'/.test(csp) || /unsafe-inline|unsafe-eval/.test(csp) || !/default-src 'self'/.test(csp)) out.push(`${path}: CSP ${csp || 'missing'}`);
  for (const [name, re] of [['inline script', INLINE_SCRIPT], ['on*= attribute', EVENT_ATTR], ['style= attribute', STYLE_ATTR], ['javascript: URL', JS_URL]] as const) {
    const m = re.exec(res.text);
    if (m) out.push(`${path}: ${name}: ${m[0].slice(0, 80)}`);
  }
  if (res.text.includes(XSS)) out.push(`${path}: unescaped markup from a name or comment`);
  return out;
}

/** Follows every same-site GET link from the start pages, at most `limit` pages. */
async function crawl(get: (p: string) => Promise<request.Response>, starts: string[], limit = 120) {
  const seen = new Set<string>(), queue = [...starts], found: string[] = [];
  const bodies: string[] = [];
  while (queue.length && seen.size < limit) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const res = await get(p);
    expect(res.status).toBeLessThan(500);
    found.push(...problems(p, res));
    if (!/text\/html/.test(String(res.headers['content-type']))) continue;
    bodies.push(res.text);
    for (const m of res.text.matchAll(/href="(\/(?:staff|s)\/?[^"#]*)"/g)) {
      const link = m[1]!.replace(/&amp;/g, '&');
      if (!seen.has(link) && !/logout|\.png|\.svg/.test(link)) queue.push(link);
    }
  }
  return { seen, found, html: bodies.join('\n') };
}

beforeAll(async () => {
  await createUser(t.db, 'sec-admin', 'admin', 'tinh-gia-lai');
  await createUser(t.db, 'sec-over', 'oversight', 'tinh-gia-lai');
  await createUser(t.db, 'sec-ctv', 'counter', 'xa-binh-an');
  for (const u of ['sec-admin', 'sec-over', 'sec-ctv']) agents[u] = await login(t.app, u);
  const a = agents['sec-admin']!;
  const tv = unitId(t.db, 'xa-binh-an');
  await a.post(`/staff/units/${tv}`).type('form').send({ name: `Xã ${XSS} ${FORMULA}`, type: 'xa', _csrf: a.csrf }).expect(303);
  const service = t.db.prepare("SELECT id FROM services WHERE code = 'ho-tich'").pluck().get() as number;
  await a.post(`/staff/services/${service}`).type('form').send({ nameVi: `${FORMULA} Hộ tịch ${XSS}`, nameEn: FORMULA, _csrf: a.csrf }).expect(303);
  const point = t.db.prepare('SELECT id FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').pluck().get(tv) as number;
  await a.post(`/staff/points/${point}`).type('form').send({ label: `Quầy ${XSS}`, serviceId: '', _csrf: a.csrf }).expect(303);
  code = t.db.prepare('SELECT code FROM collection_points WHERE id = ?').pluck().get(point) as string;
  // One browser: the POST carries the device cookie of its GET, so the response is not flagged.
  const citizen = request.agent(t.app);
  const page = await citizen.get(`/s/${code}`);
  await citizen.post(`/s/${code}`).type('form').send({ sid: sidOf(page.text), overall: '5', service: 'ho-tich', comment: `${FORMULA} ${XSS}` }).expect(303);
});

describe('Content-Security-Policy and markup on every page', () => {
  test.each(['sec-admin', 'sec-over', 'sec-ctv'])('as %s: every staff page carries the CSP and no inline script, handler, style or javascript: URL', async (user) => {
    const r = await crawl((p) => agents[user]!.get(p), ['/staff', '/staff/units', '/staff/services', '/staff/users', '/staff/import', '/staff/password', '/staff/audit', '/staff/nope']);
    expect(r.found).toEqual([]);
    expect(r.seen.size).toBeGreaterThan(user === 'sec-ctv' ? 4 : 10);
    // The names typed with markup were shown, escaped.
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('as a citizen: survey, errors, thanks, unknown point, login page and 404', async () => {
    const pages = [`/s/${code}`, `/s/${code}?lang=en`, `/s/${code}/thanks`, `/s/${pointCode(t.db, true)}`, '/s/khongtontai', '/staff/login', '/nope'];
    const found: string[] = [];
    for (const p of pages) found.push(...problems(p, await request(t.app).get(p)));
    const invalid = await request(t.app).post(`/s/${code}`).type('form').send({ sid: 'x', comment: XSS });
    expect(invalid.status).toBe(422);
    found.push(...problems('POST /s (invalid)', invalid));
    expect(invalid.text).toContain('&lt;script&gt;');
    expect(found).toEqual([]);
  });
});

describe('names and comments in exports', () => {
  const auth = () => ({ Authorization: `Bearer ${apiKeyFor(t.db, 'tinh-gia-lai')}` });
  const year = new Date().getUTCFullYear();

  test('CSV tables and the raw CSV: formulas start with an apostrophe, markup stays inert text', async () => {
    for (const table of ['units', 'services']) {
      const res = await request(t.app).get(`/api/v1/exports/figures.csv?period=${year}&table=${table}`).set(auth()).expect(200);
      expect(res.text).not.toMatch(/(^|,|")=HYPERLINK/m);
      // The service field's name starts with the formula: its cell must be neutralised, not dropped.
      if (table === 'services') expect(res.text).toContain(`"'=HYPERLINK(""http://x"") Hộ tịch <script>alert(1)</script>"`);
    }
    const raw = await request(t.app).get(`/api/v1/exports/responses.csv?period=${year}`).set(auth()).expect(200);
    expect(raw.text).toContain(`"'=HYPERLINK(""http://x"") <script>alert(1)</script>"`);
    expect(raw.headers['content-type']).toMatch(/text\/csv/);
    expect(raw.headers['content-disposition']).toMatch(/^attachment/);
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
  });

  test('JSON figures carry names as data, served as application/json with nosniff', async () => {
    const res = await request(t.app).get(`/api/v1/figures?period=${year}&groupBy=unit`).set(auth()).expect(200);
    expect(res.body.groups.map((g: { unit: { name: string } }) => g.unit.name)).toContain(`Xã ${XSS} ${FORMULA}`);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('posters show the names escaped', async () => {
    const point = t.db.prepare('SELECT id FROM collection_points WHERE code = ?').pluck().get(code) as number;
    const res = await agents['sec-ctv']!.get(`/staff/points/${point}/poster?size=A4`).expect(200);
    expect(res.text).not.toContain(XSS);
    expect(res.text).toContain('&lt;script&gt;');
  });
});
