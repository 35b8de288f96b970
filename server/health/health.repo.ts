import type { Db } from '../db/open-database';

/**
 * What the health check reads: the schema version (db.pragma() would prepare a statement on
 * every call), and whether the database takes its write lock now.
 */
export function createHealthRepo(db: Db) {
  const userVersion = db.prepare<[], number>('PRAGMA user_version').pluck();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const rollback = db.prepare('ROLLBACK');
  return {
    schemaVersion: () => userVersion.get()!,
    /**
     * BEGIN IMMEDIATE takes the write lock (failing on a read-only file or connection, or a lock
     * held elsewhere past busy_timeout); ROLLBACK gives it back with nothing written. Between two
     * requests no transaction is open: the server is single-threaded and every write path is
     * synchronous. Returns SQLite's error code, or null when a write would go through.
     */
    writeLockError: (): string | null => {
      if (db.inTransaction) return null;
      try {
        begin.run();
        rollback.run();
        return null;
      } catch (err) {
        return (err as { code?: string }).code ?? 'SQLITE_ERROR';
      }
    },
    /** The database file (null in memory), for the size of its folder's disk and of its WAL. */
    file: (): string | null => (db.memory ? null : db.name),
  };
}
export type HealthRepo = ReturnType<typeof createHealthRepo>;
