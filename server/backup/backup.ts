import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';

/**
 * An online backup with SQLite's backup API (better-sqlite3's db.backup): pages are copied
 * in steps while the server keeps reading and writing; the copy is a consistent snapshot.
 * Written to `<file>.partial` and renamed, so a half-made backup never looks finished.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ pages: number; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const { totalPages } = await db.backup(partial, { progress: () => 200 });
  fs.renameSync(partial, file);
  return { pages: totalPages, bytes: fs.statSync(file).size };
}
