import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestApp, pointCode } from './helpers/test-app';
import { createAppServer } from '../server/http/app-server';
import { createUser, PASSWORD } from './helpers/staff';
import { apiKeyFor } from './helpers/figures-fixtures';
import { prng, type Rng } from './fuzz/prng';
import { body, enc, nasty, pathTrick, type FuzzRequest } from './fuzz/generators';

/**
 * Seeded fuzzing of every public, API and staff route on a real loopback socket: malformed
 * and oversized bodies, wrong content types, broken encodings, arrays for strings, odd
 * Unicode, path tricks. No 5xx, no stack trace, no row from invalid input, /healthz after.
 * Replay a failure with FUZZ_SEED=<seed printed>; FUZZ_COUNT sets the number (default 10,000).
 */
const SEED = Number(process.env.FUZZ_SEED ?? crypto.randomInt(2 ** 31));
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const STACK = /\n\s+at .+:\d+:\d+|node_modules|(?:Type|Syntax|Range|Reference)Error|\/server\/[\w/-]+\.ts/;

jest.setTimeout(180_000);

const t = createTestApp();
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
let base = '';
let close = () => Promise.resolve();

function send(req: FuzzRequest): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const r = http.request(`${base}`, { method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('latin1'), headers: res.headers }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

const cookieOf = (h: http.IncomingHttpHeaders, name: string) => [h['set-cookie'] ?? []].flat().map((c) => new RegExp(`^${name}=([^;]+)`).exec(c)?.[1]).find(Boolean);
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Logs in through the real form; returns the cookie and the session's CSRF token. */
async function staffSession(username: string) {
  const page = await send({ method: 'GET', path: '/staff/login', headers: {}, kind: 'setup' });
  const pre = cookieOf(page.headers, 'sipas_csrf')!;
  const form = Buffer.from(`username=${username}&password=${enc(PASSWORD)}&_csrf=${csrfIn(page.text)}`);
  const res = await send({ method: 'POST', path: '/staff/login', headers: { cookie: `sipas_csrf=${pre}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form, kind: 'setup' });
  const cookie = `sipas_staff=${cookieOf(res.headers, 'sipas_staff')}`;
  const home = await send({ method: 'GET', path: '/staff/password', headers: { cookie }, kind: 'setup' });
  // Without a working login every staff request would only bounce to the login page, unfuzzed.
  if (res.status !== 303 || !cookieOf(res.headers, 'sipas_staff') || !csrfIn(home.text)) throw new Error(`fuzz login of ${username} failed`);
  return { cookie, csrf: csrfIn(home.text) };
}

/** Everything a citizen or staff member can change, cheaply: a change from a refused request shows here. */
const fingerprint = (() => {
  // api_keys.last_used_at moves on every authenticated call, and sessions on every login: neither is data.
  const small = ['units', 'services', 'procedures', 'collection_points', 'unit_services', 'users'].map((tb) => t.db.prepare(`SELECT * FROM ${tb} ORDER BY 1, 2`))
    .concat(t.db.prepare('SELECT id, key_hash, unit_id, label, revoked_at FROM api_keys ORDER BY id'));
  const big = ['responses', 'answers', 'text_answers', 'answer_counts'].map((tb) => t.db.prepare(`SELECT count(*) FROM ${tb}`).pluck());
  return () => JSON.stringify([...small.map((s) => s.all()), ...big.map((s) => s.get())]);
})();

describe(`fuzzing the public, API and staff routes (FUZZ_SEED=${SEED}, ${COUNT} requests)`, () => {
  let ctx: { code: string; fixed: string; unit: number; point: number; service: number; key: string; admin: { cookie: string; csrf: string }; counter: { cookie: string; csrf: string } };

  beforeAll(async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT}`);
    await createUser(t.db, 'fuzzadmin', 'admin', 'tinh-gia-lai');
    await createUser(t.db, 'fuzzctv', 'counter', 'xa-binh-an');
    const server = await new Promise<http.Server>((resolve) => { const s = createAppServer(t.app).listen(0, '127.0.0.1', () => resolve(s)); });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => { agent.destroy(); server.close(() => r()); });
    const unit = (t.db.prepare("SELECT id FROM units WHERE code = 'xa-binh-an'").get() as { id: number }).id;
    ctx = {
      code: pointCode(t.db, false), fixed: pointCode(t.db, true), unit,
      point: (t.db.prepare('SELECT id FROM collection_points WHERE unit_id = ? LIMIT 1').get(unit) as { id: number }).id,
      service: (t.db.prepare('SELECT id FROM services LIMIT 1').get() as { id: number }).id,
      key: apiKeyFor(t.db, 'tinh-gia-lai'), admin: await staffSession('fuzzadmin'), counter: await staffSession('fuzzctv'),
    };
  });
  afterAll(() => close());

  /** The route table: add a route here and it is fuzzed. `write: false` means no request to it may change a row. */
  const routes = (c: typeof ctx): { method: string; path: string; staff?: boolean; api?: boolean; write: boolean }[] => [
    { method: 'GET', path: `/s/${c.code}`, write: false }, { method: 'POST', path: `/s/${c.code}`, write: false }, { method: 'POST', path: `/s/${c.fixed}`, write: false },
    { method: 'GET', path: `/s/${c.code}/thanks`, write: false }, { method: 'GET', path: '/healthz', write: false }, { method: 'GET', path: '/public/style.css', write: false },
    { method: 'GET', path: '/staff/login', write: false }, { method: 'POST', path: '/staff/login', write: false }, { method: 'POST', path: '/staff/logout', write: false },
    { method: 'GET', path: '/api/v1/figures', api: true, write: false }, { method: 'GET', path: '/api/v1/exports/figures.csv', api: true, write: false },
    { method: 'GET', path: '/api/v1/exports/figures.xlsx', api: true, write: false }, { method: 'GET', path: '/api/v1/exports/responses.csv', api: true, write: false },
    ...['/staff', '/staff/units', `/staff/units/${c.unit}`, `/staff/points/${c.point}`, `/staff/points/${c.point}/poster`, `/staff/units/${c.unit}/posters`, '/staff/services',
      `/staff/services/${c.service}`, '/staff/users', '/staff/import', '/staff/audit', '/staff/password'].map((path) => ({ method: 'GET', path, staff: true, write: false })),
    ...['/staff/units', `/staff/units/${c.unit}`, `/staff/units/${c.unit}/active`, `/staff/units/${c.unit}/services`, `/staff/units/${c.unit}/successor`, `/staff/units/${c.unit}/points`,
      `/staff/points/${c.point}`, `/staff/points/${c.point}/active`, '/staff/services', `/staff/services/${c.service}`, `/staff/services/${c.service}/procedures`,
      '/staff/users', '/staff/import', '/staff/password'].map((path) => ({ method: 'POST', path, staff: true, write: true })),
  ];

  function generate(r: Rng): FuzzRequest & { write: boolean; citizen: boolean } {
    const route = r.pick(routes(ctx));
    const headers: Record<string, string> = {};
    const session = r.chance(0.5) ? ctx.admin : ctx.counter;
    if (route.staff || (route.api && r.chance(0.3))) headers.cookie = r.chance(0.9) ? session.cookie : `sipas_staff=${enc(nasty(r).slice(0, 80))}`;
    if (route.api && !headers.cookie) headers.authorization = r.pick([`Bearer ${ctx.key}`, `Bearer ${ctx.key}`, 'Bearer sipas_x', `Basic ${nasty(r).slice(0, 40).replace(/[^\x20-\x7e]/g, '')}`, 'Bearer']);
    if (r.chance(0.1)) headers['accept-language'] = nasty(r).slice(0, 100).replace(/[^\x20-\x7e]/g, '');
    const path = r.chance(0.25) ? pathTrick(r, route.path) : route.path + (route.method === 'GET' && r.chance(0.5) ? `?${['period', 'from', 'to', 'unit', 'groupBy', 'table', 'lang', 'size', 'action', 'user', 'page', 'next'].filter(() => r.chance(0.3)).map((k) => `${k}=${enc(nasty(r).slice(0, 300))}`).join('&')}` : '');
    const citizen = route.path.startsWith('/s/') && route.method === 'POST';
    if (route.method === 'GET') return { method: r.chance(0.05) ? r.pick(['HEAD', 'OPTIONS', 'DELETE', 'PUT', 'PATCH']) : 'GET', path, headers, kind: `${route.method} ${route.path}`, write: false, citizen };
    // A citizen's form that can never be valid: a broken sid, or a field the form did not ask for.
    const baseForm: Record<string, string> = citizen
      ? (r.chance(0.5) ? { sid: r.pick(['', 'short', 'x'.repeat(65), 'ab$cd'.repeat(4), nasty(r).slice(0, 40) + '!'.repeat(17)]), overall: '5' } : { sid: `fuzz${r.int(2 ** 31).toString(36)}${r.int(2 ** 31).toString(36)}`.padEnd(20, '0'), overall: '5', [`x_${r.int(1e6)}`]: '1' })
      : {};
    if (route.staff && route.path !== '/staff/logout' && r.chance(0.7)) baseForm._csrf = session.csrf;
    const b = body(r, baseForm);
    if (b.type) headers['content-type'] = b.type;
    if (r.chance(0.03)) headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'x-unknown']);
    return { method: 'POST', path, headers, body: b.body, kind: `POST ${route.path}`, write: route.write, citizen };
  }

  test('no 5xx, no stack trace, no row from invalid input, and /healthz still answers', async () => {
    const r = prng(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const timeByKind = new Map<string, number>();
    const citizenRows = t.db.prepare('SELECT count(*) FROM responses').pluck();
    for (let i = 0; i < COUNT && failures.length < 10; i++) {
      const req = generate(r);
      const before = req.write ? null : fingerprint();
      const started = Date.now();
      const res = await send(req);
      timeByKind.set(req.kind, (timeByKind.get(req.kind) ?? 0) + Date.now() - started);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `#${i} ${req.method} ${req.path.slice(0, 120)} (${req.kind}, ${req.headers['content-type'] ?? '-'}, ${req.body?.length ?? 0} B) → ${res.status}`;
      if (res.status >= 500) failures.push(`${where}: 5xx ${res.text.slice(0, 200)}`);
      else if (STACK.test(res.text)) failures.push(`${where}: stack trace in the answer`);
      else if (before !== null && before !== fingerprint()) failures.push(`${where}: a row changed`);
      else if (req.citizen && res.status === 303) failures.push(`${where}: an invalid form was accepted`);
    }
    console.log(`fuzz statuses (seed ${SEED}):`, Object.fromEntries(statuses), 'slowest (ms in all):', [...timeByKind].sort((a, b) => b[1] - a[1]).slice(0, 5));
    expect(failures).toEqual([]);
    expect(citizenRows.get()).toBe(0);
    expect((await send({ method: 'GET', path: '/healthz', headers: {}, kind: 'health' })).status).toBe(200);
  });
});
