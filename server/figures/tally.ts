import type { Tally } from './formula';
import type { CountRow } from './figures.repo';

/** Adds a row's counts to a tally, by question and value. */
function addToTally(tally: Tally, row: CountRow, ns: ArrayLike<number>) {
  const { questionIds, values, width } = row;
  for (let qi = 0, at = 0; qi < questionIds.length; qi++) {
    const id = questionIds[qi]!, names = values[qi]!;
    for (let s = 0; s < width; s++, at++) {
      const n = ns[at]!;
      if (!n) continue;
      const q = (tally[id] ??= {});
      q[names[s]!] = (q[names[s]!] ?? 0) + n;
    }
  }
}

/**
 * Sums count rows into a tally. Packed rollup rows (one per bucket, all with the same
 * question and slot layout) are first summed as numbers and turned into the tally once.
 */
export function createTally() {
  const tally: Tally = {};
  let packed: { sum: Float64Array; row: CountRow } | undefined;
  return {
    add(row: CountRow) {
      if (row.width === 1) return addToTally(tally, row, row.ns);
      packed ??= { sum: new Float64Array(row.ns.length), row };
      for (let i = 0; i < row.ns.length; i++) packed.sum[i]! += row.ns[i]!;
    },
    done(): Tally {
      if (packed) addToTally(tally, packed.row, packed.sum);
      packed = undefined;
      return tally;
    },
  };
}
