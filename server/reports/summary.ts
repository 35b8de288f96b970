import type { CriterionFigure } from '../figures/formula';
import type { Definition, Question } from '../surveys/definitions';
import type { GroupLine } from './groups';
import type { ReportData } from './report-data';

export const WEAKEST_CRITERIA = 5;
export const WEAKEST_SERVICES = 3;

export interface Summary {
  /** Units with a SIPAS value, and those of them below the target, lowest first. */
  valued: number;
  missed: GroupLine[];
  weakestCriteria: { k: CriterionFigure; q: Question | undefined }[];
  weakestServices: GroupLine[];
}

/** Lowest first; figures resting on enough answers before the few-answers ones, which would otherwise crowd the list. */
const weakestFirst = <X>(few: (x: X) => boolean, value: (x: X) => number) => (a: X, b: X) =>
  Number(few(a)) - Number(few(b)) || value(a) - value(b);

/** The summary that answers at a glance: which units miss the target, which criteria and fields pull the index down. */
export function summarize(d: ReportData, units: GroupLine[], services: GroupLine[], definition: Definition): Summary {
  const valued = units.filter((l) => l.g.sipas !== null);
  const criteria = d.byUnit.total.criteria.filter((k) => k.index !== null)
    .sort(weakestFirst((k) => k.fewAnswers, (k) => k.index!))
    .slice(0, WEAKEST_CRITERIA);
  return {
    valued: valued.length,
    missed: valued.filter((l) => l.met === false).sort((a, b) => a.g.sipas! - b.g.sipas!),
    weakestCriteria: criteria.map((k) => ({ k, q: definition.questions.get(k.id) })),
    weakestServices: services.filter((l) => l.g.sipas !== null && l.g.service)
      .sort(weakestFirst((l) => l.g.fewAnswers, (l) => l.g.sipas!))
      .slice(0, WEAKEST_SERVICES),
  };
}
