import { surveyUrl } from '../posters/qr';
import { errorMap } from '../http/form-errors';
import express, { type Response } from 'express';
import type { Scope } from '../auth/scope';
import type { FieldError } from '../auth/auth.schema';
import { newPointCode } from '../seed/seed-demo';
import type { CatalogRepo } from './catalog.repo';
import type { PointsRepo, PointRow } from './points.repo';
import type { UnitsAdminRepo } from './units-admin.repo';
import { activeForm, parseForm, pointForm } from './admin.schema';
import { loadPoint } from './loaders';
import { audited } from '../audit/audit.middleware';
import type { AuditLog } from '../audit/audit-log';

export interface PointsDeps { points: PointsRepo; units: UnitsAdminRepo; catalog: CatalogRepo; scope: Scope; publicUrl: string; audit: AuditLog }

/** One collection point: label, fixed service, active, and a new code. Every role, within its scope. */
export function pointsRouter(deps: PointsDeps) {
  const router = express.Router();
  const point = loadPoint(deps.points, deps.scope);
  const log = (action: string, fields: string[] = []) => audited(deps.audit, action, { kind: 'point', fields });

  const show = (res: Response, status = 200, errors: FieldError[] = []) => {
    const p: PointRow = res.locals.point;
    const offered = new Set(deps.units.offeredServiceIds(p.unitId));
    res.status(status).render('staff/point', {
      title: `${p.unitName} — ${p.label}`,
      url: surveyUrl(deps.publicUrl, p.code),
      services: deps.catalog.services().filter((s) => (s.active === 1 && offered.has(s.id)) || s.id === p.serviceId),
      errors, errorOf: errorMap(errors),
    });
  };
  const back = (res: Response) => res.redirect(303, `/staff/points/${res.locals.point.id}?ok=saved`);

  router.get('/points/:id', point, (_req, res) => show(res));

  router.post('/points/:id', point, log('point.update', ['label', 'serviceId']), (req, res) => {
    const parsed = parseForm(pointForm, req.body);
    if (!parsed.ok) return show(res, 422, parsed.errors);
    const { serviceId } = parsed.value;
    if (serviceId !== null && !deps.catalog.service(serviceId)) return show(res, 422, [{ field: 'serviceId', key: 'staff.errors.invalid' }]);
    deps.points.update(res.locals.point.id, parsed.value);
    back(res);
  });

  router.post('/points/:id/active', point, log('point.active', ['active']), (req, res) => {
    const parsed = parseForm(activeForm, req.body);
    if (!parsed.ok) return show(res, 422, parsed.errors);
    deps.points.setActive(res.locals.point.id, parsed.value.active);
    back(res);
  });

  router.post('/points/:id/code', point, log('point.new_code'), (_req, res) => {
    deps.points.setCode(res.locals.point.id, newPointCode());
    back(res);
  });

  return router;
}
