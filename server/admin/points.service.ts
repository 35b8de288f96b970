import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { AppError, forbidden } from '../http/errors';
import type { CatalogRepo } from '../units/catalog.repo';
import { newPointCode } from '../units/point-code';
import type { PointsRepo } from '../units/points.repo';

export interface PointsServiceDeps { points: PointsRepo; catalog: CatalogRepo; audit: AuditLog }
interface PointInput { label: string; labelEn?: string; serviceId: number | null }

/** Counters (collection points): every role adds and edits those of the units it covers. */
export function createPointsService(d: PointsServiceDeps) {
  const change = (access: Access, action: string, pointId: number, details: object, fn: () => void) =>
    d.audit.change({ userId: access.userId, action, target: `point:${pointId}`, details: { ...details } }, fn);
  const unitOf = (access: Access, pointId: number) => {
    const p = d.points.get(pointId);
    if (!p || !access.covers(p.unitId)) throw forbidden();
    return p.unitId;
  };
  const checkService = (serviceId: number | null) => {
    if (serviceId !== null && !d.catalog.service(serviceId)) throw new AppError(422, 'staff.errors.invalid');
  };

  return {
    add: (access: Access, unitId: number, p: PointInput): number => {
      if (!access.covers(unitId)) throw forbidden();
      checkService(p.serviceId);
      const entry = { userId: access.userId, action: 'point.create', target: (id: number) => `point:${id}`, details: { ...p, in: unitId } };
      return d.audit.change(entry, () => d.points.insert({ code: newPointCode(), unitId, ...p }));
    },
    update: (access: Access, pointId: number, p: PointInput) => {
      unitOf(access, pointId);
      checkService(p.serviceId);
      change(access, 'point.update', pointId, p, () => d.points.update(pointId, p));
    },
    setActive: (access: Access, pointId: number, active: boolean) => {
      unitOf(access, pointId);
      change(access, 'point.active', pointId, { active }, () => d.points.setActive(pointId, active));
    },
    /** A new code: the printed posters of the old one stop working at once. */
    newCode: (access: Access, pointId: number) => {
      unitOf(access, pointId);
      change(access, 'point.new_code', pointId, {}, () => d.points.setCode(pointId, newPointCode()));
    },
  };
}
export type PointsService = ReturnType<typeof createPointsService>;
