import type { Db } from '../db/open-database';
import type { SlotRow } from './rollup-format';

const ROW = 'unit_id, definition_id, definition_version, flagged';
const KEY = 'local_date, unit_id, point_id, service_id, definition_id, definition_version, flagged, question_id, value';

/** What a rollup row is keyed by, besides its bucket: the rollups keep what a selection filters on. */
export interface UnitKey { unitId: number; definitionId: string; definitionVersion: number; flagged: number }
/** One group of counts: a unit row holds one per service field (0: none). */
export interface RollupGroup extends UnitKey { serviceId: number }
/** One packed rollup row: every service field of a unit (rollup-format.ts). */
export interface PackRow extends UnitKey { counts: Buffer }
/** A daily count in primary-key order: the key (which is also the page's cursor), then n. */
export type DayCount = [localDate: string, unitId: number, pointId: number, serviceId: number, definitionId: string,
  definitionVersion: number, flagged: number, questionId: string, value: string, n: number];
export type CountsCursor = DayCount extends [...infer K, number] ? K : never;
export interface CountsPage { from: string; to: string; questions: string; after: CountsCursor; limit: number }

/** The markers of built buckets and the change counters they are checked against. */
function bucketStatements(db: Db) {
  const built = db.prepare<{ questions: string }, { bucket: string }>('SELECT bucket FROM rollup_buckets WHERE questions = :questions');
  const builtWith = db.prepare<{ bucket: string }, { questions: string }>('SELECT questions FROM rollup_buckets WHERE bucket = :bucket');
  const markBuilt = db.prepare<{ bucket: string; questions: string; builtAt: string }>(`
    INSERT INTO rollup_buckets (bucket, questions, built_at) VALUES (:bucket, :questions, :builtAt)
    ON CONFLICT (bucket) DO UPDATE SET questions = excluded.questions, built_at = excluded.built_at`);
  const unmark = db.prepare<{ bucket: string }>('DELETE FROM rollup_buckets WHERE bucket = :bucket');
  // The sum of the counters of some months and of '*': it moves whenever one of them does.
  const changes = db.prepare<{ months: string }, { n: number }>(`
    SELECT coalesce(sum(changes), 0) AS n FROM rollup_changes WHERE month = '*' OR month IN (SELECT value FROM json_each(:months))`);
  const bump = db.prepare<{ month: string }>('INSERT INTO rollup_changes (month, changes) VALUES (:month, 1) ON CONFLICT DO UPDATE SET changes = changes + 1');
  return {
    built: (questions: string) => new Set(built.all({ questions }).map((r) => r.bucket)),
    /** The question list a bucket was built for, or undefined when it is not built. */
    builtWith: (bucket: string) => builtWith.get({ bucket })?.questions,
    markBuilt: (bucket: string, questions: string, builtAt: string) => markBuilt.run({ bucket, questions, builtAt }),
    unmark: (bucket: string) => unmark.run({ bucket }),
    changes: (months: string[]) => changes.get({ months: JSON.stringify(months) })!.n,
    /** Counts a change of a month's daily counts ('*': of every month). */
    bumpChanges: (month: string) => bump.run({ month }),
  };
}

/** The packed rows, their slots, and the daily counts they are summed from. */
function rowStatements(db: Db) {
  const firstDay = db.prepare<[], { day: string | null }>('SELECT min(local_date) AS day FROM answer_counts');
  const slots = db.prepare<[], SlotRow>('SELECT question_id AS questionId, value, slot FROM rollup_slots');
  const addSlot = db.prepare<SlotRow>('INSERT INTO rollup_slots (question_id, value, slot) VALUES (:questionId, :value, :slot)');
  // A page of a period's daily counts, after the last row of the page before (keyset on the primary key).
  const page = db.prepare<Record<string, unknown>, DayCount>(`
    SELECT ${KEY}, n FROM answer_counts
    WHERE (${KEY}) > (:d, :u, :p, :s, :def, :ver, :f, :q, :v) AND local_date <= :to
      AND question_id IN (SELECT value FROM json_each(:questions))
    ORDER BY ${KEY} LIMIT :limit`).raw(true);
  const packs = db.prepare<{ bucket: string }, PackRow>(`
    SELECT unit_id AS unitId, definition_id AS definitionId, definition_version AS definitionVersion, flagged, counts
    FROM answer_rollups WHERE bucket = :bucket`);
  const packOf = db.prepare<UnitKey & { bucket: string }, { counts: Buffer }>(`
    SELECT counts FROM answer_rollups WHERE bucket = :bucket AND unit_id = :unitId
      AND definition_id = :definitionId AND definition_version = :definitionVersion AND flagged = :flagged`);
  const putPack = db.prepare<PackRow & { bucket: string }>(`
    INSERT OR REPLACE INTO answer_rollups (bucket, ${ROW}, counts) VALUES (:bucket, :unitId, :definitionId, :definitionVersion, :flagged, :counts)`);
  const clearBucket = db.prepare<{ bucket: string }>('DELETE FROM answer_rollups WHERE bucket = :bucket');
  return {
    firstDay: () => firstDay.get()?.day ?? null,
    slots: () => slots.all(),
    addSlot: (row: SlotRow) => addSlot.run(row),
    countsPage: ({ after: [d, u, p, s, def, ver, f, q, v], ...rest }: CountsPage) => page.all({ d, u, p, s, def, ver, f, q, v, ...rest }),
    packs: (bucket: string) => packs.all({ bucket }),
    packOf: (bucket: string, k: UnitKey) => packOf.get({ bucket, ...k })?.counts,
    putPack: (bucket: string, row: PackRow) => putPack.run({ bucket, ...row }),
    clearBucket: (bucket: string) => clearBucket.run({ bucket }),
  };
}

/** Building and keeping the rollups of closed periods (004-rollups.sql, 016-rollup-changes.sql); the figures repo reads them. */
export function createRollupsRepo(db: Db) {
  const dropAll = ['answer_rollups', 'rollup_buckets', 'rollup_slots'].map((t) => db.prepare(`DELETE FROM ${t}`));
  return {
    ...bucketStatements(db),
    ...rowStatements(db),
    dropAll: () => dropAll.forEach((s) => s.run()),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
}
export type RollupsRepo = ReturnType<typeof createRollupsRepo>;
