import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { AppError, forbidden } from '../http/errors';
import type { CatalogRepo } from '../units/catalog.repo';
import type { NewUnit, UnitRow, UnitsRepo, UnitType } from '../units/units.repo';
import { treeOrder } from '../units/unit-tree';

export interface TreeRow extends UnitRow { depth: number }
export interface UnitsServiceDeps { units: UnitsRepo; catalog: CatalogRepo; audit: AuditLog }

/** Managing units: every rule about who may create, rename, move, merge or switch off a unit. */
export function createUnitsService(d: UnitsServiceDeps) {
  const must = (ok: boolean) => { if (!ok) throw forbidden(); };
  const change = <T>(access: Access, action: string, unitId: number, details: object, fn: () => T) =>
    d.audit.change({ userId: access.userId, action, target: `unit:${unitId}`, details: { ...details } }, fn);

  /** A successor must be another unit in scope, and following successors must never loop back. */
  const checkSuccessor = (access: Access, unitId: number, successorId: number) => {
    must(access.covers(successorId) && d.units.get(successorId) !== undefined);
    for (let id: number | null = successorId, hops = 0; id !== null && hops < 100; hops++) {
      if (id === unitId) throw new AppError(422, 'staff.errors.successor_loop');
      id = d.units.get(id)?.successorId ?? null;
    }
  };

  return {
    /** The units it may see, in tree order with their depth; a unit whose parent is out of scope is a root. */
    tree: (access: Access): TreeRow[] => treeOrder(d.units.all(), access.unitIds()),
    /** A new unit goes under a unit in scope; only an admin creates a root. */
    create: (access: Access, u: NewUnit): number => {
      must(u.parentId === null ? access.role === 'admin' : access.covers(u.parentId));
      // A new unit cannot close a loop (nothing points to it yet); its parent must exist.
      if (u.parentId !== null && !d.units.get(u.parentId)) throw new AppError(422, 'staff.errors.unknown_parent');
      if (d.units.byCode(u.code)) throw new AppError(422, 'staff.errors.code_taken');
      return d.audit.change({ userId: access.userId, action: 'unit.create', target: (id) => `unit:${id}`, details: { ...u } }, () => d.units.insert(u));
    },
    rename: (access: Access, unitId: number, u: { name: string; type: UnitType }) => {
      must(access.covers(unitId));
      change(access, 'unit.update', unitId, u, () => d.units.update(unitId, u));
    },
    /** An oversight office may not switch off the unit it is bound to: it would lose its own view. */
    setActive: (access: Access, unitId: number, active: boolean) => {
      must(access.canMove(unitId));
      change(access, 'unit.active', unitId, { active }, () => d.units.setActive(unitId, active));
    },
    /** A merger moves the unit's figures into another: like a move, never of the unit the account is bound to (admin aside). */
    setSuccessor: (access: Access, unitId: number, successorId: number | null) => {
      must(access.canMove(unitId));
      if (successorId !== null) checkSuccessor(access, unitId, successorId);
      change(access, 'unit.successor', unitId, { successorId }, () => d.units.setSuccessor(unitId, successorId));
    },
    /** The service fields a unit offers; unknown ids are ignored. */
    setServices: (access: Access, unitId: number, serviceIds: number[]) => {
      must(access.covers(unitId));
      const known = new Set(d.catalog.services().map((s) => s.id));
      const ids = serviceIds.filter((id) => known.has(id));
      change(access, 'unit.services', unitId, { serviceIds: ids }, () => d.catalog.setOfferedServices(unitId, ids));
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
