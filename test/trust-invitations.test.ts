import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { count, createTestApp, sidOf } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

/**
 * An invitation's answer cannot be linked to its dossier (issue 11, item 2): the invitation
 * keeps that it was used and on which local day, not which response used it; the response of
 * an invitation keeps no time finer than the day, in none of its columns.
 */
const now = new Date('2026-05-04T03:17:42.123Z'); // 10:17:42 in Vietnam
const t = createTestApp({ seed: false, now: () => now });
buildWorld(t.core);
const key = apiKeyFor(t.db, 'xa-a1');

async function answered(comment: string) {
  const made = await request(t.app).post('/api/v1/invitations').set('Authorization', `Bearer ${key}`).send({ unit: 'xa-a1', service: 'ho-tich', dossier: 'HS-2026-0001' }).expect(201);
  const url = `/i/${String(made.body.url).split('/i/')[1]}`;
  const sid = sidOf((await request(t.app).get(url).expect(200)).text);
  await request(t.app).post(url).type('form').send({ sid, overall: '1', comment }).expect(303);
  return { id: made.body.id as number, url, sid };
}

test('a copy of the database leads from no invitation to its response, and holds no instant of either', async () => {
  const { id, sid } = await answered('nhân viên gây khó dễ');
  const inv = t.db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as Record<string, unknown>;
  expect(inv.used_at).toBe('2026-05-04');
  const response = t.db.prepare("SELECT * FROM responses WHERE channel = 'invitation'").get() as Record<string, unknown>;
  expect(response).toMatchObject({ local_date: '2026-05-04', created_at: '2026-05-03T17:00:00.000Z', verified: 1 });
  // The form's id began with the instant the form was shown: not stored, nor anything that tells it.
  expect(response.submission_id).not.toBe(sid);
  expect(String(response.submission_id)).not.toContain(sid.slice(0, 9));
  // No column of the invitation points to a response or holds its submission id.
  expect(Object.keys(inv).sort()).toEqual(['created_at', 'created_by', 'dossier_hash', 'expires_at', 'id', 'procedure_id', 'service_id', 'token_hash', 'unit_id', 'used_at']);
  expect(JSON.stringify(inv)).not.toContain(String(response.submission_id));
  const comment = t.db.prepare('SELECT text FROM text_answers WHERE response_id = ?').pluck().get(response.id);
  expect(comment).toBe('nhân viên gây khó dễ');
});

test('a double tap still ends on the thank-you page; another browser with the same link is told it was used', async () => {
  const { url, sid } = await answered('');
  const before = count(t.db, 'responses');
  const again = await request(t.app).post(url).type('form').send({ sid, overall: '1' }).expect(303);
  expect(again.headers.location).toBe(`${url}/thanks`);
  const other = await request(t.app).post(url).type('form').send({ sid: 'zzzzzzzzzzzzzzzzzzzzzzzz', overall: '5' }).expect(409);
  expect(other.text).toContain('Ông/Bà đã đánh giá, xin cảm ơn');
  expect(count(t.db, 'responses')).toBe(before);
});

test('migration 011 removes the links and the instants an older database holds', () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sipas-011-'));
  const db = openDatabase(path.join(dir, 'old.sqlite'));
  const migrations = path.join(__dirname, '..', 'server', 'db', 'migrations');
  for (const f of fs.readdirSync(migrations).filter((x) => x < '009').sort()) db.exec(fs.readFileSync(path.join(migrations, f), 'utf8'));
  db.pragma('user_version = 8');
  db.exec(`INSERT INTO units (id, code, name, type) VALUES (1, 'xa', 'Xã', 'xa');
    INSERT INTO responses (id, submission_id, definition_id, definition_version, unit_id, channel, verified, lang, local_date, created_at)
      VALUES (7, 'mor0z1k2aAAAAAAAAAAAAAAA', 'sipas-2023', 1, 1, 'invitation', 1, 'vi', '2026-05-04', '2026-05-04T03:17:42.123Z'),
             (8, 'mor0z1k2bBBBBBBBBBBBBBBB', 'sipas-2023', 1, 1, 'poster', 0, 'vi', '2026-05-04', '2026-05-04T03:18:00.000Z');
    INSERT INTO invitations (token_hash, unit_id, created_at, expires_at, used_at, created_by, response_id)
      VALUES ('h', 1, '2026-05-04T03:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-05-04T18:30:00.000Z', 'key:1', 7);`);
  migrate(db);
  expect(db.prepare('SELECT * FROM invitations').get()).not.toHaveProperty('response_id');
  expect(db.prepare('SELECT used_at FROM invitations').pluck().get()).toBe('2026-05-05'); // 01:30 the next morning in Vietnam
  const rows = db.prepare('SELECT id, submission_id, created_at FROM responses ORDER BY id').all() as { id: number; submission_id: string; created_at: string }[];
  expect(rows[0]!.created_at).toBe('2026-05-03T17:00:00.000Z');
  expect(rows[0]!.submission_id).toMatch(/^i-[0-9a-f]{32}$/);
  expect(rows[1]).toEqual({ id: 8, submission_id: 'mor0z1k2bBBBBBBBBBBBBBBB', created_at: '2026-05-04T03:18:00.000Z' });
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
