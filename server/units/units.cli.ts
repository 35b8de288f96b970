/**
 * npm run units -- add-province <code> [--dry-run] | provinces   [--db path]
 * Adds a province with all its communes from data/vn-units-2025.json, as the staff page
 * /staff/provinces does; units already here (by official code) are left as they are.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { AppError } from '../http/errors';
import { wireCore } from '../wiring';

const USAGE = 'usage: npm run units -- add-province <official code, e.g. 52> [--dry-run] | provinces  [--db <path>]';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function run(argv: string[]): number {
  const db = openDatabase(option(argv, '--db') ?? loadConfig().databasePath);
  migrate(db);
  // Units added on the command line have no account: the audit log says so (user null).
  const { provinces } = wireCore(db);
  try {
    if (argv[0] === 'add-province' && argv[1]) {
      const dry = argv.includes('--dry-run');
      const p = dry ? provinces.plan(argv[1]) : provinces.apply(null, argv[1]);
      const what = `${p.province.name} (${p.province.code}): ${p.rows.length} units, the province and ${p.rows.length - 1} communes`;
      if (p.create === 0) console.log(`${what}; all already here (matched by official code), nothing changed.`);
      else console.log(`${what}; ${dry ? 'would create' : 'created'} ${p.create}, already here ${p.exists}.`);
      for (const r of p.rows) if (!r.existing) console.log(`  ${dry ? 'would create' : 'created'}\t${r.officialCode}\t${r.shortCode}\t${r.name}`);
    } else if (argv[0] === 'provinces') {
      for (const p of provinces.provinces()) console.log(`${p.code}\t${p.name}\t${p.units} communes\t${p.present} of ${p.units + 1} here`);
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const why = err.key === 'units.provinces.unknown' ? `no province with official code ${err.params.code} in data/vn-units-2025.json` : `${err.key} ${JSON.stringify(err.params)}`;
    console.error(`${why}\n${USAGE}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = run(process.argv.slice(2));
