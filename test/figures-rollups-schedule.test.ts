import pino from 'pino';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';
import { scheduleRollups, untilNextRun } from '../server/figures/rollups.schedule';
import { createTestApp } from './helpers/test-app';
import { storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';
import { createRollupsRepo } from '../server/figures/rollups.repo';
import { startBuild } from '../server/figures/rollup-build';
import { rollupQuestions } from '../server/figures/rollup-format';
import { structureOf } from '../server/figures/structure';

describe('the rollup schedule', () => {
  test('runs next at 00:05 Vietnam time', () => {
    // 16:00 UTC is 23:00 in Vietnam: 1 h 5 min to go; 17:10 UTC is 00:10: almost a day.
    expect(untilNextRun(new Date('2025-03-31T16:00:00Z'))).toBe(65 * 60_000);
    expect(untilNextRun(new Date('2025-03-31T17:10:00Z'))).toBe((24 * 60 - 5) * 60_000);
  });

  test('builds the closed months and years at start-up, one bucket a turn, and not the open month', async () => {
    const { db, core } = createTestApp({ seed: false });
    buildWorld(core);
    const definition = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
    storeResponse(db, { unit: 'xa-a1', date: '2024-11-30', answers: { c15: '5' } });
    storeResponse(db, { unit: 'xa-a1', date: '2025-03-31', answers: { c15: '4' } });
    const now = () => new Date('2025-04-10T05:00:00Z');
    const schedule = scheduleRollups({ db, definition, logger: pino({ level: 'silent' }), now });
    const buckets = () => (db.prepare('SELECT bucket FROM rollup_buckets ORDER BY bucket').all() as { bucket: string }[]).map((r) => r.bucket);
    for (let i = 0; i < 100 && buckets().length < 16; i++) await new Promise((r) => setTimeout(r, 5));
    schedule.stop();
    expect(buckets()).toEqual(['2024', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
  });

  test('a month of more daily counts than one step reads is summed over several steps, then written once', () => {
    const { db, core } = createTestApp({ seed: false });
    buildWorld(core);
    const definition = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
    const values = ['1', '2', '3', '4', '5', 'na'];
    const answers = (v: string) => Object.fromEntries(['overall', ...Array.from({ length: 19 }, (_, i) => `c${15 + i}`)].map((q) => [q, v]));
    // Each value of the 20 questions, on each of 28 days, in two units: 28 × 2 × 121 = 6,776 daily count rows, more than one step reads.
    const units = ['xa-a1', 'xa-b1'];
    for (let day = 1; day <= 28; day++) {
      for (const unit of units) for (const v of values) storeResponse(db, { unit, date: `2024-11-${String(day).padStart(2, '0')}`, answers: answers(v) });
    }
    const repo = createRollupsRepo(db);
    const build = startBuild(repo, '2024-11', rollupQuestions(structureOf(definition)));
    let steps = 1;
    while (!build.step()) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(repo.built(rollupQuestions(structureOf(definition))).size).toBe(0); // nothing written before the end
    expect(build.write(new Date())).toBe('built');
    expect(repo.built(rollupQuestions(structureOf(definition)))).toEqual(new Set(['2024-11']));
  });
});
