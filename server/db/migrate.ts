import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './open-database';

const DIR = path.join(__dirname, 'migrations');

/**
 * Applies the numbered, forward-only migrations/NNN-name.sql files that are newer than
 * PRAGMA user_version, each in its own transaction. A shipped migration is never edited.
 */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const files = fs.readdirSync(DIR).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort();
  let applied = 0;
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (version <= current) continue;
    const sql = fs.readFileSync(path.join(DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
    applied++;
  }
  return applied;
}
