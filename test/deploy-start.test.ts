import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { apiKeyFor } from './helpers/figures-fixtures';
import { buildDist, freePort, startServer, stopServer, waitFor } from './helpers/server-process';
import { sidOf } from './helpers/test-app';

jest.setTimeout(180_000);

/**
 * The production start (issue 15, items 1 and 2): `npm ci` builds dist/ through `prepare`, and
 * `npm start` runs the compiled JavaScript. Its logs are JSON lines for a service, readable
 * lines for a person; every line about a request has the request's id; none holds a password,
 * a token, a key, a dossier reference or a citizen's comment.
 */
const CODE = 'DXPT-2345-ABCD';
const COMMENT = 'Góp ý riêng tư 4711';
const DOSSIER = 'HS-BIMAT-0815';

/** A database with one unit, service and counter of the test's own, and an API key for it. */
function prepare(file: string): string {
  const db = openDatabase(file);
  migrate(db);
  const unit = Number(db.prepare("INSERT INTO units (code, name, type) VALUES ('dx-xa', 'Xã Thử Khởi Động', 'xa')").run().lastInsertRowid);
  const service = Number(db.prepare("INSERT INTO services (code, name_vi) VALUES ('dx-ho-tich', 'Hộ tịch')").run().lastInsertRowid);
  db.prepare('INSERT INTO unit_services (unit_id, service_id) VALUES (?, ?)').run(unit, service);
  db.prepare("INSERT INTO collection_points (code, unit_id, label) VALUES (?, ?, 'Bộ phận Một cửa')").run(CODE, unit);
  const key = apiKeyFor(db, 'dx-xa');
  db.close();
  return key;
}

describe('npm start: the compiled server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-prod-'));
  beforeAll(() => buildDist());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('logs JSON lines with request ids and never a secret or a comment; stops cleanly on SIGTERM', async () => {
    const file = path.join(dir, 'json', 'sipas.sqlite');
    fs.mkdirSync(path.dirname(file));
    const apiKey = prepare(file);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, SEED_DEMO: 'false', LOG_LEVEL: 'debug', PUBLIC_URL: 'http://sipas.example.vn' }, { compiled: true });
    await waitFor(server, 'listening');

    const page = await fetch(`${base}/s/${CODE}`);
    const body = new URLSearchParams({ sid: sidOf(await page.text()), overall: '4', service: 'dx-ho-tich', comment: COMMENT });
    expect((await fetch(`${base}/s/${CODE}`, { method: 'POST', redirect: 'manual', body, headers: { cookie: page.headers.get('set-cookie')?.split(';')[0] ?? '' } })).status).toBe(303);
    const created = await fetch(`${base}/api/v1/invitations`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ unit: 'dx-xa', service: 'dx-ho-tich', dossier: DOSSIER }) });
    expect(created.status).toBe(201);
    const token = ((await created.json()) as { url: string }).url.split('/i/')[1]!;
    const invitation = await fetch(`${base}/i/${token}?lang=vi`);
    expect(invitation.status).toBe(200);
    const requestId = invitation.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(server, requestId);
    expect(await stopServer(server)).toBe(0);

    const lines = server.output().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; reqId?: string; url?: string });
    expect(lines.find((l) => l.reqId === requestId)).toMatchObject({ msg: 'request', url: '/i/…', status: 200 });
    for (const l of lines.filter((x) => x.msg === 'request')) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.at(-1)!.msg).toBe('database closed');
    const adminPassword = fs.readFileSync(path.join(path.dirname(file), 'initial-admin-password'), 'utf8').split('\n')[1]!;
    const invitationKey = fs.readFileSync(path.join(path.dirname(file), 'sipas.key'), 'utf8').trim();
    for (const secret of [adminPassword, invitationKey, apiKey, token, DOSSIER, COMMENT]) expect(server.output()).not.toContain(secret);
    expect(server.output()).toContain('initial-admin-password');
  });

  it('on a terminal (LOG_FORMAT=pretty, as auto does on a TTY): readable lines and one framed block with the password', async () => {
    const file = path.join(dir, 'pretty', 'sipas.sqlite');
    const port = await freePort();
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, SEED_DEMO: 'false', LOG_FORMAT: 'pretty' }, { compiled: true });
    await waitFor(server, '╚');
    expect(await stopServer(server)).toBe(0);
    const out = server.output().replace(/\x1b\[[0-9;]*m/g, '');
    const password = fs.readFileSync(path.join(path.dirname(file), 'initial-admin-password'), 'utf8').split('\n')[1]!;
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: SIPAS survey server listening on/m);
    expect(out).not.toMatch(/^\{/m);
    const block = out.slice(out.indexOf('╔'), out.indexOf('╚'));
    expect(block).toContain(`Staff login:    http://localhost:${port}/staff/login`);
    expect(block).toContain(`Password:       ${password}`);
    // The password is in the block only, not in any log line.
    expect(out.split(password)).toHaveLength(2);
  });
});
