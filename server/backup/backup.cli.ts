/**
 * npm run backup                  the scheduled backup: a dated copy in BACKUP_DIR, checked,
 *                                 the retention rule (BACKUP_KEEP_*) applied, mirrored to
 *                                 BACKUP_COPY_DIR when set (what the systemd timer runs)
 * npm run backup -- <file>        one copy to <file>
 * [--db path]                     another database than DATABASE_PATH
 * Both copy the live database while the server keeps serving. Restore: docs/deploy.md.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { backupDatabase } from './backup';
import { runScheduledBackup } from './scheduled-backup';

async function run(argv: string[]): Promise<number> {
  const config = loadConfig();
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--db');
  const at = argv.indexOf('--db');
  if (at >= 0 && !argv[at + 1]) {
    console.error('usage: npm run backup [-- <file>] [--db <path>]');
    return 2;
  }
  const db = openDatabase(at >= 0 ? argv[at + 1]! : config.databasePath);
  try {
    if (file) {
      const { pages, bytes } = await backupDatabase(db, file);
      console.log(`backup written to ${file}: ${pages} pages, ${bytes} bytes`);
      return 0;
    }
    const r = await runScheduledBackup(db, { ...config.backup, now: new Date() });
    console.log(`backup written to ${r.file}: ${r.bytes} bytes, integrity ok; removed by the retention rule: ${r.removed.length ? r.removed.join(', ') : 'none'}`);
    if (config.backup.copyDir) console.log(`mirrored to ${config.backup.copyDir}: copied ${r.copied.length}, removed ${r.copyRemoved.length}`);
    return 0;
  } catch (err) {
    console.error(`backup failed: ${(err as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

run(process.argv.slice(2)).then((code) => (process.exitCode = code));
