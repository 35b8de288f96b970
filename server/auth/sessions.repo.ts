import type { Db } from '../db/open-database';
import type { Role } from './staff-user';

export interface SessionRow {
  userId: number;
  username: string;
  role: Role;
  unitId: number;
  mustChangePassword: number;
  csrfToken: string;
}

/** Sessions in SQLite, so that a restart logs nobody out. */
export function createSessionsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
    VALUES (:tokenHash, :userId, :csrfToken, :createdAt, :expiresAt)`);
  // An inactive account has no session, whatever its cookie says.
  const find = db.prepare<{ tokenHash: string; now: string }, SessionRow>(`
    SELECT u.id AS userId, u.username, u.role, u.unit_id AS unitId, u.must_change_password AS mustChangePassword, s.csrf_token AS csrfToken
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = :tokenHash AND s.expires_at > :now AND u.active = 1`);
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = :tokenHash');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= :now');

  return {
    /** Login: expired sessions go, the one being replaced goes, the new one comes, together. */
    create: db.transaction((s: { tokenHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string }, replaces: string | null) => {
      removeExpired.run({ now: s.createdAt });
      if (replaces) remove.run({ tokenHash: replaces });
      insert.run(s);
    }),
    find: (tokenHash: string, now: string) => find.get({ tokenHash, now }),
    remove: (tokenHash: string) => void remove.run({ tokenHash }),
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
