import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { createContinuationsRepo } from '../server/responses/continuations.repo';
import { createResponsesRepo, type NewResponse } from '../server/responses/responses.repo';

/**
 * The floor of a submission in SQLite on this disk, measured in the bench process on a fresh
 * database file in WAL mode (the app's pragmas): the cost of one commit of one small row,
 * and what the first page's rows cost (the response, its answer, its two counts, its
 * continuation) committed one by one and by 8, as the group commit does under load.
 */
const N = 4000;

function rows(i: number): NewResponse {
  return {
    submissionId: (Date.now() + i).toString(36).padStart(9, '0') + crypto.randomBytes(27).toString('base64url'), definitionId: 'sipas-2023', definitionVersion: 2,
    unitId: 1, pointId: 1, serviceId: 1, procedureId: null, channel: 'poster', verified: false, flagged: false, flagReasons: 0, isDemo: false, lang: 'vi',
    localDate: '2026-05-04', createdAt: new Date().toISOString(), choices: [{ questionId: 'overall', value: String(1 + (i % 5)) }], texts: [],
  };
}

export function sqliteFloor(synchronous: 'NORMAL' | 'FULL') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-floor-'));
  const db = openDatabase(path.join(dir, 'f.sqlite'), synchronous);
  migrate(db);
  db.exec("INSERT INTO units (id, code, name, type) VALUES (1, 'xa', 'Xã', 'xa'); INSERT INTO services (id, code, name_vi) VALUES (1, 'dv', 'Dịch vụ'); INSERT INTO collection_points (id, code, unit_id, label) VALUES (1, 'quay-1', 1, 'Quầy'); CREATE TABLE floor (v TEXT)");
  const responses = createResponsesRepo(db), continuations = createContinuationsRepo(db);
  const one = db.prepare('INSERT INTO floor (v) VALUES (?)');
  const time = (fn: (i: number) => void, per: number) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i += per) fn(i);
    return Number(process.hrtime.bigint() - t0) / N / 1000;
  };
  // The rows and tokens made before the clock starts: what is timed is SQLite's work (and the repos' binding).
  const made = Array.from({ length: 3 * N }, (_, i) => ({ row: rows(i), token: (Date.now() + i).toString(36) + crypto.randomBytes(32).toString('hex') }));
  let next = 0;
  const expiresAt = new Date(Date.now() + 7200_000).toISOString();
  const firstPage = () => {
    const { row, token } = made[next++]!;
    const id = responses.storeIn(row)!;
    continuations.open({ tokenHash: token, responseId: id, steps: [], expiresAt });
  };
  const commit = time((i) => void one.run(String(i)), 1);
  const alone = time(() => db.transaction(firstPage)(), 1);
  const byEight = time(() => db.transaction(() => { for (let k = 0; k < 8; k++) firstPage(); })(), 8);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { commit, alone, byEight };
}
