import type { Db } from '../db/open-database';
import type { Role } from './staff-user';

export interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  unitId: number;
  active: number;
  mustChangePassword: number;
}
export interface UserListRow { id: number; username: string; role: Role; unitId: number; unitName: string; active: number; mustChangePassword: number }

const COLUMNS = `id, username, password_hash AS passwordHash, role, unit_id AS unitId, active, must_change_password AS mustChangePassword`;

/** Staff accounts: SQL only. */
export function createUsersRepo(db: Db) {
  const byName = db.prepare<{ username: string }, UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = :username`);
  const byId = db.prepare<{ id: number }, UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = :id`);
  const list = db.prepare<[], UserListRow>(`
    SELECT us.id, us.username, us.role, us.unit_id AS unitId, un.name AS unitName, us.active, us.must_change_password AS mustChangePassword
    FROM users us JOIN units un ON un.id = us.unit_id ORDER BY us.active DESC, us.username`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const insert = db.prepare(`
    INSERT INTO users (username, password_hash, role, unit_id, must_change_password)
    VALUES (:username, :passwordHash, :role, :unitId, :mustChange)`);
  const setActive = db.prepare('UPDATE users SET active = :active WHERE id = :id');
  const setPassword = db.prepare('UPDATE users SET password_hash = :passwordHash, must_change_password = :mustChange WHERE id = :id');
  const dropSessions = db.prepare('DELETE FROM sessions WHERE user_id = :userId');
  const dropOtherSessions = db.prepare('DELETE FROM sessions WHERE user_id = :userId AND token_hash <> :keep');

  return {
    findByUsername: (username: string) => byName.get({ username }),
    findById: (id: number) => byId.get({ id }),
    list: () => list.all(),
    count: () => count.get()!.n,
    insert: (u: { username: string; passwordHash: string; role: Role; unitId: number; mustChange: boolean }) =>
      Number(insert.run({ ...u, mustChange: Number(u.mustChange) }).lastInsertRowid),
    /** Deactivating also ends every session of the account, in the same transaction. */
    setActive: db.transaction((id: number, active: boolean) => {
      setActive.run({ id, active: Number(active) });
      if (!active) dropSessions.run({ userId: id });
    }),
    /** A new password ends the account's other sessions (all of them when keepToken is null). */
    setPassword: db.transaction((id: number, passwordHash: string, mustChange: boolean, keepTokenHash: string | null) => {
      setPassword.run({ id, passwordHash, mustChange: Number(mustChange) });
      if (keepTokenHash) dropOtherSessions.run({ userId: id, keep: keepTokenHash });
      else dropSessions.run({ userId: id });
    }),
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
