import { errorMap } from '../http/form-errors';
import express, { type Request, type Response } from 'express';
import type { Scope } from '../auth/scope';
import { requireRole } from '../auth/require-user';
import type { FieldError } from '../auth/auth.schema';
import { AppError } from '../http/errors';
import { newPointCode } from '../seed/seed-demo';
import type { UnitsAdminRepo, UnitRow } from './units-admin.repo';
import { UNIT_TYPES } from './units-admin.repo';
import type { CatalogRepo } from './catalog.repo';
import type { PointsRepo } from './points.repo';
import { activeForm, parseForm, pointForm, serviceIdsForm, successorForm, unitCreateForm, unitEditForm } from './admin.schema';
import { loadUnit } from './loaders';
import { createUnit, setSuccessor, unitTree } from './units.service';
import { audited } from '../audit/audit.middleware';
import type { AuditLog } from '../audit/audit-log';

export interface UnitsDeps { units: UnitsAdminRepo; catalog: CatalogRepo; points: PointsRepo; scope: Scope; audit: AuditLog }


/** Managing units: the tree, one unit's page, and the forms on it. */
export function unitsRouter(deps: UnitsDeps) {
  const router = express.Router();
  const managers = requireRole('admin', 'oversight');
  const unit = loadUnit(deps.units, deps.scope);
  const log = (action: string, fields: string[], kind = 'unit', created = false) => audited(deps.audit, action, { kind, fields, created });

  const showList = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/units', {
      title: res.locals.t('staff.units.title'), tree: unitTree(deps.units, deps.scope, res.locals.user),
      types: UNIT_TYPES, errors, errorOf: errorMap(errors), values,
    });

  const showUnit = (res: Response, status = 200, errors: FieldError[] = []) => {
    const u: UnitRow = res.locals.unit;
    res.status(status).render('staff/unit', {
      title: u.name, types: UNIT_TYPES, errors, errorOf: errorMap(errors),
      tree: unitTree(deps.units, deps.scope, res.locals.user).filter((x) => x.id !== u.id),
      services: deps.catalog.services().filter((s) => s.active === 1),
      offered: new Set(deps.units.offeredServiceIds(u.id)),
      points: deps.points.byUnit(u.id),
      canManage: res.locals.user.role !== 'counter',
    });
  };

  router.get('/units', managers, (req, res) => showList(res, 200, [], { parentId: String(req.query.parent ?? '') }));

  router.post('/units', managers, log('unit.create', ['code', 'name', 'type', 'parentId'], 'unit', true), (req, res) => {
    const parsed = parseForm(unitCreateForm, req.body);
    if (!parsed.ok) return showList(res, 422, parsed.errors, req.body);
    try {
      const id = createUnit(deps.units, deps.scope, res.locals.user, parsed.value);
      res.redirect(303, `/staff/units/${id}?ok=saved`);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return showList(res, 422, [{ field: 'code', key: err.key }], req.body);
      throw err;
    }
  });

  router.get('/units/:id', managers, unit, (_req, res) => showUnit(res));

  const back = (res: Response) => res.redirect(303, `/staff/units/${res.locals.unit.id}?ok=saved`);

  router.post('/units/:id', managers, unit, log('unit.update', ['name', 'type']), (req, res) => {
    const parsed = parseForm(unitEditForm, req.body);
    if (!parsed.ok) return showUnit(res, 422, parsed.errors);
    deps.units.update(res.locals.unit.id, parsed.value);
    back(res);
  });

  router.post('/units/:id/active', managers, unit, log('unit.active', ['active']), (req, res) => {
    const parsed = parseForm(activeForm, req.body);
    if (!parsed.ok) return showUnit(res, 422, parsed.errors);
    // An oversight office may not switch off the unit it is bound to: it would lose its own view.
    if (res.locals.user.role !== 'admin' && res.locals.unit.id === res.locals.user.unitId) throw new AppError(403, 'errors.forbidden');
    deps.units.setActive(res.locals.unit.id, parsed.value.active);
    back(res);
  });

  router.post('/units/:id/successor', managers, unit, log('unit.successor', ['successorId']), (req, res) => {
    const parsed = parseForm(successorForm, req.body);
    if (!parsed.ok) return showUnit(res, 422, parsed.errors);
    setSuccessor(deps.units, deps.scope, res.locals.user, res.locals.unit.id, parsed.value.successorId);
    back(res);
  });

  router.post('/units/:id/services', managers, unit, log('unit.services', ['serviceIds']), (req, res) => {
    const parsed = parseForm(serviceIdsForm, req.body);
    if (!parsed.ok) return showUnit(res, 422, parsed.errors);
    const known = new Set(deps.catalog.services().map((s) => s.id));
    deps.units.setOfferedServices(res.locals.unit.id, parsed.value.filter((id) => known.has(id)));
    back(res);
  });

  // Counter staff add points to their own unit too; they come back to their home page.
  router.post('/units/:id/points', unit, log('point.create', ['label', 'serviceId'], 'point', true), (req: Request, res: Response) => {
    const parsed = parseForm(pointForm, req.body);
    if (!parsed.ok) throw new AppError(422, 'staff.errors.invalid_form');
    const { label, serviceId } = parsed.value;
    if (serviceId !== null && !deps.catalog.service(serviceId)) throw new AppError(422, 'staff.errors.invalid_form');
    const id = deps.points.insert({ code: newPointCode(), unitId: res.locals.unit.id, label, serviceId });
    res.redirect(303, `/staff/points/${id}?ok=saved`);
  });

  return router;
}
