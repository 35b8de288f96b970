/**
 * The SIPAS formula (docs: /work/shared/sipas-method.md), as pure functions over counts.
 * Full precision everywhere; rounding belongs to displays (see roundForDisplay).
 * formula-columns.ts applies them to every group of a read, straight from its typed arrays.
 */

/** Counts per answer value of one question ("1".."5", "na", or an option value). */
export type ValueCounts = Record<string, number>;
/** Counts per question id. */
export type Tally = Record<string, ValueCounts>;

export const LEVELS = ['1', '2', '3', '4', '5'] as const;
export type LevelCounts = Record<(typeof LEVELS)[number], number>;

/** What the formula needs to know of a questionnaire: no wording, only structure. */
export interface Structure {
  elements: { id: string; criteria: string[] }[];
  overall: string | null;
  priorities: { id: string; positive: string[] }[];
}

export interface CriterionFigure {
  id: string;
  index: number | null;
  n: number;
  mean: number | null;
  counts: LevelCounts;
  ci95: [number, number] | null;
  fewAnswers: boolean;
}
export interface ElementFigure { id: string; index: number | null; n: number; fewAnswers: boolean }
export interface PriorityFigure { id: string; index: number | null; n: number; counts: ValueCounts; rank: number | null }
export interface Figures {
  sipas: number | null;
  responses: number;
  fewAnswers: boolean;
  overall: { rate: number | null; n: number; fewAnswers: boolean };
  elements: ElementFigure[];
  criteria: CriterionFigure[];
  priorities: PriorityFigure[];
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The 95% Wilson score interval of x successes in n, as percentages; null when n = 0. */
export function wilson95(x: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound is exactly 0 or 100; floating point would give 99.99999999999999.
  return [x === 0 ? 0 : 100 * Math.max(0, centre - half), x === n ? 100 : 100 * Math.min(1, centre + half)];
}

/** Unweighted mean of the values that exist; null when none does. */
export function meanOfPresent(values: (number | null)[]): number | null {
  let sum = 0, present = 0;
  for (const v of values) if (v !== null) { sum += v; present++; }
  return present ? sum / present : null;
}

/** Criterion index = 100 × (answers 4 + 5) ÷ answers 1–5; "na" and skips count nowhere. */
export function criterionOfLevels(id: string, counts: LevelCounts, threshold: number): CriterionFigure {
  const n = counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
  const satisfied = counts[4] + counts[5];
  const total = counts[1] + 2 * counts[2] + 3 * counts[3] + 4 * counts[4] + 5 * counts[5];
  return { id, index: n ? (100 * satisfied) / n : null, n, mean: n ? total / n : null, counts, ci95: wilson95(satisfied, n), fewAnswers: n < threshold };
}

/** The same, from a question's counts by answer value. */
export function criterionFigure(id: string, values: ValueCounts | undefined, threshold: number): CriterionFigure {
  const v = values ?? {};
  return criterionOfLevels(id, { 1: v['1'] ?? 0, 2: v['2'] ?? 0, 3: v['3'] ?? 0, 4: v['4'] ?? 0, 5: v['5'] ?? 0 }, threshold);
}

/** Element index = unweighted mean of its criterion indices that have at least one answer. */
export function elementFigure(id: string, criteria: CriterionFigure[], threshold: number): ElementFigure {
  let n = 0, sum = 0, present = 0;
  for (const c of criteria) {
    n += c.n;
    if (c.index !== null) { sum += c.index; present++; }
  }
  return { id, index: present ? sum / present : null, n, fewAnswers: n < threshold };
}

/**
 * Competition ranking, highest value first: equal values share a rank and the next rank
 * skips (1, 2, 2, 4), as in a published league table; null for a missing value.
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== null) order.push(i);
  order.sort((a, b) => values[b]! - values[a]!);
  const ranks = new Array<number | null>(values.length).fill(null);
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!, before = order[i - 1];
    ranks[at] = before !== undefined && values[before] === values[at] ? ranks[before]! : i + 1;
  }
  return ranks;
}

/** Expectation index = % of the positive options ("Rất nhiều" + "Nhiều"); ranked afterwards (rankPriorities). */
export function priorityFigure(id: string, counts: ValueCounts, positive: readonly string[]): PriorityFigure {
  let n = 0, yes = 0;
  for (const v in counts) n += counts[v]!;
  for (const v of positive) yes += counts[v] ?? 0;
  return { id, index: n ? (100 * yes) / n : null, n, counts, rank: null };
}

/** Ranks the priorities by their index, highest first (1, 2, 2, 4). */
export function rankPriorities(figures: PriorityFigure[]): PriorityFigure[] {
  competitionRanks(figures.map((f) => f.index)).forEach((rank, i) => (figures[i]!.rank = rank));
  return figures;
}

/** The priorities of one tally, ranked. */
export function priorityFigures(items: Structure['priorities'], tally: Tally): PriorityFigure[] {
  return rankPriorities(items.map((p) => priorityFigure(p.id, { ...tally[p.id] }, p.positive)));
}

/** One decimal, for tables people read; the API keeps full precision. */
export function roundForDisplay(value: number | null): number | null {
  return value === null ? null : Math.round((value + Number.EPSILON) * 10) / 10;
}
