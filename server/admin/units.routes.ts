import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { AppError } from '../http/errors';
import { errorMap, fieldErrorOf, type FieldError } from '../http/form-errors';
import type { CatalogRepo } from '../units/catalog.repo';
import type { PointsRepo } from '../units/points.repo';
import { dmy } from '../time/vietnam-time';
import { UNIT_TYPES, type UnitRow } from '../units/units.repo';
import type { PointsService } from './points.service';
import { formPosts } from './form-post';
import type { UnitsService } from './units.service';
import { activeForm, parseForm, pointForm, serviceIdsForm, successorForm, unitCreateForm, unitEditForm } from './admin.schema';

export interface UnitsRoutesDeps { service: UnitsService; pointsService: PointsService; catalog: CatalogRepo; points: PointsRepo }

/** Managing units: the tree, one unit's page, and the forms on it (roles and loaders: server/routes.ts). */
export function unitsPages(deps: UnitsRoutesDeps) {
  const showList = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/units', {
      title: res.locals.t('staff.units.title'), tree: deps.service.tree(accessOf(res)),
      types: UNIT_TYPES, errors, errorOf: errorMap(errors), values,
    });

  /** `values`: a refused form's input, shown again; otherwise the unit's own (days as dd/mm/yyyy). */
  const showUnit = (res: Response, status = 200, errors: FieldError[] = [], values: Record<string, string> = {}) => {
    const u: UnitRow = res.locals.unit;
    const day = (d: string | null) => (d ? dmy(d) : '');
    const edit = 'officialCode' in values ? values : { officialCode: u.officialCode ?? '', validFrom: day(u.validFrom), validTo: day(u.validTo) };
    res.status(status).render('staff/unit', {
      title: u.name, types: UNIT_TYPES, errors, errorOf: errorMap(errors), values, edit,
      tree: deps.service.tree(accessOf(res)).filter((x) => x.id !== u.id),
      services: deps.catalog.services().filter((s) => s.active === 1),
      offered: new Set(deps.catalog.offeredServiceIds(u.id)),
      points: deps.points.byUnit(u.id),
    });
  };
  const back = (res: Response) => res.redirect(303, `/staff/units/${res.locals.unit.id}?ok=saved`);

  const list = (req: Request, res: Response) => showList(res, 200, [], { parentId: String(req.query.parent ?? '') });

  const create = (req: Request, res: Response) => {
    const parsed = parseForm(unitCreateForm, req.body);
    if (!parsed.ok) return showList(res, 422, parsed.errors, req.body);
    try {
      res.redirect(303, `/staff/units/${deps.service.create(accessOf(res), parsed.value)}?ok=saved`);
    } catch (err) {
      showList(res, 422, [fieldErrorOf(err, err instanceof AppError && err.key.includes('official') ? 'officialCode' : 'code')], req.body);
    }
  };

  const show = (_req: Request, res: Response) => showUnit(res);

  const post = formPosts((res, status, errors, values) => showUnit(res, status, errors, values as Record<string, string>), back);
  const rename = post(unitEditForm, (res, v) => deps.service.rename(accessOf(res), res.locals.unit.id, v), 'officialCode');
  const setActive = post(activeForm, (res, v) => deps.service.setActive(accessOf(res), res.locals.unit.id, v.active));
  const setSuccessor = post(successorForm, (res, v) => deps.service.setSuccessor(accessOf(res), res.locals.unit.id, v.successorId), 'successorId');
  const setServices = post(serviceIdsForm, (res, v) => deps.service.setServices(accessOf(res), res.locals.unit.id, v));

  // Counter staff add points to their own unit too (from their home page).
  const addPoint = (req: Request, res: Response) => {
    const parsed = parseForm(pointForm, req.body);
    if (!parsed.ok) throw new AppError(422, 'staff.errors.invalid_form');
    let id: number;
    try {
      id = deps.pointsService.add(accessOf(res), res.locals.unit.id, parsed.value);
    } catch (err) {
      fieldErrorOf(err, 'serviceId');
      throw new AppError(422, 'staff.errors.invalid_form');
    }
    res.redirect(303, `/staff/points/${id}?ok=saved`);
  };

  return { list, create, show, rename, setActive, setSuccessor, setServices, addPoint };
}
