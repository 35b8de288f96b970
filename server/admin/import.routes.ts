import express, { type Response } from 'express';
import { z } from 'zod';
import type { Scope } from '../auth/scope';
import { requireRole } from '../auth/require-user';
import { forbidden } from '../http/errors';
import type { UnitsAdminRepo } from './units-admin.repo';
import type { CatalogRepo } from './catalog.repo';
import { parseImport } from './import.parse';
import type { AuditLog } from '../audit/audit-log';
import { COLUMNS, planServices, planUnits, type Plan, type RowError } from './import.service';

const importForm = z.object({
  kind: z.enum(['units', 'services']),
  content: z.string().max(1_000_000),
  action: z.enum(['preview', 'apply']),
});

/**
 * Bulk import of units (admin, or oversight under its own units) and services (admin).
 * Preview shows each row's change and every bad row by line; apply imports only when no
 * row is bad, in one transaction.
 */
export function importRouter(deps: { units: UnitsAdminRepo; catalog: CatalogRepo; scope: Scope; audit: AuditLog }) {
  const router = express.Router();
  router.use('/import', requireRole('admin', 'oversight'));

  const show = (res: Response, status: number, values: object, plan: Pick<Plan<unknown>, 'rows' | 'errors'> | null) =>
    res.status(status).render('staff/import', { title: res.locals.t('staff.import.title'), values, plan, columns: COLUMNS });

  router.get('/import', (req, res) => show(res, 200, { kind: 'units', content: '' }, null));

  router.post('/import', (req, res) => {
    const parsed = importForm.safeParse(req.body);
    if (!parsed.success) return show(res, 422, { kind: 'units', content: '' }, { rows: [], errors: [{ line: 0, key: 'staff.import.bad_form' }] });
    const { kind, content, action } = parsed.data;
    if (kind === 'services' && res.locals.user.role !== 'admin') throw forbidden();
    const file = parseImport(content);
    if (!file.ok || file.records.length === 0) {
      const error: RowError = file.ok ? { line: 1, key: 'staff.import.empty' } : { line: file.line, key: file.key };
      return show(res, 422, { kind, content }, { rows: [], errors: [error] });
    }
    const plan = kind === 'units'
      ? planUnits(deps.units, deps.scope, res.locals.user, file.records)
      : planServices(deps.catalog, file.records);
    plan.errors.sort((a, b) => a.line - b.line);
    if (plan.errors.length) return show(res, 422, { kind, content }, plan);
    if (action === 'preview') return show(res, 200, { kind, content }, plan);
    if (kind === 'units') deps.units.importUnits(plan.apply as Parameters<UnitsAdminRepo['importUnits']>[0]);
    else deps.catalog.importServices(plan.apply as Parameters<CatalogRepo['importServices']>[0]);
    const changed = plan.rows.filter((r) => r.action !== 'same').length;
    deps.audit.record({ userId: res.locals.user.id, action: `import.${kind}`, details: { rows: plan.rows.length, changed } });
    res.redirect(303, `/staff/import?ok=imported&n=${changed}`);
  });

  return router;
}
