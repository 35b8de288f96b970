import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../server/db/open-database';
import { hashPassword } from '../../server/auth/passwords';
import type { Role } from '../../server/auth/staff-user';

export const PASSWORD = 'correct horse battery';

export function unitId(db: Db, code: string): number {
  return (db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number }).id;
}

/** A staff account bound to the unit with this code. */
export async function createUser(db: Db, username: string, role: Role, unitCode: string, opts: { password?: string; mustChange?: boolean } = {}) {
  const hash = await hashPassword(opts.password ?? PASSWORD);
  const info = db
    .prepare('INSERT INTO users (username, password_hash, role, unit_id, must_change_password) VALUES (?, ?, ?, ?, ?)')
    .run(username, hash, role, unitId(db, unitCode), opts.mustChange ? 1 : 0);
  return Number(info.lastInsertRowid);
}

/** The hidden _csrf value of a rendered page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf in page');
  return m[1]!;
}

export type StaffAgent = ReturnType<typeof request.agent> & { csrf: string };

/** Logs in through the real form; returns a cookie-keeping agent and its session's CSRF token. */
export async function login(app: Express, username: string, password = PASSWORD): Promise<StaffAgent> {
  const agent = request.agent(app);
  const page = await agent.get('/staff/login');
  const res = await agent.post('/staff/login').type('form').send({ username, password, _csrf: csrfOf(page.text) });
  if (res.status !== 303) throw new Error(`login of ${username} failed: ${res.status}`);
  const home = await agent.get('/staff/password');
  return Object.assign(agent, { csrf: csrfOf(home.text) });
}
