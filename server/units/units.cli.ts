/**
 * npm run units -- add-province <code> [--dry-run] | provinces   [--db path]
 * Adds a province with all its communes from data/vn-units-2025.json, as the staff page
 * /staff/provinces does; units already here (by official code) are left as they are.
 */
import { runCli } from '../cli-core';
import type { Core } from '../wiring';

const USAGE = 'usage: npm run units -- add-province <official code, e.g. 52> [--dry-run] | provinces  [--db <path>]';

function addProvince({ provinces }: Core, code: string, dry: boolean) {
  const p = dry ? provinces.plan(code) : provinces.apply(null, code);
  const what = `${p.province.name} (${p.province.code}): ${p.rows.length} units, the province and ${p.rows.length - 1} communes`;
  if (p.create === 0) console.log(`${what}; all already here (matched by official code), nothing changed.`);
  else console.log(`${what}; ${dry ? 'would create' : 'created'} ${p.create}, already here ${p.exists}.`);
  for (const r of p.rows) if (!r.existing) console.log(`  ${dry ? 'would create' : 'created'}\t${r.officialCode}\t${r.shortCode}\t${r.name}`);
}

const argv = process.argv.slice(2);
process.exitCode = runCli(argv, USAGE, (core) => {
  if (argv[0] === 'add-province' && argv[1]) addProvince(core, argv[1], argv.includes('--dry-run'));
  else if (argv[0] === 'provinces') {
    for (const p of core.provinces.provinces()) console.log(`${p.code}\t${p.name}\t${p.units} communes\t${p.present} of ${p.units + 1} here`);
  } else return 2;
  return 0;
}, (e) => (e.key === 'units.provinces.unknown' ? `no province with official code ${e.params.code} in data/vn-units-2025.json` : `${e.key} ${JSON.stringify(e.params)}`));
