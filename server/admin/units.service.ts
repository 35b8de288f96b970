import type { StaffUser } from '../auth/staff-user';
import type { Scope } from '../auth/scope';
import { AppError } from '../http/errors';
import { treeOrder } from '../units/unit-tree';
import type { NewUnit, UnitRow, UnitsAdminRepo } from './units-admin.repo';

export interface TreeRow extends UnitRow { depth: number }

/** The units a user may see, in tree order with their depth; a unit whose parent is out of scope is a root. */
export function unitTree(repo: UnitsAdminRepo, scope: Scope, user: StaffUser): TreeRow[] {
  return treeOrder(repo.all(), scope.unitIds(user));
}

/** A new unit goes under a unit in the user's scope; only an admin creates a root. */
export function createUnit(repo: UnitsAdminRepo, scope: Scope, user: StaffUser, u: NewUnit): number {
  if (u.parentId === null ? user.role !== 'admin' : !scope.canAccessUnit(user, u.parentId)) throw new AppError(403, 'errors.forbidden');
  if (repo.byCode(u.code)) throw new AppError(422, 'staff.errors.code_taken');
  return repo.insert(u);
}

/** A successor must be another unit in scope, and following successors must never loop back. */
export function setSuccessor(repo: UnitsAdminRepo, scope: Scope, user: StaffUser, unitId: number, successorId: number | null) {
  if (successorId !== null) {
    if (!scope.canAccessUnit(user, successorId) || !repo.get(successorId)) throw new AppError(403, 'errors.forbidden');
    for (let id: number | null = successorId, hops = 0; id !== null && hops < 100; hops++) {
      if (id === unitId) throw new AppError(422, 'staff.errors.successor_loop');
      id = repo.get(id)?.successorId ?? null;
    }
  }
  repo.setSuccessor(unitId, successorId);
}
