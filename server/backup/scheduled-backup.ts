import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { createSettingsRepo } from '../settings/settings.repo';
import { backupDatabase } from './backup';
import { backupName, backupsToKeep, parseBackupName, type BackupFile, type Keep } from './retention-plan';

export interface ScheduledBackup { dir: string; copyDir: string | undefined; keep: Keep; now: Date }
export interface BackupReport { file: string; bytes: number; removed: string[]; copied: string[]; copyRemoved: string[] }

const listBackups = (dir: string): BackupFile[] => fs.readdirSync(dir).map(parseBackupName).filter((f): f is BackupFile => f !== null);

/**
 * A backup that does not open, or fails SQLite's own check, is worse than none: it must fail
 * loudly now. It is also turned into one self-contained file (journal_mode DELETE; the copy
 * inherits WAL from the live database), so no -wal or -shm lies beside it to be forgotten.
 */
function verify(file: string) {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${file} failed its integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

/** Deletes the backups of `dir` that the rule does not keep; only files named like ours are ever touched. */
function prune(dir: string, kept: Set<string>): string[] {
  const gone = listBackups(dir).filter((f) => !kept.has(f.name)).map((f) => f.name);
  for (const name of gone) fs.rmSync(path.join(dir, name));
  return gone;
}

/**
 * The second folder (another disk, a mounted share) holds the same kept set. It must exist:
 * creating it would put the "off-machine" copies on this machine's disk while the other one is
 * not mounted. Each file is copied to .partial and renamed, so a cut copy never looks whole.
 */
function mirror(dir: string, copyDir: string, kept: Set<string>): { copied: string[]; removed: string[] } {
  if (!fs.statSync(copyDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`BACKUP_COPY_DIR ${copyDir} is not a folder (is the disk mounted?); the local backup was made, the copy was not`);
  const copied: string[] = [];
  for (const name of kept) {
    const target = path.join(copyDir, name);
    if (fs.statSync(target, { throwIfNoEntry: false })?.size === fs.statSync(path.join(dir, name)).size) continue;
    fs.copyFileSync(path.join(dir, name), `${target}.partial`);
    fs.chmodSync(`${target}.partial`, 0o600);
    fs.renameSync(`${target}.partial`, target);
    copied.push(name);
  }
  return { copied, removed: prune(copyDir, kept) };
}

/**
 * What the backup timer runs: an online backup into `dir` under a dated name, checked, the
 * retention rule applied, the kept set mirrored to `copyDir`; then recorded in settings
 * (`last_backup`, for /metrics), only once all of it succeeded. The invitation key is not in
 * the database, so not in any of these files.
 */
export async function runScheduledBackup(db: Db, opts: ScheduledBackup): Promise<BackupReport> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dir, backupName(opts.now));
  const { bytes } = await backupDatabase(db, file);
  // It holds every comment: readable by the service's user only, whatever the umask.
  fs.chmodSync(file, 0o600);
  verify(file);
  const kept = backupsToKeep(listBackups(opts.dir), opts.keep);
  const removed = prune(opts.dir, kept);
  const { copied, removed: copyRemoved } = opts.copyDir ? mirror(opts.dir, opts.copyDir, kept) : { copied: [], removed: [] };
  createSettingsRepo(db).set('last_backup', JSON.stringify({ at: opts.now.toISOString(), file: path.basename(file), bytes, copied: Boolean(opts.copyDir) }));
  return { file, bytes, removed, copied, copyRemoved };
}
