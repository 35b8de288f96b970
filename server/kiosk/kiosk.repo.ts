import type { Db } from '../db/open-database';

export interface KioskSession { id: number; pointId: number; pinHash: string }

/** Kiosk sessions: a device token (hashed) bound to one point, closed with the staff PIN (scrypt). */
export function createKioskRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO kiosk_sessions (token_hash, point_id, pin_hash, opened_by, created_at)
    VALUES (:tokenHash, :pointId, :pinHash, :openedBy, :createdAt)`);
  const open = db.prepare<{ tokenHash: string; pointId: number }, KioskSession>(`
    SELECT id, point_id AS pointId, pin_hash AS pinHash FROM kiosk_sessions
    WHERE token_hash = :tokenHash AND point_id = :pointId AND closed_at IS NULL`);
  const close = db.prepare('UPDATE kiosk_sessions SET closed_at = :at WHERE id = :id AND closed_at IS NULL');
  return {
    insert: (k: { tokenHash: string; pointId: number; pinHash: string; openedBy: number; createdAt: string }) => Number(insert.run(k).lastInsertRowid),
    findOpen: (tokenHash: string, pointId: number) => open.get({ tokenHash, pointId }),
    close: (id: number, at: string) => void close.run({ id, at }),
  };
}
export type KioskRepo = ReturnType<typeof createKioskRepo>;
