import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { errorMap, fieldErrorOf, type FieldError } from '../http/form-errors';
import type { CatalogRepo, ServiceRow } from '../units/catalog.repo';
import { activeForm, parseForm, procedureCreateForm, procedureEditForm, serviceCreateForm, serviceEditForm } from './admin.schema';
import { formPosts } from './form-post';
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
  const onService = formPosts(showService, back);

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
    update: onService(serviceEditForm, (res, v) => change.updateService(accessOf(res), res.locals.service.id, v)),
    setActive: onService(activeForm, (res, v) => change.setServiceActive(accessOf(res), res.locals.service.id, v.active)),
    addProcedure: onService(procedureCreateForm, (res, v) => change.createProcedure(accessOf(res), res.locals.service.id, v), 'code'),
    updateProcedure: onService(procedureEditForm, (res, v) => change.updateProcedure(accessOf(res), res.locals.procedure.id, v)),
    setProcedureActive: onService(activeForm, (res, v) => change.setProcedureActive(accessOf(res), res.locals.procedure.id, v.active)),
  };
}
