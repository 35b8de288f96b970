import type { Definition } from '../surveys/definitions';
import type { Structure } from './formula';

/** The formula's view of a questionnaire: elements and their criteria, the overall question, priorities. */
export function structureOf(def: Definition): Structure {
  const elements = def.sections
    .filter((s) => s.kind === 'element')
    .map((s) => ({ id: s.id, criteria: s.questions.filter((q) => q.type === 'likert5' && q.role === 'sipas').map((q) => q.id) }))
    .filter((e) => e.criteria.length > 0);
  const questions = [...def.questions.values()];
  const overall = questions.find((q) => q.type === 'likert5' && q.role === 'overall')?.id ?? null;
  const priorities = questions.flatMap((q) =>
    q.type === 'single' && q.role === 'priority' ? [{ id: q.id, positive: q.options.filter((o) => o.positive).map((o) => o.value) }] : [],
  );
  return { elements, overall, priorities };
}
