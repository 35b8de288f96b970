import type { Db } from '../db/open-database';

const SLOTS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const GROUP = 'unit_id, service_id, definition_id, definition_version, flagged';

export interface SlotRow { questionId: string; value: string; slot: number }
export interface BucketDays { from: string; to: string; questions: string }
/** One packed rollup row; `counts` is int32 little-endian, questions × 8 slots. */
export interface PackRow { unitId: number; serviceId: number; definitionId: string; definitionVersion: number; flagged: number; counts: Buffer }
/** A month's counts of one question in one group, by slot. */
export type WideRow = [unitId: number, serviceId: number, definitionId: string, definitionVersion: number, flagged: number, questionId: string, ...slots: number[]];

/** Building the rollups of closed periods (004-rollups.sql); the figures repo reads them. */
export function createRollupsRepo(db: Db) {
  const built = db.prepare<{ questions: string }, { bucket: string }>('SELECT bucket FROM rollup_buckets WHERE questions = :questions');
  const firstDay = db.prepare<[], { day: string | null }>('SELECT min(local_date) AS day FROM answer_counts');
  // Answer values of the month not yet given a slot.
  const newValues = db.prepare<BucketDays, { questionId: string; value: string }>(`
    SELECT DISTINCT question_id AS questionId, value FROM answer_counts c
    WHERE local_date BETWEEN :from AND :to AND question_id IN (SELECT value FROM json_each(:questions))
      AND NOT EXISTS (SELECT 1 FROM rollup_slots s WHERE s.question_id = c.question_id AND s.value = c.value)
    ORDER BY 1, 2`);
  const lastSlots = db.prepare<[], { questionId: string; slot: number }>('SELECT question_id AS questionId, max(slot) AS slot FROM rollup_slots GROUP BY 1');
  const addSlot = db.prepare<SlotRow>('INSERT INTO rollup_slots (question_id, value, slot) VALUES (:questionId, :value, :slot)');
  const clearBucket = db.prepare<{ bucket: string }>('DELETE FROM answer_rollups WHERE bucket = :bucket');
  // SQLite sums the month per question, one column per slot; JavaScript packs the rows.
  const monthRows = db.prepare<BucketDays, WideRow>(`
    SELECT c.unit_id, c.service_id, c.definition_id, c.definition_version, c.flagged, c.question_id,
           ${SLOTS.map((s) => `sum(CASE s.slot WHEN ${s} THEN c.n ELSE 0 END)`).join(', ')}
    FROM answer_counts c JOIN rollup_slots s ON s.question_id = c.question_id AND s.value = c.value
    WHERE c.local_date BETWEEN :from AND :to AND c.question_id IN (SELECT value FROM json_each(:questions))
    GROUP BY c.unit_id, c.service_id, c.definition_id, c.definition_version, c.flagged, c.question_id`).raw(true);
  const packs = db.prepare<{ buckets: string }, PackRow>(`
    SELECT unit_id AS unitId, service_id AS serviceId, definition_id AS definitionId, definition_version AS definitionVersion, flagged, counts
    FROM answer_rollups WHERE bucket IN (SELECT value FROM json_each(:buckets))`);
  const insertPack = db.prepare<PackRow & { bucket: string }>(`
    INSERT INTO answer_rollups (bucket, ${GROUP}, counts) VALUES (:bucket, :unitId, :serviceId, :definitionId, :definitionVersion, :flagged, :counts)`);
  const markBuilt = db.prepare<{ bucket: string; questions: string; builtAt: string }>(`
    INSERT INTO rollup_buckets (bucket, questions, built_at) VALUES (:bucket, :questions, :builtAt)
    ON CONFLICT (bucket) DO UPDATE SET questions = excluded.questions, built_at = excluded.built_at`);
  // Answers added late to a response of a closed month (issue 12's detail steps): its month and
  // year stop counting as built, so the figures read those days from answer_counts until the
  // rollups are built again. The simplest exact rule, until the figures engine adds late
  // answers to the built buckets themselves.
  const unmark = db.prepare<{ month: string; year: string }>('DELETE FROM rollup_buckets WHERE bucket IN (:month, :year)');
  const dropAll = [db.prepare('DELETE FROM answer_rollups'), db.prepare('DELETE FROM rollup_buckets'), db.prepare('DELETE FROM rollup_slots')];

  return {
    built: (questions: string) => new Set(built.all({ questions }).map((r) => r.bucket)),
    firstDay: () => firstDay.get()?.day ?? null,
    newValues: (b: BucketDays) => newValues.all(b),
    lastSlots: () => new Map(lastSlots.all().map((r) => [r.questionId, r.slot])),
    addSlot: (row: SlotRow) => addSlot.run(row),
    clearBucket: (bucket: string) => clearBucket.run({ bucket }),
    monthRows: (b: BucketDays) => monthRows.all(b),
    packs: (buckets: string[]) => packs.all({ buckets: JSON.stringify(buckets) }),
    insertPack: (bucket: string, row: PackRow) => insertPack.run({ bucket, ...row }),
    markBuilt: (bucket: string, questions: string, builtAt: string) => markBuilt.run({ bucket, questions, builtAt }),
    dropAll: () => dropAll.forEach((s) => s.run()),
    /** Un-builds the month and the year of `localDate` ('YYYY-MM-DD'); call it in the transaction that adds the late answers. */
    unmarkBucketsOfDay: (localDate: string) => void unmark.run({ month: localDate.slice(0, 7), year: localDate.slice(0, 4) }),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
}
export type RollupsRepo = ReturnType<typeof createRollupsRepo>;
