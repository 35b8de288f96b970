import { COLLATORS } from '../i18n';
import type { FiguresGroup } from './figures.service';

/** What a list of groups can be ordered by: a ranking (SIPAS, the overall rate, responses) or the name. */
export type GroupOrder = 'sipas' | 'name' | 'responses' | 'overall';

/** Vietnamese order, with the one collator of the app (localeCompare builds one per call: ~1 s for 3,000 groups). */
export const VI = COLLATORS.vi;

const nameOf = (g: FiguresGroup) => `${g.unit?.name ?? ''} ${g.service?.nameVi ?? ''}`;
const VALUE: Record<Exclude<GroupOrder, 'name'>, (g: FiguresGroup) => number | null> = {
  sipas: (g) => g.sipas,
  responses: (g) => g.responses,
  overall: (g) => g.overall.rate,
};

/**
 * The groups in a new array, by `order`: the highest value first, groups without one last,
 * then, for ties, by name (unit, then service field) in Vietnamese order. Names are compared
 * only on ties, each built once.
 */
export function sortGroups(groups: readonly FiguresGroup[], order: GroupOrder = 'sipas'): FiguresGroup[] {
  const value = order === 'name' ? () => 0 : VALUE[order];
  const keyed = groups.map((g) => ({ g, v: value(g) ?? -1, name: undefined as string | undefined }));
  const name = (k: (typeof keyed)[number]) => (k.name ??= nameOf(k.g));
  keyed.sort((a, b) => b.v - a.v || VI.compare(name(a), name(b)));
  return keyed.map((k) => k.g);
}
