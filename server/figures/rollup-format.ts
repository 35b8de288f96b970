/**
 * The packed rollup row, known here and nowhere else (004-rollups.sql, 016-rollup-changes.sql).
 * One row holds every service field of a unit, as int32 in the machine's byte order
 * (little-endian on every platform Node ships for):
 *   [k, service id 1 … service id k (ascending), counts of service 1, …, counts of service k]
 * and a service's counts are those of every rolled-up question, question by question in the
 * order of the bucket's question list, SLOTS answer values each (its `length` places).
 * rollup_slots says which value sits in which slot; a question with more answer values than
 * SLOTS cannot be rolled up.
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

/** One service field's counts in a unit row. */
export interface ServiceCounts { serviceId: number; counts: Int32Array }

/** A unit row from its services' counts (each `length` places long), in ascending service order. */
export function packUnit(services: ServiceCounts[], length: number): Buffer {
  const sorted = [...services].sort((a, b) => a.serviceId - b.serviceId);
  const all = new Int32Array(1 + sorted.length * (1 + length));
  all[0] = sorted.length;
  sorted.forEach((s, i) => { all[1 + i] = s.serviceId; all.set(s.counts, 1 + sorted.length + i * length); });
  return pack(all);
}

/** The services of a unit row: the id of the i-th, and adding its counts into a tally or a sum at `offset`. */
export function unitServices(packed: Buffer) {
  const all = unpack(packed);
  const size = all[0] ?? 0;
  const length = size ? (all.length - 1 - size) / size : 0;
  return {
    size,
    serviceId: (i: number) => all[1 + i]!,
    addTo(i: number, target: Float64Array | Int32Array, offset: number) {
      for (let j = 0, from = 1 + size + i * length; j < length; j++) if (all[from + j]) target[offset + j]! += all[from + j]!;
    },
    /** The same into places that are still all zeros: a copy, about twice as fast as adding. */
    copyTo(i: number, target: Float64Array | Int32Array, offset: number) {
      const from = 1 + size + i * length;
      target.set(all.subarray(from, from + length), offset);
    },
  };
}

/** A unit row with counts added at `places` (rollup places) of one service, which it gets if new (late answers). */
export function addToUnit(packed: Buffer | undefined, length: number, serviceId: number, places: readonly number[]): Buffer {
  const row = packed ? unitServices(packed) : { size: 0, serviceId: () => 0, addTo: () => {} };
  const services = Array.from({ length: row.size }, (_, i) => {
    const counts = new Int32Array(length);
    row.addTo(i, counts, 0);
    return { serviceId: row.serviceId(i), counts };
  });
  let own = services.find((s) => s.serviceId === serviceId);
  if (!own) services.push((own = { serviceId, counts: new Int32Array(length) }));
  for (const at of places) own.counts[at]!++;
  return packUnit(services, length);
}
