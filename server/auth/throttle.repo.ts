import type { Db } from '../db/open-database';

export interface ThrottleRow { key: string; failures: number; lastAt: number; lockedUntil: number }
/** One counter that a failed login moves, and the number of failures at which it locks. */
export interface ThrottleBump { key: string; limit: number }

/**
 * The login throttle's counters (login_throttle), in the database so that a restart hands
 * nobody fresh attempts. A counter idle for the lock time starts again from one; the rows
 * that no longer count are deleted at each failure.
 */
export function createThrottleRepo(db: Db) {
  const byKeys = db.prepare<{ keys: string }, ThrottleRow>(`SELECT key, failures, last_at AS lastAt, locked_until AS lockedUntil
    FROM login_throttle WHERE key IN (SELECT value FROM json_each(:keys))`);
  // In SET, every column names its value before the update: `fresh` is the same test twice.
  const fresh = 'last_at < :idleSince AND locked_until <= :now';
  const bump = db.prepare(`INSERT INTO login_throttle (key, failures, last_at, locked_until)
      VALUES (:key, 1, :now, CASE WHEN :limit <= 1 THEN :lockUntil ELSE 0 END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${fresh} THEN 1 ELSE failures + 1 END,
      locked_until = CASE WHEN (CASE WHEN ${fresh} THEN 1 ELSE failures + 1 END) >= :limit THEN :lockUntil ELSE locked_until END,
      last_at = :now`);
  const purge = db.prepare(`DELETE FROM login_throttle WHERE ${fresh}`);
  const remove = db.prepare('DELETE FROM login_throttle WHERE key = :key');

  return {
    get: (keys: string[]) => byKeys.all({ keys: JSON.stringify(keys) }),
    /** A failed login: every counter it moves, together; `idleSince` = now − the lock time. */
    fail: db.transaction((bumps: ThrottleBump[], at: { now: number; idleSince: number; lockUntil: number }) => {
      purge.run({ now: at.now, idleSince: at.idleSince });
      for (const b of bumps) bump.run({ ...b, ...at });
    }),
    remove: (key: string) => void remove.run({ key }),
  };
}
export type ThrottleRepo = ReturnType<typeof createThrottleRepo>;
