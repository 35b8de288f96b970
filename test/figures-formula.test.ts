import { competitionRanks, criterionFigure, elementFigure, priorityFigures, roundForDisplay, wilson95, type Structure } from '../server/figures/formula';
import { computeFigures } from '../server/figures/formula-columns';

const structure: Structure = {
  elements: [{ id: 'e1', criteria: ['a', 'b'] }, { id: 'e2', criteria: ['c'] }],
  overall: 'overall',
  priorities: [{ id: 'p1', positive: ['rat_nhieu', 'nhieu'] }, { id: 'p2', positive: ['rat_nhieu', 'nhieu'] }],
};

describe('the SIPAS formula', () => {
  test('the worked example of sipas-method.md: element = mean of criteria, not pooled answers', () => {
    // A: 5,5,4,3,2 → 3/5 = 60%; B: 4,4 and three skips ("na") → 2/2 = 100%.
    const f = computeFigures(structure, { a: { 5: 2, 4: 1, 3: 1, 2: 1 }, b: { 4: 2, na: 3 }, _response: { 1: 5 } }, 30);
    const [a, b] = f.criteria;
    expect(a).toMatchObject({ id: 'a', index: 60, n: 5, mean: 19 / 5, counts: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 2 } });
    expect(b).toMatchObject({ id: 'b', index: 100, n: 2, mean: 4 });
    expect(f.elements[0]).toMatchObject({ id: 'e1', index: 80, n: 7 });
    // e2 has no answers: no value, and SIPAS is the mean of the elements that have one.
    expect(f.elements[1]).toMatchObject({ id: 'e2', index: null, n: 0 });
    expect(f.sipas).toBe(80);
    expect(f.responses).toBe(5);
    expect(f.fewAnswers).toBe(true);
  });

  test('skipped answers count in neither numerator nor denominator', () => {
    const c = criterionFigure('x', { 1: 1, 5: 1, na: 10 }, 30);
    expect(c).toMatchObject({ index: 50, n: 2, mean: 3 });
  });

  test('an empty set: nothing answered gives null indices and zero counts', () => {
    const f = computeFigures(structure, {}, 30);
    expect(f).toMatchObject({ sipas: null, responses: 0, fewAnswers: true, overall: { rate: null, n: 0 } });
    expect(f.criteria.every((c) => c.index === null && c.mean === null && c.ci95 === null && c.n === 0)).toBe(true);
    expect(f.priorities.every((p) => p.index === null && p.rank === null)).toBe(true);
  });

  test('a criterion with no answers does not pull its element down', () => {
    const crits = [criterionFigure('a', { 4: 3, 2: 1 }, 30), criterionFigure('b', undefined, 30)];
    expect(elementFigure('e', crits, 30)).toMatchObject({ index: 75, n: 4 });
  });

  test('the overall rate has its own n; a response with only the overall answer counts nowhere else', () => {
    const f = computeFigures(structure, { overall: { 5: 1, 4: 1, 3: 1, 1: 1 }, _response: { 1: 4 } }, 2);
    expect(f.overall).toEqual({ rate: 50, n: 4, fewAnswers: false });
    expect(f.sipas).toBeNull();
  });

  test('priorities: % "Rất nhiều" + "Nhiều", ranked highest first', () => {
    const p = priorityFigures(structure.priorities, { p1: { rat_nhieu: 1, nhieu: 1, it: 2 }, p2: { nhieu: 3, it: 1 } });
    expect(p).toMatchObject([{ id: 'p1', index: 50, n: 4, rank: 2 }, { id: 'p2', index: 75, n: 4, rank: 1 }]);
  });

  test('the few-answers flag follows the configured threshold', () => {
    expect(criterionFigure('x', { 5: 29 }, 30).fewAnswers).toBe(true);
    expect(criterionFigure('x', { 5: 30 }, 30).fewAnswers).toBe(false);
    expect(criterionFigure('x', { 5: 5 }, 5).fewAnswers).toBe(false);
  });

  test('95% Wilson interval', () => {
    const [lo, hi] = wilson95(3, 5)!;
    // p = 0.6, n = 5, z = 1.96: the textbook interval is about 23.1% to 88.2%.
    expect(lo).toBeCloseTo(23.07, 1);
    expect(hi).toBeCloseTo(88.24, 1);
    expect(wilson95(0, 0)).toBeNull();
    expect(wilson95(10, 10)![1]).toBe(100);
  });

  test('rounding: one decimal for display, full precision kept', () => {
    const c = criterionFigure('x', { 5: 2, 1: 1 }, 30);
    expect(c.index).toBeCloseTo(66.6667, 4);
    expect(roundForDisplay(c.index)).toBe(66.7);
    expect(roundForDisplay(0.05)).toBe(0.1);
    expect(roundForDisplay(null)).toBeNull();
  });
});
