import type { Db } from '../db/open-database';

export interface AuditRow { id: number; at: string; userId: number | null; username: string | null; action: string; target: string | null; details: string | null }
export interface AuditFilter { action: string | null; userId: number | null; limit: number; offset: number }

/** The audit log: SQL only; rows are appended, never changed. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare('INSERT INTO audit_log (at, user_id, action, target, details) VALUES (:at, :userId, :action, :target, :details)');
  const where = 'WHERE (:action IS NULL OR a.action = :action) AND (:userId IS NULL OR a.user_id = :userId)';
  const page = db.prepare<AuditFilter, AuditRow>(`
    SELECT a.id, a.at, a.user_id AS userId, u.username, a.action, a.target, a.details
    FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${where}
    ORDER BY a.id DESC LIMIT :limit OFFSET :offset`);
  const total = db.prepare<Omit<AuditFilter, 'limit' | 'offset'>, { n: number }>(`SELECT count(*) AS n FROM audit_log a ${where}`);
  const actions = db.prepare<[], { action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
  const users = db.prepare<[], { id: number; username: string }>('SELECT id, username FROM users ORDER BY username');
  return {
    insert: (r: { at: string; userId: number | null; action: string; target: string | null; details: string | null }) => void insert.run(r),
    page: (f: AuditFilter) => page.all(f),
    total: (f: Omit<AuditFilter, 'limit' | 'offset'>) => total.get(f)!.n,
    actions: () => actions.all().map((r) => r.action),
    users: () => users.all(),
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
