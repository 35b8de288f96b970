/**
 * npm run recount [-- --fix] [--db path]: recounts answer_counts from the raw answers,
 * prints every difference, and with --fix replaces the counts. Exit code 1 when counts
 * differed and were not fixed, so a cron job or a test notices.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { createRecountRepo, type CountDifference } from './recount.repo';

const SHOWN = 50;

function describe(d: CountDifference): string {
  return `${d.localDate} unit=${d.unitId} point=${d.pointId} service=${d.serviceId} ${d.definitionId}@${d.definitionVersion} flagged=${d.flagged} ${d.questionId}=${d.value}: stored ${d.actual ?? 'none'}, recounted ${d.expected ?? 'none'}`;
}

function main(argv: string[]): number {
  const fix = argv.includes('--fix');
  const dbAt = argv.indexOf('--db');
  const file = dbAt >= 0 ? argv[dbAt + 1] : loadConfig().databasePath;
  if (!file) throw new Error('--db needs a path');
  const db = openDatabase(file);
  migrate(db);
  const repo = createRecountRepo(db);
  const diffs = repo.differences();
  for (const d of diffs.slice(0, SHOWN)) console.log(describe(d));
  if (diffs.length > SHOWN) console.log(`… and ${diffs.length - SHOWN} more`);
  console.log(`${diffs.length} difference(s) between answer_counts and the raw answers`);
  if (diffs.length && fix) console.log(`fixed: answer_counts rebuilt with ${repo.replace()} row(s)`);
  db.close();
  return diffs.length && !fix ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
