import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { AppError, forbidden } from '../http/errors';
import type { CatalogRepo } from '../units/catalog.repo';
import { clashOf, periodParams } from '../units/official-code';
import type { NewUnit, OfficialDates, UnitRow, UnitsRepo, UnitType } from '../units/units.repo';
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

  /** One official code, two units: only in periods that do not overlap (the migration's trigger is the last guard). */
  const checkOfficial = (unitId: number | null, o: Partial<OfficialDates>) => {
    if (!o.officialCode) return;
    const clash = clashOf(d.units.byOfficialCode(o.officialCode), unitId, { validFrom: o.validFrom ?? null, validTo: o.validTo ?? null });
    if (clash) throw new AppError(422, 'units.errors.official_code_taken', { code: o.officialCode, name: clash.name, ...periodParams(clash) });
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
      checkOfficial(null, u);
      return d.audit.change({ userId: access.userId, action: 'unit.create', target: (id) => `unit:${id}`, details: { ...u } }, () => d.units.insert(u));
    },
    /** Name, type, official code and the days it is valid; a field not given keeps its value. */
    rename: (access: Access, unitId: number, edit: { name: string; type: UnitType } & Partial<OfficialDates>) => {
      must(access.covers(unitId));
      const old = d.units.get(unitId)!;
      const u = { ...edit, officialCode: edit.officialCode === undefined ? old.officialCode : edit.officialCode,
        validFrom: edit.validFrom === undefined ? old.validFrom : edit.validFrom, validTo: edit.validTo === undefined ? old.validTo : edit.validTo };
      checkOfficial(unitId, u);
      change(access, 'unit.update', unitId, u, () => d.units.update(unitId, u));
    },
    /** An oversight office may not switch off the unit it is bound to: it would lose its own view. */
    setActive: (access: Access, unitId: number, active: boolean) => {
      must(access.canMove(unitId));
      change(access, 'unit.active', unitId, { active }, () => d.units.setActive(unitId, active));
    },
    /** An undated successor, by hand (a merger with its day: mergers.service.ts): like a move, never of the unit the account is bound to (admin aside). The same successor keeps its day. */
    setSuccessor: (access: Access, unitId: number, successorId: number | null) => {
      must(access.canMove(unitId));
      if (successorId !== null) checkSuccessor(access, unitId, successorId);
      const old = d.units.get(unitId)!;
      const day = old.successorId === successorId ? old.successorFrom : null;
      change(access, 'unit.successor', unitId, { successorId }, () => d.units.setSuccessor(unitId, successorId, day));
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
