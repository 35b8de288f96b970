import fs from 'node:fs';
import path from 'node:path';
import type { HealthRepo } from './health.repo';

/** Below this, the next commit may well fail with "database or disk is full". */
export const LOW_DISK_BYTES = 16 * 1024 * 1024;

export interface DbHealth { writable: boolean; error: string | null; diskFreeBytes: number | null }

/**
 * Whether the database takes writes now, not only answers reads: its write lock (health.repo),
 * and, since SQLite meets a full disk only at commit, the free space of its folder.
 */
export function createDbHealth(repo: HealthRepo) {
  const file = repo.file();
  const dir = file ? path.dirname(path.resolve(file)) : null;
  return (): DbHealth => {
    let error = repo.writeLockError();
    let diskFreeBytes: number | null = null;
    if (dir) {
      const s = fs.statfsSync(dir);
      diskFreeBytes = s.bavail * s.bsize;
    }
    if (!error && diskFreeBytes !== null && diskFreeBytes < LOW_DISK_BYTES) error = 'DISK_FULL';
    return { writable: error === null, error, diskFreeBytes };
  };
}
export type DbHealthCheck = ReturnType<typeof createDbHealth>;
