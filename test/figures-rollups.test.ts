import { createFiguresRepo, GROUP_BYS } from '../server/figures/figures.repo';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { ensureAllRollups, rebuildRollups } from '../server/figures/rollups';
import { rollupQuestions } from '../server/figures/rollup-format';
import { computeSelection, readPlan } from '../server/figures/figures.service';
import { planRange } from '../server/figures/rollup-plan';
import { structureOf } from '../server/figures/structure';
import { createUnitsRepo } from '../server/units/units.repo';
import { createCatalogRepo } from '../server/units/catalog.repo';
import { canonical as canonicalOf, dayAfter, definition as def, seeded } from './helpers/figures-seeded';

const QUESTIONS = rollupQuestions(structureOf(def));
const NOW = new Date('2025-06-14T20:00:00Z'); // 15 June 2025, 03:00 in Vietnam: June is open, May is closed
const canonical = (read: Parameters<typeof canonicalOf>[0]) => canonicalOf(read, QUESTIONS);

describe('rollups of closed months and years', () => {
  const fx = seeded();
  const repo = createFiguresRepo(fx.db);
  const rollups = createRollupsRepo(fx.db);
  const deps = { rollups, now: () => NOW };

  test('are built for every closed month and year, and not for the current month', () => {
    const result = ensureAllRollups(rollups, QUESTIONS, '2025-06-15', NOW);
    expect(result.failed).toEqual([]);
    expect(result.built).toEqual(expect.arrayContaining(['2023-11', '2023-12', '2023', '2024', '2025-01', '2025-05']));
    expect(result.built).not.toContain('2025-06');
    expect(result.built).not.toContain('2025');
  });

  test('give exactly the tallies of the daily counts, on 150 random ranges (fixed seed)', () => {
    const ranges: [string, string][] = [['2024-01-01', '2024-12-31'], ['2023-11-01', '2025-06-15'], ['2024-12-15', '2025-01-20'], ['2025-05-01', '2025-06-30']];
    for (let i = 0; i < 150; i++) {
      const a = dayAfter('2023-10-20', Math.floor(fx.rand() * 620)), b = dayAfter('2023-10-20', Math.floor(fx.rand() * 620));
      ranges.push(a < b ? [a, b] : [b, a]);
    }
    let fromRollups = 0;
    ranges.forEach(([from, to], i) => {
      const groupBy = GROUP_BYS[i % GROUP_BYS.length]!;
      const filter = {
        from, to, includeFlagged: i % 2 === 0,
        unitIds: i % 5 === 0 ? fx.units.slice(0, 4) : null, serviceIds: i % 7 === 0 ? fx.services.slice(0, 2) : null,
      };
      const plan = readPlan(deps, from, to, QUESTIONS);
      fromRollups += plan.buckets.length ? 1 : 0;
      const daily = repo.counts(groupBy, filter, { buckets: [], days: [{ from, to }] }, QUESTIONS);
      expect([from, to, groupBy, canonical(repo.counts(groupBy, filter, plan, QUESTIONS))]).toEqual([from, to, groupBy, canonical(daily)]);
    });
    expect(fromRollups).toBeGreaterThan(75); // the property was tested on rollups, not only on days
  });

  test('the figures of a year are the same with and without rollups, and a read never builds one', () => {
    const q = { from: '2024-01-01', to: '2024-12-31', unitIds: null, serviceIds: null, groupBy: 'unit,service' as const, includeMerged: false, includeFlagged: false };
    const service = { repo, rollups, definition: def, fewAnswersThreshold: 30, now: () => NOW, units: createUnitsRepo(fx.db), catalog: createCatalogRepo(fx.db) };
    expect(readPlan(deps, '2024-01-01', '2024-12-31', QUESTIONS).buckets).toEqual(['2024']);
    const withRollups = computeSelection(service, q);
    rollups.dropAll();
    const withoutRollups = computeSelection(service, q);
    expect(withoutRollups).toEqual(withRollups);
    expect(JSON.stringify(withoutRollups)).toBe(JSON.stringify(withRollups)); // the same keys in the same order too
    expect(readPlan(deps, '2024-01-01', '2024-12-31', QUESTIONS)).toEqual({ buckets: [], days: [{ from: '2024-01-01', to: '2024-12-31' }] });
    expect(fx.db.prepare('SELECT count(*) AS n FROM rollup_buckets').get()).toEqual({ n: 0 });
  });

  test("'summary' groups carry the full groups' SIPAS, responses, overall rate and elements, and no criteria or priorities", () => {
    const q = { from: '2023-12-10', to: '2025-02-20', unitIds: null, serviceIds: null, groupBy: 'unit,service' as const, includeMerged: false, includeFlagged: true };
    const service = { repo, rollups, definition: def, fewAnswersThreshold: 30, now: () => NOW, units: createUnitsRepo(fx.db), catalog: createCatalogRepo(fx.db) };
    ensureAllRollups(rollups, QUESTIONS, '2025-06-15', NOW);
    const full = computeSelection(service, q), summary = computeSelection(service, q, { detail: 'summary' });
    expect(summary.total).toEqual(full.total);
    expect(summary.groups).toEqual(full.groups.map((g) => ({ ...g, criteria: [], priorities: [] })));
    expect(full.groups.some((g) => g.criteria.length && g.priorities.length)).toBe(true);
  });

  test('with a service field or unit filter, the whole result (and the questionnaires listed) is the same from rollups and from days', () => {
    const service = { repo, rollups, definition: def, fewAnswersThreshold: 30, now: () => NOW, units: createUnitsRepo(fx.db), catalog: createCatalogRepo(fx.db) };
    ensureAllRollups(rollups, QUESTIONS, '2025-06-15', NOW);
    const days = { ...service, rollups: { built: () => new Set<string>() } };
    for (const [i, groupBy] of GROUP_BYS.entries()) {
      const q = { from: '2023-11-01', to: '2025-05-31', unitIds: i % 2 ? fx.units.slice(0, 3) : null, serviceIds: fx.services.slice(i, i + 1), groupBy, includeMerged: false, includeFlagged: i > 1 };
      expect(computeSelection(service, q)).toEqual(computeSelection(days, q));
    }
  });

  test('rebuildRollups (recount --fix) drops stale rollups and builds them from answer_counts', () => {
    ensureAllRollups(rollups, QUESTIONS, '2025-06-15', NOW);
    fx.db.exec("UPDATE answer_rollups SET counts = zeroblob(length(counts)) WHERE bucket = '2024-03'");
    const stale = repo.counts('none', { from: '2024-03-01', to: '2024-03-31', unitIds: null, serviceIds: null, includeFlagged: true }, planRange('2024-03-01', '2024-03-31', '2025-06-15'), QUESTIONS);
    rebuildRollups(rollups, QUESTIONS, '2025-06-15', NOW);
    const f = { from: '2024-03-01', to: '2024-03-31', unitIds: null, serviceIds: null, includeFlagged: true };
    const fresh = repo.counts('none', f, planRange('2024-03-01', '2024-03-31', '2025-06-15'), QUESTIONS);
    expect(canonical(fresh)).not.toEqual(canonical(stale));
    expect(canonical(fresh)).toEqual(canonical(repo.counts('none', f, { buckets: [], days: [{ from: f.from, to: f.to }] }, QUESTIONS)));
  });
});

describe('planRange', () => {
  test('closed years and months from rollups, edges and the open month by day', () => {
    expect(planRange('2023-12-15', '2025-06-20', '2025-06-15')).toEqual({
      buckets: ['2024', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
      days: [{ from: '2023-12-15', to: '2023-12-31' }, { from: '2025-06-01', to: '2025-06-20' }],
    });
    // 31 December is not over on that day; an unbuilt year falls back to its months.
    expect(planRange('2024-01-01', '2024-12-31', '2024-12-31').buckets).toHaveLength(11);
    expect(planRange('2024-01-01', '2024-12-31', '2025-01-01', (b) => b !== '2024').buckets).toHaveLength(12);
  });
});
