import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { wireCore } from '../server/wiring';
import { createRecountRepo } from '../server/figures/recount.repo';
import { unitServices } from '../server/figures/rollup-format';
import { createTestApp } from './helpers/test-app';
import { storeResponse, unitId } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

function damaged() {
  const t = createTestApp({ seed: false });
  buildWorld(t.core);
  storeResponse(t.db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-31', answers: { c15: '5', c16: 'na', overall: '4' } });
  storeResponse(t.db, { unit: 'xa-a1', service: 'ho-tich', date: '2025-03-31', answers: { c15: '5' } });
  storeResponse(t.db, { unit: 'xa-a2', date: '2025-04-01', answers: { overall: '2' } });
  return t;
}

describe('recount of answer_counts from raw answers', () => {
  test('counts kept by the store function match a recount', () => {
    expect(createRecountRepo(damaged().db).differences()).toEqual([]);
  });

  test('reports a changed, a missing and a stray count, and --fix repairs them', () => {
    const { db } = damaged();
    db.exec("UPDATE answer_counts SET n = 7 WHERE question_id = 'c15' AND value = '5'");
    db.exec("DELETE FROM answer_counts WHERE question_id = 'overall' AND value = '2'");
    db.prepare("INSERT INTO answer_counts VALUES ('2025-01-01', ?, 0, 0, 'sipas-2023', 1, 0, 'c17', '3', 1)").run(unitId(db, 'huyen-a'));
    const repo = createRecountRepo(db);
    const diffs = repo.differences();
    expect(diffs.map((d) => [d.questionId, d.value, d.actual, d.expected])).toEqual([
      ['c17', '3', 1, null],
      ['c15', '5', 7, 2],
      ['overall', '2', null, 1],
    ]);
    repo.replace();
    expect(repo.differences()).toEqual([]);
  });

  test('npm run recount reports differences with exit code 1, and --fix repairs them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recount-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    migrate(db);
    buildWorld(wireCore(db));
    storeResponse(db, { unit: 'xa-a1', date: '2025-03-31', answers: { c15: '5' } });
    db.exec("UPDATE answer_counts SET n = 3 WHERE question_id = 'c15'");
    db.close();
    const run = (...args: string[]) => execFileSync('npx', ['tsx', 'server/figures/recount.cli.ts', '--db', file, ...args], { encoding: 'utf8' });
    let failed: { status: number; stdout: string } | undefined;
    try { run(); } catch (err) { failed = err as { status: number; stdout: string }; }
    expect(failed?.status).toBe(1);
    expect(failed?.stdout).toContain('c15=5: stored 3, recounted 1');
    expect(run('--fix')).toContain('fixed');
    expect(run()).toContain('0 difference(s)');
    // --fix also dropped and rebuilt the rollups of closed periods, from the fixed counts.
    const after = openDatabase(file);
    after.exec('UPDATE answer_rollups SET counts = zeroblob(length(counts))');
    after.close();
    let stale: { status: number; stdout: string } | undefined;
    try { run(); } catch (err) { stale = err as { status: number; stdout: string }; }
    expect(stale?.status).toBe(1);
    expect(stale?.stdout).toContain('2 rollup bucket(s) differ from answer_counts: 2025-03, 2025');
    expect(run('--fix')).toMatch(/rollups rebuilt: \d+ bucket/);
    expect(run()).toContain('0 rollup bucket(s) differ');
    const check = openDatabase(file);
    const packs = check.prepare('SELECT bucket, counts FROM answer_rollups ORDER BY bucket').all() as { bucket: string; counts: Buffer }[];
    // One response with c15 = 5: '_response' and c15 counted once each, in 2025-03 and in 2025.
    const total = (counts: Buffer) => {
      const services = unitServices(counts), sum = new Int32Array(1000);
      for (let i = 0; i < services.size; i++) services.addTo(i, sum, 0);
      return sum.reduce((a, b) => a + b, 0);
    };
    expect(packs.map((p) => [p.bucket, total(p.counts)])).toEqual([['2025', 2], ['2025-03', 2]]);
    check.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
