/**
 * The counts of every group of a read in one Float64Array, without an object per group or
 * per count: group g's count of column c is at `g * stride + c`. A column is one (question,
 * answer value); Columns says which, for one read. The last column of a group is never
 * written: it stands for a (question, value) that nobody gave, so the formula reads a 0
 * there without a branch.
 */

export interface Columns {
  /** The column of (question, value), a new one when first met; only until stride() is asked. */
  of(questionId: string, value: string): number;
  /** The column of (question, value), or the always-zero column. */
  find(questionId: string, value: string): number;
  /** The columns a question has, by answer value (so every read lists them in one order). */
  valuesOf(questionId: string): { value: string; column: number }[];
  /** Numbers per group: every column, then the zero column. Fixes the columns. */
  stride(): number;
}

/** Columns laid out in advance (`cells`, within the first `width`), the rest appended as met. */
export function createColumns(width = 0, cells: { questionId: string; value: string; column: number }[] = []): Columns {
  const byQuestion = new Map<string, Map<string, number>>();
  let next = width;
  let fixed = false;
  const put = (q: string, v: string, column: number) => {
    let values = byQuestion.get(q);
    if (!values) byQuestion.set(q, (values = new Map()));
    values.set(v, column);
    return column;
  };
  for (const c of cells) put(c.questionId, c.value, c.column);
  return {
    of(q, v) {
      const known = byQuestion.get(q)?.get(v);
      if (known !== undefined) return known;
      if (fixed) throw new Error(`tally: column ${q}=${v} added after the tallies were laid out`);
      return put(q, v, next++);
    },
    find: (q, v) => byQuestion.get(q)?.get(v) ?? next,
    valuesOf: (q) => [...(byQuestion.get(q) ?? [])].map(([value, column]) => ({ value, column })).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    stride: () => ((fixed = true), next + 1),
  };
}

/** Groups of a read: a unit and a service field (0 where the read does not group by it). */
export interface Tallies {
  columns: Columns;
  stride: number;
  size: number;
  unitIds: number[];
  serviceIds: number[];
  counts: Float64Array;
}

/** Gives each (unit, service) the next group index, in the order first met. */
export function createGroupIndex() {
  const byUnit = new Map<number, Map<number, number>>();
  const unitIds: number[] = [], serviceIds: number[] = [];
  const indexOf = (unitId: number, serviceId: number): number => {
    let services = byUnit.get(unitId);
    if (!services) byUnit.set(unitId, (services = new Map()));
    let g = services.get(serviceId);
    if (g === undefined) {
      services.set(serviceId, (g = unitIds.length));
      unitIds.push(unitId);
      serviceIds.push(serviceId);
    }
    return g;
  };
  return { indexOf, unitIds, serviceIds };
}
export type GroupIndex = ReturnType<typeof createGroupIndex>;

/** Zeroed tallies for the groups of `index` over `columns` (which are fixed from now on). */
export function createTallies(columns: Columns, index: GroupIndex): Tallies {
  const stride = columns.stride();
  const size = index.unitIds.length;
  return { columns, stride, size, unitIds: index.unitIds, serviceIds: index.serviceIds, counts: new Float64Array(size * stride) };
}

/** Every group's counts added into one row: the total of the read. */
export function sumGroups(t: Tallies): Float64Array {
  const total = new Float64Array(t.stride);
  for (let g = 0, at = 0; g < t.size; g++) for (let c = 0; c < t.stride; c++, at++) total[c]! += t.counts[at]!;
  return total;
}

/** The same counts with each unit counted as `unitOf(unit)` (merged units into their successor). */
export function regroup(t: Tallies, unitOf: (unitId: number) => number): Tallies {
  const index = createGroupIndex();
  const target = t.unitIds.map((u, g) => index.indexOf(unitOf(u), t.serviceIds[g]!));
  const out = createTallies(t.columns, index);
  target.forEach((to, g) => {
    for (let c = 0; c < t.stride; c++) out.counts[to * t.stride + c]! += t.counts[g * t.stride + c]!;
  });
  return out;
}
