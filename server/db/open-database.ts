import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens the database file (or ':memory:') with the pragmas the app relies on. */
export function openDatabase(file: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never block the writer, and a commit is atomic even after kill -9.
  db.pragma('journal_mode = WAL');
  // NORMAL survives a process crash; FULL also survives power loss, at the cost of an fsync per commit.
  db.pragma(`synchronous = ${synchronous}`);
  // Referential integrity is enforced by SQLite, not by hope.
  db.pragma('foreign_keys = ON');
  // Wait for a competing writer (backup, recount command) instead of failing at once.
  db.pragma('busy_timeout = 5000');
  // Keep temporary B-trees for GROUP BY in memory: figures queries sort a lot.
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Runs `fn` in one transaction (a savepoint inside another): how a service makes a change and its audit row atomic. */
export type Tx = <T>(fn: () => T) => T;
export const transactor = (db: Db): Tx => {
  // Wrapped once: db.transaction(fn) builds its wrappers anew at each call.
  const run = db.transaction((fn: () => unknown) => fn());
  return <T>(fn: () => T) => run(fn) as T;
};
