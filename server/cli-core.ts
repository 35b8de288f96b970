import { loadConfig } from './config';
import { openDatabase } from './db/open-database';
import { migrate } from './db/migrate';
import { AppError } from './http/errors';
import { wireCore, type Core } from './wiring';

/** The value after `name` on a command line (`--db file`). */
export function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/**
 * A command-line tool on the database of `--db` (default DATABASE_PATH), migrated, with the
 * core services (no account: the audit log says user null). `command` returns the exit code,
 * 2 for a wrong command line (the usage is printed); a refusal (AppError) is 1, said by `why`.
 */
export function runCli(argv: string[], usage: string, command: (core: Core) => number, why = (e: AppError) => `${e.key} ${JSON.stringify(e.params)}`): number {
  const db = openDatabase(option(argv, '--db') ?? loadConfig().databasePath);
  migrate(db);
  try {
    const code = command(wireCore(db));
    if (code === 2) console.error(usage);
    return code;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`${why(err)}\n${usage}`);
    return 1;
  } finally {
    db.close();
  }
}
