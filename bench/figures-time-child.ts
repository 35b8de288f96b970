/**
 * The figures of bench/figures.ts timed in a process of their own, on the database opened as
 * the server opens it (server/db/open-database.ts): not in the process that has just generated
 * 25 M answers with a 1 GB page cache and built every rollup, whose heap and cache are not a
 * server's. Prints the phase lines (bench/figures-phases.ts) and the equality checks.
 * Usage: tsx bench/figures-time-child.ts <db file> <from> <to> [--compare file] [--raw-groupby]
 */
import fs from 'node:fs';
import { openDatabase } from '../server/db/open-database';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { createFiguresRepo } from '../server/figures/figures.repo';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { computeSelection, type FiguresQuery } from '../server/figures/figures.service';
import { createUnitsRepo } from '../server/units/units.repo';
import { createCatalogRepo } from '../server/units/catalog.repo';
import { timeRuns } from './lib';
import { timeFigures } from './figures-phases';

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Deep equality whatever the order of an object's keys (arrays keep their order). */
const canonical = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

function main([file, from, to, ...flags]: string[]) {
  const db = openDatabase(file!);
  const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
  const q: FiguresQuery = { from: from!, to: to!, unitIds: null, serviceIds: null, groupBy: 'unit,service', includeMerged: false, includeFlagged: false };
  const deps = { repo: createFiguresRepo(db), rollups: createRollupsRepo(db), definition: def, fewAnswersThreshold: 30, now: () => new Date(), units: createUnitsRepo(db), catalog: createCatalogRepo(db) };
  const figures = timeFigures(db, deps, def, q);
  console.log(figures.lines.join('\n'));

  // The engine before rollups: the same service with a clock at the start of the year, when nothing is closed.
  const daily = timeRuns(() => computeSelection({ ...deps, now: () => new Date(`${from}T00:00:00+07:00`) }, q), 1);
  console.log(`same figures from the daily answer_counts only (plain GROUP BY, no rollups): ${sec(daily.ms)}; identical result: ${JSON.stringify(daily.result) === JSON.stringify(figures.full)}`);
  const compare = flags.indexOf('--compare');
  if (compare >= 0) console.log(`equal to ${flags[compare + 1]} (whatever the order of keys): ${canonical(JSON.parse(fs.readFileSync(flags[compare + 1]!, 'utf8'))) === canonical(figures.full)}`);
  if (flags.includes('--raw-groupby')) {
    const plain = db.prepare(`SELECT r.unit_id, r.service_id, a.question_id, a.value, count(*) FROM responses r JOIN answers a ON a.response_id = r.id
      WHERE r.local_date BETWEEN ? AND ? AND r.flagged = 0 GROUP BY 1, 2, 3, 4`);
    console.log(`plain GROUP BY over the raw answers: ${sec(timeRuns(() => plain.all(from, to), 1).ms)}`);
  }
  db.close();
}

main(process.argv.slice(2));
