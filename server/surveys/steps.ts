import type { Definition, Question, Section } from './definitions';

/**
 * The citizen's path through a definition (issue 12: rating first, details in short steps):
 * step 1 is the first page (the overall question); then each element of the index is a step
 * of its own, then the priorities, then the comment with the profile. Each step adds its
 * answers to the response the first page stored.
 */
export interface Step { key: string; n: number; sections: Section[]; questions: Question[] }
export interface Steps {
  first: Step;
  details: Step[];
  /** The number of steps, the first page included ("Bước 2/8"). */
  total: number;
  byN: (n: number) => Step | undefined;
  /** The criteria as the citizen sees them, 1–19 in order; the definition's 15–33 stay for staff and exports. */
  criterionNumber: Map<string, number>;
  /** The detail steps that hold at least one of these question ids. */
  stepsAnswering: (questionIds: Iterable<string>) => string[];
}

/** Sections that share a page with the one before them: a short comment and the optional profile. */
const JOINS_PREVIOUS = new Set<Section['kind']>(['profile']);

function group(sections: Section[]): Section[][] {
  const pages: Section[][] = [];
  for (const s of sections) {
    const last = pages.at(-1);
    if (last && JOINS_PREVIOUS.has(s.kind)) last.push(s);
    else pages.push([s]);
  }
  return pages;
}

const cache = new WeakMap<Definition, Steps>();

export function surveySteps(def: Definition): Steps {
  const known = cache.get(def);
  if (known) return known;
  const firstSections = def.sections.filter((s) => s.kind === 'overall');
  const pages = group(def.sections.filter((s) => s.kind !== 'overall'));
  const step = (sections: Section[], n: number): Step => ({ key: sections[0]!.id, n, sections, questions: sections.flatMap((s) => s.questions) });
  const first = step(firstSections.length ? firstSections : [def.sections[0]!], 1);
  const details = pages.filter((p) => p[0] !== first.sections[0]).map((p, i) => step(p, i + 2));
  const criterionNumber = new Map<string, number>();
  for (const q of def.sections.filter((s) => s.kind === 'element').flatMap((s) => s.questions)) {
    if (q.type === 'likert5') criterionNumber.set(q.id, criterionNumber.size + 1);
  }
  const owner = new Map(details.flatMap((d) => d.questions.map((q) => [q.id, d.key] as const)));
  const steps: Steps = {
    first, details, total: details.length + 1, criterionNumber,
    byN: (n) => details.find((d) => d.n === n),
    stepsAnswering: (ids) => [...new Set([...ids].flatMap((id) => owner.get(id) ?? []))],
  };
  cache.set(def, steps);
  return steps;
}
