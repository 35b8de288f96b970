/**
 * The packed rollup row, known here and nowhere else (see 004-rollups.sql): the counts of
 * every rolled-up question, question by question in the order of the bucket's question
 * list, SLOTS answer values each, as int32 in the machine's byte order (little-endian on
 * every platform Node ships for). rollup_slots says which value sits in which slot; a
 * question with more answer values than SLOTS cannot be rolled up.
 */
import type { Structure } from './formula';

export const SLOTS = 8;
export interface SlotRow { questionId: string; value: string; slot: number }
export interface PackedCell { questionId: string; value: string; column: number }

/** The questions the formula reads, as the JSON list rollups are keyed by: '_response', overall, criteria, priorities. */
export function rollupQuestions(s: Structure): string {
  const ids = ['_response', ...(s.overall ? [s.overall] : []), ...s.elements.flatMap((e) => e.criteria), ...s.priorities.map((p) => p.id)];
  return JSON.stringify([...new Set(ids)].sort());
}

/**
 * Where each (question, value) sits in a packed row of `questions`, from the slots given so
 * far; a value met for the first time takes its question's next slot, listed in `added`
 * for the caller to store (rollup_slots) in the transaction that writes the rows.
 */
export function createSlots(questions: string, rows: readonly SlotRow[]) {
  const ids = JSON.parse(questions) as string[];
  const index = new Map(ids.map((q, i) => [q, i]));
  const slots = new Map<string, Map<string, number>>(ids.map((q) => [q, new Map()]));
  const last = new Map<string, number>();
  const added: SlotRow[] = [];
  const put = (r: SlotRow) => {
    slots.get(r.questionId)?.set(r.value, r.slot);
    last.set(r.questionId, Math.max(last.get(r.questionId) ?? 0, r.slot));
  };
  rows.forEach(put);
  /** The place of (question, value) in a packed row; -1 when the question is not rolled up. */
  const at = (questionId: string, value: string): number => {
    const values = slots.get(questionId);
    if (!values) return -1;
    let slot = values.get(value);
    if (slot === undefined) {
      slot = (last.get(questionId) ?? 0) + 1;
      if (slot > SLOTS) throw new Error(`rollups: question ${questionId} has more than ${SLOTS} answer values`);
      const row = { questionId, value, slot };
      put(row);
      added.push(row);
    }
    return index.get(questionId)! * SLOTS + slot - 1;
  };
  /** Every (question, value) with its place: how a tally lays out its first `length` columns to add packed rows as they are. */
  const cells = (): PackedCell[] =>
    [...slots].flatMap(([questionId, values]) => [...values].map(([value, slot]) => ({ questionId, value, column: index.get(questionId)! * SLOTS + slot - 1 })));
  return { length: ids.length * SLOTS, at, added, cells };
}
export type Slots = ReturnType<typeof createSlots>;

/** int32 counts as a packed row (no copy). */
export function pack(counts: Int32Array): Buffer {
  return Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength);
}

/** A packed row's counts; a view when SQLite's buffer is aligned, a copy otherwise. */
export function unpack(packed: Buffer): Int32Array {
  if (packed.byteOffset % 4 === 0) return new Int32Array(packed.buffer, packed.byteOffset, packed.length >> 2);
  const bytes = new Uint8Array(packed.length);
  bytes.set(packed);
  return new Int32Array(bytes.buffer);
}

/** Adds a packed row into `target` at `offset` (its place 0 there), e.g. a tally laid out by `cells()`. */
export function addPacked(target: Float64Array | Int32Array, offset: number, packed: Buffer): void {
  const counts = unpack(packed);
  for (let i = 0; i < counts.length; i++) if (counts[i]) target[offset + i]! += counts[i]!;
}

/** A packed row with more counts added, as a new packed row of `length` places (late answers). */
export function addToPacked(packed: Buffer | undefined, length: number, places: readonly number[]): Buffer {
  const counts = new Int32Array(length);
  if (packed) addPacked(counts, 0, packed);
  for (const at of places) counts[at]!++;
  return pack(counts);
}
