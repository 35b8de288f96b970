/**
 * npm run api-key -- create --unit <code> --label <text> | revoke <id> | list   [--db path]
 * The key is printed once at creation; only its hash is stored.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { AppError } from '../http/errors';
import { wireCore } from '../wiring';

const USAGE = 'usage: npm run api-key -- create --unit <code> --label <text> | revoke <id> | list  [--db <path>]';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function run(argv: string[]): number {
  const db = openDatabase(option(argv, '--db') ?? loadConfig().databasePath);
  migrate(db);
  // Keys made or revoked on the command line have no account: the audit log says so (user null).
  const { apiKeys } = wireCore(db);
  try {
    if (argv[0] === 'create') {
      const k = apiKeys.create({ unitCode: option(argv, '--unit') ?? '', label: option(argv, '--label') ?? '' });
      console.log(`key ${k.id} for unit ${option(argv, '--unit')} ("${k.label}"); shown once, store it now:\n${k.key}`);
    } else if (argv[0] === 'revoke' && Number.isInteger(Number(argv[1]))) {
      console.log(apiKeys.revoke(Number(argv[1])) ? 'revoked' : 'no such active key');
    } else if (argv[0] === 'list') {
      for (const k of apiKeys.list()) console.log(`${k.id}\t${k.prefix}…\t${k.unitCode}\t${k.label}\tcreated ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`);
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`${err.key} ${JSON.stringify(err.params)}\n${USAGE}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = run(process.argv.slice(2));
