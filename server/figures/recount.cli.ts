/**
 * npm run recount [-- --fix] [--db path]: recounts answer_counts from the raw answers and
 * prints every difference; when the counts agree, sums every built rollup again from them
 * and names the buckets that differ. With --fix it replaces the counts and drops and
 * rebuilds the rollups of closed periods, in one transaction. Exit code 1 when counts or
 * rollups differed and were not fixed, so a cron job or a test notices.
 */
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/open-database';
import { migrate } from '../db/migrate';
import { loadDefinitions } from '../surveys/definitions';
import { vietnamDate } from '../time/vietnam-time';
import { createRecountRepo, type CountDifference } from './recount.repo';
import { createRollupsRepo } from './rollups.repo';
import { rebuildRollups, staleBuckets } from './rollups';
import { rollupQuestions } from './rollup-format';
import { structureOf } from './structure';

const SHOWN = 50;

function describe(d: CountDifference): string {
  return `${d.localDate} unit=${d.unitId} point=${d.pointId} service=${d.serviceId} ${d.definitionId}@${d.definitionVersion} flagged=${d.flagged} ${d.questionId}=${d.value}: stored ${d.actual ?? 'none'}, recounted ${d.expected ?? 'none'}`;
}

/** Replaces the counts (when they differ) and rebuilds every rollup from them, all or nothing. */
function fix(db: Db, questions: string, replaceCounts: boolean): string {
  const now = new Date();
  return db.transaction(() => {
    const rows = replaceCounts ? createRecountRepo(db).replace() : null;
    const rollups = rebuildRollups(createRollupsRepo(db), questions, vietnamDate(now), now);
    const failed = rollups.failed.map((f) => ` (${f.bucket} not built: ${f.error})`).join('');
    return `${rows === null ? '' : `fixed: answer_counts rebuilt with ${rows} row(s); `}rollups rebuilt: ${rollups.built.length} bucket(s)${failed}`;
  })();
}

function main(argv: string[]): number {
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
  const config = loadConfig();
  const questions = rollupQuestions(structureOf(loadDefinitions(config.definitionsDir, config.surveyDefinition).current));
  // Rollups are sums of answer_counts: worth checking only once the counts are right.
  const stale = diffs.length ? [] : staleBuckets(createRollupsRepo(db), questions);
  if (!diffs.length) console.log(`${stale.length} rollup bucket(s) differ from answer_counts${stale.length ? `: ${stale.join(', ')}` : ''}`);
  const fixing = argv.includes('--fix');
  if (fixing) console.log(fix(db, questions, diffs.length > 0));
  db.close();
  return (diffs.length || stale.length) && !fixing ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
