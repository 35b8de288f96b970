/**
 * npm run backup -- <file>   [--db path]
 * Copies the live database (DATABASE_PATH) to <file> while the server keeps serving.
 * Restore: stop the server, copy <file> to DATABASE_PATH (removing any -wal and -shm beside it), start.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { backupDatabase } from './backup';

async function run(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--db');
  if (!file) {
    console.error('usage: npm run backup -- <file> [--db <path>]');
    return 2;
  }
  const at = argv.indexOf('--db');
  const db = openDatabase(at >= 0 ? argv[at + 1]! : loadConfig().databasePath);
  try {
    const { pages, bytes } = await backupDatabase(db, file);
    console.log(`backup written to ${file}: ${pages} pages, ${bytes} bytes`);
    return 0;
  } finally {
    db.close();
  }
}

run(process.argv.slice(2)).then((code) => (process.exitCode = code));
