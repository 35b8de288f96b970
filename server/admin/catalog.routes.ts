import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { errorMap, fieldErrorOf, type FieldError } from '../http/form-errors';
import type { CatalogRepo, ServiceRow } from '../units/catalog.repo';
import { activeForm, parseForm, procedureCreateForm, procedureEditForm, serviceCreateForm, serviceEditForm, type Parsed } from './admin.schema';
import type { CatalogService } from './catalog.service';

/** Service fields and procedures: oversight reads them, only an admin changes them (catalog.service.ts). */
export function catalogPages(deps: { service: CatalogService; catalog: CatalogRepo }) {
  const { catalog, service: change } = deps;

  const showList = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/services', { title: res.locals.t('staff.services.title'), services: catalog.services(), errors, errorOf: errorMap(errors), values });
  const showService = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) => {
    const s: ServiceRow = res.locals.service;
    res.status(status).render('staff/service', { title: s.nameVi, procedures: catalog.procedures(s.id), errors, errorOf: errorMap(errors), values });
  };
  const back = (res: Response) => res.redirect(303, `/staff/services/${res.locals.service.id}?ok=saved`);
  /** A form posted on a service field's page: parse it, make the change, back to the page; or the page with its errors. */
  const onService = <T>(parse: (body: unknown) => Parsed<T>, apply: (res: Response, value: T) => void, field = 'code') =>
    (req: Request, res: Response) => {
      const parsed = parse(req.body);
      if (!parsed.ok) return showService(res, 422, parsed.errors, req.body);
      try {
        apply(res, parsed.value);
        back(res);
      } catch (err) {
        showService(res, 422, [fieldErrorOf(err, field)], req.body);
      }
    };

  return {
    list: (_req: Request, res: Response) => showList(res),
    create: (req: Request, res: Response) => {
      const parsed = parseForm(serviceCreateForm, req.body);
      if (!parsed.ok) return showList(res, 422, parsed.errors, req.body);
      try {
        res.redirect(303, `/staff/services/${change.createService(accessOf(res), parsed.value)}?ok=saved`);
      } catch (err) {
        showList(res, 422, [fieldErrorOf(err, 'code')], req.body);
      }
    },
    show: (_req: Request, res: Response) => showService(res),
    update: onService((b) => parseForm(serviceEditForm, b), (res, v) => change.updateService(accessOf(res), res.locals.service.id, v)),
    setActive: onService((b) => parseForm(activeForm, b), (res, v) => change.setServiceActive(accessOf(res), res.locals.service.id, v.active)),
    addProcedure: onService((b) => parseForm(procedureCreateForm, b), (res, v) => change.createProcedure(accessOf(res), res.locals.service.id, v)),
    updateProcedure: onService((b) => parseForm(procedureEditForm, b), (res, v) => change.updateProcedure(accessOf(res), res.locals.procedure.id, v)),
    setProcedureActive: onService((b) => parseForm(activeForm, b), (res, v) => change.setProcedureActive(accessOf(res), res.locals.procedure.id, v.active)),
  };
}
