import crypto from 'node:crypto';
import type { Db } from '../server/db/open-database';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { createResponsesRepo } from '../server/responses/responses.repo';
import { createFiguresRepo, GROUP_BYS, type CountRow } from '../server/figures/figures.repo';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { ensureAllRollups, rebuildRollups, rollupQuestions } from '../server/figures/rollups';
import { computeSelection, readPlan } from '../server/figures/figures.service';
import { planRange } from '../server/figures/rollup-plan';
import { structureOf } from '../server/figures/structure';
import { createTestApp } from './helpers/test-app';
import { createUnitsRepo } from '../server/units/units.repo';
import { createCatalogRepo } from '../server/units/catalog.repo';

const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
const QUESTIONS = rollupQuestions(structureOf(def));
const NOW = new Date('2025-06-14T20:00:00Z'); // 15 June 2025, 03:00 in Vietnam: June is open, May is closed
const DAY_MS = 86_400_000;

/** mulberry32: the same "random" fixture on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof random>;
const pick = <T>(rand: Rand, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const dayAfter = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 1,500 responses from 1 Nov 2023 to 15 Jun 2025 over every unit, service, point, with profile answers and flags. */
function seeded() {
  const { db } = createTestApp();
  const rand = random(7);
  const ids = (sql: string) => (db.prepare(sql).all() as { id: number; unitId?: number }[]);
  const units = ids('SELECT id FROM units').map((u) => u.id);
  const services = [null, ...ids('SELECT id FROM services').map((s) => s.id)];
  const points = ids('SELECT id, unit_id AS unitId FROM collection_points');
  const store = createResponsesRepo(db).store;
  const questions = [...def.questions.values()].filter((q) => q.type !== 'text');
  for (let i = 0; i < 1500; i++) {
    const point = rand() < 0.5 ? pick(rand, points) : null;
    const localDate = dayAfter('2023-11-01', Math.floor(rand() * 593));
    const choices = questions.filter(() => rand() < 0.6).map((q) => ({
      questionId: q.id,
      value: q.type === 'likert5' ? pick(rand, ['1', '2', '3', '4', '5', 'na']) : pick(rand, q.options.map((o) => o.value)),
    }));
    store({
      submissionId: crypto.randomUUID(), definitionId: def.id, definitionVersion: rand() < 0.2 ? 2 : 1, unitId: point?.unitId ?? pick(rand, units),
      pointId: point?.id ?? null, serviceId: pick(rand, services), procedureId: null, channel: 'poster', verified: false, flagged: rand() < 0.1,
      isDemo: false, lang: 'vi', localDate, createdAt: `${localDate}T01:00:00.000Z`, choices, texts: [],
    });
  }
  return { db, units, services: services.filter((s): s is number => s !== null), rand };
}

/** Tallies as "unit:service:definition@version:question=value" → n, zeros left out. */
function canonical(rows: CountRow[]) {
  const out = new Map<string, number>();
  for (const r of rows) Array.from(r.ns).forEach((n, i) => {
    const q = Math.floor(i / r.width);
    const key = `${r.unitId}:${r.serviceId}:${r.definitionId}@${r.definitionVersion}:${r.questionIds[q]}=${r.values[q]![i % r.width]}`;
    if (n) out.set(key, (out.get(key) ?? 0) + n);
  });
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
}

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

  test('the figures of a year are the same with and without rollups', () => {
    const q = { from: '2024-01-01', to: '2024-12-31', unitIds: null, serviceIds: null, groupBy: 'unit,service' as const, includeMerged: false, includeFlagged: false };
    const service = { repo, rollups, definition: def, fewAnswersThreshold: 30, now: () => NOW, units: createUnitsRepo(fx.db), catalog: createCatalogRepo(fx.db) };
    const withRollups = computeSelection(service, q);
    rollups.dropAll();
    const before1Jan2024 = () => new Date('2024-01-01T00:00:00Z'); // nothing is closed yet: days only
    expect(computeSelection({ ...service, now: before1Jan2024 }, q)).toEqual(withRollups);
    expect(readPlan(deps, '2024-01-01', '2024-12-31', QUESTIONS).buckets).toEqual(['2024']); // built again on demand
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
