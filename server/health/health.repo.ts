import type { Db } from '../db/open-database';

/** What the health check reads: the schema version (db.pragma() would prepare a statement on every call). */
export function createHealthRepo(db: Db) {
  const userVersion = db.prepare<[], number>('PRAGMA user_version').pluck();
  return { schemaVersion: () => userVersion.get()! };
}
export type HealthRepo = ReturnType<typeof createHealthRepo>;
