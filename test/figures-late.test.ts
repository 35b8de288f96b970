import type { Db } from '../server/db/open-database';
import { createFiguresRepo } from '../server/figures/figures.repo';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { ensureAllRollups, staleBuckets } from '../server/figures/rollups';
import { startBuild } from '../server/figures/rollup-build';
import { lateCounts, type LateChoice } from '../server/figures/rollup-late';
import { rollupQuestions } from '../server/figures/rollup-format';
import { computeFigures } from '../server/figures/formula-columns';
import { computeSelection, type FiguresQuery } from '../server/figures/figures.service';
import { createRecountRepo } from '../server/figures/recount.repo';
import { structureOf } from '../server/figures/structure';
import { createUnitsRepo } from '../server/units/units.repo';
import { createCatalogRepo } from '../server/units/catalog.repo';
import { definition, seeded } from './helpers/figures-seeded';

const QUESTIONS = rollupQuestions(structureOf(definition));
const NOW = new Date('2025-06-14T20:00:00Z'); // 15 June 2025 in Vietnam: every month before June is closed
const YEAR_2024: FiguresQuery = { from: '2024-01-01', to: '2024-12-31', unitIds: null, serviceIds: null, groupBy: 'unit', includeMerged: false, includeFlagged: false };
interface ResponseRow { id: number; localDate: string; unitId: number; serviceId: number; definitionId: string; definitionVersion: number; flagged: number }

/**
 * What issue 12's detail steps will do, as the lead will wire it: in one transaction, the late
 * answers, their daily counts on the response's own day, and addLateCounts.
 */
function addLate(db: Db, r: ResponseRow, choices: LateChoice[]) {
  const answer = db.prepare('INSERT INTO answers (response_id, question_id, value) VALUES (?, ?, ?)');
  const count = db.prepare(`INSERT INTO answer_counts VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1`);
  const addLateCounts = lateCounts(createRollupsRepo(db));
  db.transaction(() => {
    for (const c of choices) {
      answer.run(r.id, c.questionId, c.value);
      count.run(r.localDate, r.unitId, r.serviceId, r.definitionId, r.definitionVersion, r.flagged, c.questionId, c.value);
    }
    addLateCounts({ unitId: r.unitId, serviceId: r.serviceId, definitionId: r.definitionId, definitionVersion: r.definitionVersion, flagged: r.flagged }, r.localDate, choices);
  })();
}

/** Responses of a month without an answer to `questions` (no point, so their counts sit at point 0). */
const unanswered = (db: Db, month: string, questions: string[], n: number) => db.prepare(`
  SELECT id, local_date AS localDate, unit_id AS unitId, coalesce(service_id, 0) AS serviceId, definition_id AS definitionId,
         definition_version AS definitionVersion, flagged
  FROM responses r WHERE local_date LIKE ? || '%' AND point_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.question_id IN (SELECT value FROM json_each(?)))
  ORDER BY id LIMIT ?`).all(month, JSON.stringify(questions), n) as ResponseRow[];

/** The figures of 2024 by unit straight from the raw answers, the formula applied to their tallies. */
function fromRawAnswers(db: Db) {
  const rows = db.prepare(`
    SELECT r.unit_id AS unit, a.question_id AS q, a.value AS v, count(*) AS n FROM responses r JOIN answers a ON a.response_id = r.id
    WHERE r.local_date BETWEEN '2024-01-01' AND '2024-12-31' AND r.flagged = 0 GROUP BY 1, 2, 3
    UNION ALL SELECT unit_id, '_response', '1', count(*) FROM responses WHERE local_date BETWEEN '2024-01-01' AND '2024-12-31' AND flagged = 0 GROUP BY 1`).all() as { unit: number; q: string; v: string; n: number }[];
  const tallies = new Map<number, Record<string, Record<string, number>>>();
  for (const r of rows) ((tallies.get(r.unit) ?? tallies.set(r.unit, {}).get(r.unit)!)[r.q] ??= {})[r.v] = r.n;
  return new Map([...tallies].map(([unit, tally]) => [unit, computeFigures(structureOf(definition), tally, 30)]));
}

describe('answers added late to a response of a closed, rolled-up month', () => {
  const fx = seeded(1500, 7);
  const rollups = createRollupsRepo(fx.db);
  const deps = { repo: createFiguresRepo(fx.db), rollups, definition, fewAnswersThreshold: 30, now: () => NOW, units: createUnitsRepo(fx.db), catalog: createCatalogRepo(fx.db) };
  ensureAllRollups(rollups, QUESTIONS, '2025-06-15', NOW);

  test('count in its month and year: the figures equal a recount from the raw answers, and recount finds no difference', () => {
    for (const r of unanswered(fx.db, '2024-03', ['c15', 'p_info'], 5)) addLate(fx.db, r, [{ questionId: 'c15', value: '5' }, { questionId: 'p_info', value: 'rat_nhieu' }]);
    // A value never given before takes a new slot in the rollups.
    for (const r of unanswered(fx.db, '2024-07', ['c20'], 2)) addLate(fx.db, r, [{ questionId: 'c20', value: 'later-value' }]);
    expect(createRecountRepo(fx.db).differences()).toEqual([]);
    expect(staleBuckets(rollups, QUESTIONS)).toEqual([]);
    const result = computeSelection(deps, YEAR_2024);
    expect(result.groups.length).toBeGreaterThan(5);
    const raw = fromRawAnswers(fx.db);
    for (const g of result.groups) expect([g.unit!.id, { ...g, unit: undefined }]).toEqual([g.unit!.id, { ...raw.get(g.unit!.id), unit: undefined }]);
    expect(fx.db.prepare("SELECT count(*) AS n FROM rollup_buckets WHERE bucket IN ('2024-03', '2024-07', '2024')").get()).toEqual({ n: 3 }); // still read from the rollups
  });

  test('a rollup summed while a late answer arrives for a day it has already read is not written, and is right when summed again', () => {
    const build = startBuild(rollups, '2024-05', QUESTIONS);
    build.step(); // the first page: the whole month at this size
    for (const r of unanswered(fx.db, '2024-05', ['c16'], 3)) addLate(fx.db, r, [{ questionId: 'c16', value: '1' }]);
    expect(build.write(NOW)).toBe('changed');
    const again = startBuild(rollups, '2024-05', QUESTIONS);
    while (!again.step());
    expect(again.write(NOW)).toBe('built');
    expect(staleBuckets(rollups, QUESTIONS)).toEqual([]);
  });

  test('stale rollups are found by the recount check', () => {
    fx.db.exec("UPDATE answer_rollups SET counts = zeroblob(length(counts)) WHERE bucket = '2024-03' AND unit_id = (SELECT min(unit_id) FROM answer_rollups WHERE bucket = '2024-03')");
    expect(staleBuckets(rollups, QUESTIONS)).toEqual(['2024-03', '2024']); // the year no longer equals its months either
  });
});
