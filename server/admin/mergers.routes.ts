import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import type { Plan, RowError } from './import-plan';
import type { MergerApply, MergersService } from './mergers.service';
import type { UnitsService } from './units.service';

const mergerForm = z.object({
  into: z.string().trim().max(60),
  olds: z.string().max(5000),
  date: z.string().trim().max(10),
  action: z.enum(['preview', 'apply']),
});

/** The old units as typed (one a line, or separated by commas): one record each, as an import row. */
const recordsOf = (f: z.infer<typeof mergerForm>) =>
  f.olds.split(/[\s,;]+/).filter(Boolean).map((old) => ({ line: 0, fields: { old_code: old, new_code: f.into, date: f.date } }));

/** One message for what all rows share (a bad date, an unknown new unit), not one per old unit. */
const distinct = (errors: RowError[]) => [...new Map(errors.map((e) => [`${e.key}|${JSON.stringify(e.params)}`, e])).values()];

/**
 * A merger recorded once: "these old units became this new unit on this date" (admin, or
 * oversight within its subtree). Preview first, then record; the same plan as an import of mergers.
 */
export function mergersPages(deps: { mergers: MergersService; units: UnitsService }) {
  const show = (res: Response, status: number, values: object, plan: Pick<Plan<MergerApply>, 'rows' | 'errors'> | null) =>
    res.status(status).render('staff/mergers', {
      title: res.locals.t('units.mergers.title'), values, plan,
      recorded: deps.units.tree(accessOf(res)).filter((u) => u.successorId !== null),
    });

  const page = (req: Request, res: Response) =>
    show(res, 200, { olds: typeof req.query.old === 'string' ? req.query.old : '', into: '', date: '' }, null);

  const submit = (req: Request, res: Response) => {
    const parsed = mergerForm.safeParse(req.body);
    if (!parsed.success) return show(res, 422, req.body ?? {}, { rows: [], errors: [{ line: 0, key: 'units.mergers.bad_form' }] });
    const records = recordsOf(parsed.data);
    if (!records.length || !parsed.data.into) return show(res, 422, parsed.data, { rows: [], errors: [{ line: 0, key: 'units.mergers.bad_form' }] });
    const plan = deps.mergers.plan(accessOf(res), records);
    if (plan.errors.length) return show(res, 422, parsed.data, { rows: plan.rows, errors: distinct(plan.errors) });
    if (parsed.data.action === 'preview') return show(res, 200, parsed.data, plan);
    const changed = deps.mergers.apply(accessOf(res), plan);
    res.redirect(303, `/staff/mergers?ok=merged&n=${changed}`);
  };
  return { page, submit };
}
