import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import { parseImport } from './import.parse';
import { COLUMNS, type ImportService, type Plan, type RowError } from './import.service';

const importForm = z.object({
  kind: z.enum(['units', 'services', 'mergers']),
  content: z.string().max(1_000_000),
  action: z.enum(['preview', 'apply']),
});

/**
 * Bulk import of units and mergers (admin, or oversight under its own units) and services (admin).
 * Preview shows each row's change and every bad row by line; apply imports only when no
 * row is bad, in one transaction.
 */
export function importPages(service: ImportService) {
  const show = (res: Response, status: number, values: object, plan: Pick<Plan<unknown>, 'rows' | 'errors'> | null) =>
    res.status(status).render('staff/import', { title: res.locals.t('staff.import.title'), values, plan, columns: COLUMNS });

  const page = (_req: Request, res: Response) => show(res, 200, { kind: 'units', content: '' }, null);

  const submit = (req: Request, res: Response) => {
    const parsed = importForm.safeParse(req.body);
    if (!parsed.success) return show(res, 422, { kind: 'units', content: '' }, { rows: [], errors: [{ line: 0, key: 'staff.import.bad_form' }] });
    const { kind, content, action } = parsed.data;
    const file = parseImport(content);
    if (!file.ok || file.records.length === 0) {
      const error: RowError = file.ok ? { line: 1, key: 'staff.import.empty' } : { line: file.line, key: file.key };
      return show(res, 422, { kind, content }, { rows: [], errors: [error] });
    }
    const plan = service.plan(accessOf(res), kind, file.records);
    if (plan.errors.length) return show(res, 422, { kind, content }, plan);
    if (action === 'preview') return show(res, 200, { kind, content }, plan);
    const changed = service.apply(accessOf(res), kind, plan);
    res.redirect(303, `/staff/import?ok=imported&n=${changed}`);
  };

  return { page, submit };
}
