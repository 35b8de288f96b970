/**
 * The packed form of a rollup row: counts as int32 (little-endian), question by question in
 * the order of the bucket's question list, SLOTS columns each (see 004-rollups.sql).
 */
import type { PackRow, WideRow } from './rollups.repo';

export const SLOTS = 8;

/**
 * Int32 in the machine's byte order, which is little-endian on every platform Node ships
 * for (x64, arm64); a copy, since a Buffer from SQLite may sit at any offset of a pool.
 */
export function unpack(counts: Buffer): Int32Array {
  const bytes = new Uint8Array(counts.length);
  bytes.set(counts);
  return new Int32Array(bytes.buffer);
}

export function pack(counts: Int32Array): Buffer {
  return Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength);
}

type Group = Omit<PackRow, 'counts'>;
const keyOf = (g: Group) => `${g.unitId}:${g.serviceId}:${g.definitionId}:${g.definitionVersion}:${g.flagged}`;

function accumulate(groups: Map<string, { group: Group; counts: Int32Array }>, group: Group, size: number) {
  const key = keyOf(group);
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { group, counts: new Int32Array(size) }));
  return g.counts;
}

const packed = (groups: Map<string, { group: Group; counts: Int32Array }>): PackRow[] =>
  [...groups.values()].map((g) => ({ ...g.group, counts: pack(g.counts) }));

/** A month's per-question rows (slots as columns) packed into one row per group. */
export function packMonth(rows: WideRow[], questions: string[]): PackRow[] {
  const index = new Map(questions.map((q, i) => [q, i]));
  const groups = new Map<string, { group: Group; counts: Int32Array }>();
  for (const [unitId, serviceId, definitionId, definitionVersion, flagged, questionId, ...slots] of rows) {
    const counts = accumulate(groups, { unitId, serviceId, definitionId, definitionVersion, flagged }, questions.length * SLOTS);
    const at = index.get(questionId)! * SLOTS;
    slots.forEach((n, s) => (counts[at + s]! += n));
  }
  return packed(groups);
}

/** Packed rows of several buckets (a year's months) summed per group. */
export function sumPacks(rows: PackRow[]): PackRow[] {
  const groups = new Map<string, { group: Group; counts: Int32Array }>();
  for (const { counts: bytes, ...group } of rows) {
    const counts = accumulate(groups, group, bytes.length / 4);
    unpack(bytes).forEach((n, i) => (counts[i]! += n));
  }
  return packed(groups);
}
