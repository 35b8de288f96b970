import type { StaffUser } from '../auth/staff-user';
import type { Scope } from '../auth/scope';
import { AppError } from '../http/errors';
import type { NewUnit, UnitRow, UnitsAdminRepo } from './units-admin.repo';

export interface TreeRow extends UnitRow { depth: number }

/** The units a user may see, in tree order with their depth; a unit whose parent is out of scope is a root. */
export function unitTree(repo: UnitsAdminRepo, scope: Scope, user: StaffUser): TreeRow[] {
  const ids = scope.unitIds(user);
  const visible = repo.all().filter((u) => ids === null || ids.includes(u.id));
  const seen = new Set(visible.map((u) => u.id));
  const children = new Map<number | null, UnitRow[]>();
  for (const u of visible) {
    const key = u.parentId !== null && seen.has(u.parentId) ? u.parentId : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const out: TreeRow[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
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
