/**
 * The formula (formula.ts) applied to one group of tallies (tally.ts), straight from its
 * Float64Array: the columns of each criterion, the overall question and each priority are
 * looked up once per read, then every group costs arithmetic and the objects it returns.
 */
import {
  criterionOfLevels, elementFigure, priorityFigure, rankPriorities,
  type CriterionFigure, type ElementFigure, type Figures, type LevelCounts, type Structure, type Tally,
} from './formula';
import { createColumns, type Columns } from './tally';

/** How much of the figures a group needs: 'summary' (a ranking) leaves criteria and priorities empty. */
export type Detail = 'full' | 'summary';

const levelColumns = (columns: Columns, q: string) => Int32Array.from(['1', '2', '3', '4', '5'], (l) => columns.find(q, l));
type Level = Int32Array;

function levels(c: Float64Array, at: number, k: Level): LevelCounts {
  return { 1: c[at + k[0]!]!, 2: c[at + k[1]!]!, 3: c[at + k[2]!]!, 4: c[at + k[3]!]!, 5: c[at + k[4]!]! };
}

/** Overall satisfaction rate = % 4–5 on the overall question, with its own n. */
function overallOf(c: Float64Array, at: number, k: Level | null, threshold: number): Figures['overall'] {
  if (!k) return { rate: null, n: 0, fewAnswers: true };
  const l = levels(c, at, k);
  const n = l[1] + l[2] + l[3] + l[4] + l[5];
  return { rate: n ? (100 * (l[4] + l[5])) / n : null, n, fewAnswers: n < threshold };
}

/** An element's figure without its criteria's objects: the same sums in the same order as elementFigure. */
function elementOnly(c: Float64Array, at: number, e: { id: string; criteria: { at: Level }[] }, threshold: number): ElementFigure {
  let n = 0, sum = 0, present = 0;
  for (const { at: k } of e.criteria) {
    const kn = c[at + k[0]!]! + c[at + k[1]!]! + c[at + k[2]!]! + c[at + k[3]!]! + c[at + k[4]!]!;
    n += kn;
    if (kn) { sum += (100 * (c[at + k[3]!]! + c[at + k[4]!]!)) / kn; present++; }
  }
  return { id: e.id, index: present ? sum / present : null, n, fewAnswers: n < threshold };
}

/** Where the formula's questions sit in a read's columns, looked up once per read. */
function locate(s: Structure, columns: Columns, threshold: number) {
  return {
    threshold,
    elements: s.elements.map((e) => ({ id: e.id, criteria: e.criteria.map((id) => ({ id, at: levelColumns(columns, id) })) })),
    overall: s.overall ? levelColumns(columns, s.overall) : null,
    responses: columns.find('_response', '1'),
    priorities: s.priorities.map((p) => ({ id: p.id, positive: p.positive, values: columns.valuesOf(p.id) })),
  };
}
type Located = ReturnType<typeof locate>;

/** Writes the figures onto `into` (a group's unit and service), in the order of Figures. */
function fill<T extends object>(l: Located, into: T, c: Float64Array, at: number, els: ElementFigure[]): T & Figures {
  const f = into as T & Figures;
  let sum = 0, present = 0;
  for (const e of els) if (e.index !== null) { sum += e.index; present++; }
  f.sipas = present ? sum / present : null; // meanOfPresent, without an array per group
  f.responses = c[at + l.responses]!;
  f.fewAnswers = f.responses < l.threshold;
  f.overall = overallOf(c, at, l.overall, l.threshold);
  f.elements = els;
  return f;
}

/** Every figure: criteria with their levels, mean and interval, ranked priorities. */
function fullFigures<T extends object>(l: Located, c: Float64Array, at: number, into: T): T & Figures {
  const criteria: CriterionFigure[] = [];
  const els = l.elements.map((e) => {
    const from = criteria.length;
    for (const k of e.criteria) criteria.push(criterionOfLevels(k.id, levels(c, at, k.at), l.threshold));
    return elementFigure(e.id, criteria.slice(from), l.threshold);
  });
  const f = fill(l, into, c, at, els);
  f.criteria = criteria;
  f.priorities = rankPriorities(l.priorities.map((p) => {
    const counts: Record<string, number> = {};
    for (const v of p.values) if (c[at + v.column]) counts[v.value] = c[at + v.column]!;
    return priorityFigure(p.id, counts, p.positive);
  }));
  return f;
}

/** SIPAS, responses, the overall rate and the elements (a ranking's columns); no criteria, no priorities. */
function summaryFigures<T extends object>(l: Located, c: Float64Array, at: number, into: T): T & Figures {
  const f = fill(l, into, c, at, l.elements.map((e) => elementOnly(c, at, e, l.threshold)));
  f.criteria = [];
  f.priorities = [];
  return f;
}

/** The figures of any group of a read whose columns are `columns`: its counts start at `at` in `c`. */
export function createFormula(s: Structure, columns: Columns, threshold: number) {
  const l = locate(s, columns, threshold);
  return {
    full: <T extends object>(c: Float64Array, at: number, into: T) => fullFigures(l, c, at, into),
    summary: <T extends object>(c: Float64Array, at: number, into: T) => summaryFigures(l, c, at, into),
  };
}
export type Formula = ReturnType<typeof createFormula>;

/** Every figure of one set of responses, from its counts by question and value. `responses` is the count of '_response'. */
export function computeFigures(structure: Structure, tally: Tally, threshold: number): Figures {
  const columns = createColumns();
  const cells = Object.entries(tally).flatMap(([q, values]) => Object.entries(values).map(([v, n]) => [columns.of(q, v), n] as const));
  const counts = new Float64Array(columns.stride());
  for (const [at, n] of cells) counts[at]! += n;
  return createFormula(structure, columns, threshold).full(counts, 0, {});
}
