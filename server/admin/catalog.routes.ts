import { errorMap } from '../http/form-errors';
import express, { type Response } from 'express';
import { requireRole } from '../auth/require-user';
import type { FieldError } from '../auth/auth.schema';
import { notFound } from '../http/errors';
import type { CatalogRepo, ServiceRow } from './catalog.repo';
import { activeForm, parseForm, procedureCreateForm, procedureEditForm, serviceCreateForm, serviceEditForm } from './admin.schema';
import { idParam } from './loaders';
import { audited } from '../audit/audit.middleware';
import type { AuditLog } from '../audit/audit-log';

/** Service fields and procedures are shared by every unit: oversight reads them, only an admin changes them. */
export function catalogRouter(catalog: CatalogRepo, audit: AuditLog) {
  const router = express.Router();
  const readers = requireRole('admin', 'oversight');
  const admin = requireRole('admin');
  const log = (action: string, fields: string[], kind = 'service', created = false) => audited(audit, action, { kind, fields, created });

  const showList = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/services', { title: res.locals.t('staff.services.title'), services: catalog.services(), errors, errorOf: errorMap(errors), values });

  const service = (req: express.Request, res: Response, next: express.NextFunction) => {
    const id = idParam(req);
    const s = id === null ? undefined : catalog.service(id);
    if (!s) return next(notFound());
    res.locals.service = s;
    next();
  };
  const showService = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) => {
    const s: ServiceRow = res.locals.service;
    res.status(status).render('staff/service', { title: s.nameVi, procedures: catalog.procedures(s.id), errors, errorOf: errorMap(errors), values });
  };
  const back = (res: Response, id: number) => res.redirect(303, `/staff/services/${id}?ok=saved`);

  router.get('/services', readers, (_req, res) => showList(res));
  router.post('/services', admin, log('service.create', ['code', 'nameVi', 'nameEn'], 'service', true), (req, res) => {
    const parsed = parseForm(serviceCreateForm, req.body);
    if (!parsed.ok) return showList(res, 422, parsed.errors, req.body);
    if (catalog.serviceIdByCode(parsed.value.code)) return showList(res, 422, [{ field: 'code', key: 'staff.errors.code_taken' }], req.body);
    back(res, catalog.insertService(parsed.value));
  });
  router.get('/services/:id', readers, service, (_req, res) => showService(res));
  router.post('/services/:id', admin, service, log('service.update', ['nameVi', 'nameEn']), (req, res) => {
    const parsed = parseForm(serviceEditForm, req.body);
    if (!parsed.ok) return showService(res, 422, parsed.errors);
    catalog.updateService(res.locals.service.id, parsed.value);
    back(res, res.locals.service.id);
  });
  router.post('/services/:id/active', admin, service, log('service.active', ['active']), (req, res) => {
    const parsed = parseForm(activeForm, req.body);
    if (!parsed.ok) return showService(res, 422, parsed.errors);
    catalog.setServiceActive(res.locals.service.id, parsed.value.active);
    back(res, res.locals.service.id);
  });
  router.post('/services/:id/procedures', admin, service, log('procedure.create', ['code', 'nationalCode', 'name'], 'service'), (req, res) => {
    const parsed = parseForm(procedureCreateForm, req.body);
    if (!parsed.ok) return showService(res, 422, parsed.errors, req.body);
    if (catalog.procedureIdByCode(parsed.value.code)) return showService(res, 422, [{ field: 'code', key: 'staff.errors.code_taken' }], req.body);
    catalog.insertProcedure(res.locals.service.id, parsed.value);
    back(res, res.locals.service.id);
  });

  const procedure = (req: express.Request, res: Response, next: express.NextFunction) => {
    const id = idParam(req);
    const p = id === null ? undefined : catalog.procedure(id);
    if (!p) return next(notFound());
    res.locals.procedure = p;
    res.locals.service = catalog.service(p.serviceId);
    next();
  };
  router.post('/procedures/:id', admin, procedure, log('procedure.update', ['nationalCode', 'name'], 'procedure'), (req, res) => {
    const parsed = parseForm(procedureEditForm, req.body);
    if (!parsed.ok) return showService(res, 422, parsed.errors);
    catalog.updateProcedure(res.locals.procedure.id, parsed.value);
    back(res, res.locals.service.id);
  });
  router.post('/procedures/:id/active', admin, procedure, log('procedure.active', ['active'], 'procedure'), (req, res) => {
    const parsed = parseForm(activeForm, req.body);
    if (!parsed.ok) return showService(res, 422, parsed.errors);
    catalog.setProcedureActive(res.locals.procedure.id, parsed.value.active);
    back(res, res.locals.service.id);
  });

  return router;
}
