import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { AppError, forbidden } from '../http/errors';
import type { CatalogRepo, ProcedureInput, ServiceInput } from '../units/catalog.repo';

export interface CatalogServiceDeps { catalog: CatalogRepo; audit: AuditLog }

/** Service fields and procedures are shared by every unit: only an admin changes them. */
export function createCatalogService(d: CatalogServiceDeps) {
  const { catalog } = d;
  const change = <T>(access: Access, action: string, target: string | ((id: T) => string), details: object, fn: () => T): T => {
    if (access.role !== 'admin') throw forbidden();
    return d.audit.change({ userId: access.userId, action, target, details: { ...details } }, fn);
  };
  const taken = () => new AppError(422, 'staff.errors.code_taken');

  return {
    createService: (access: Access, s: ServiceInput) => {
      if (catalog.serviceByCode(s.code)) throw taken();
      return change(access, 'service.create', (id) => `service:${id}`, s, () => catalog.insertService(s));
    },
    updateService: (access: Access, id: number, s: { nameVi: string; nameEn: string | null }) =>
      change(access, 'service.update', `service:${id}`, s, () => catalog.updateService(id, s)),
    setServiceActive: (access: Access, id: number, active: boolean) =>
      change(access, 'service.active', `service:${id}`, { active }, () => catalog.setServiceActive(id, active)),
    createProcedure: (access: Access, serviceId: number, p: ProcedureInput) => {
      if (catalog.procedureByCode(p.code)) throw taken();
      return change(access, 'procedure.create', `service:${serviceId}`, p, () => catalog.insertProcedure(serviceId, p));
    },
    updateProcedure: (access: Access, id: number, p: { name: string; nationalCode: string | null }) =>
      change(access, 'procedure.update', `procedure:${id}`, p, () => catalog.updateProcedure(id, p)),
    setProcedureActive: (access: Access, id: number, active: boolean) =>
      change(access, 'procedure.active', `procedure:${id}`, { active }, () => catalog.setProcedureActive(id, active)),
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
