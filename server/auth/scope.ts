import type { Db } from '../db/open-database';
import { createUnitTreeRepo } from '../units/units.repo';
import type { StaffUser } from './staff-user';

/**
 * Which units a staff member may see and manage: admin all of them, oversight the subtree
 * of its own unit, counter staff its own unit only. `null` means every unit. The one place
 * this rule is written: pages, the figures API and the dashboard all ask here.
 */
export function unitIdsOf(user: StaffUser, subtreeIds: (unitId: number) => number[]): number[] | null {
  if (user.role === 'admin') return null;
  if (user.role === 'oversight') return subtreeIds(user.unitId);
  return [user.unitId];
}

export function createScope(db: Db) {
  const tree = createUnitTreeRepo(db);
  const unitIds = (user: StaffUser): number[] | null => unitIdsOf(user, tree.subtreeIds);
  const canAccessUnit = (user: StaffUser, unitId: number): boolean => {
    const ids = unitIds(user);
    return ids === null || ids.includes(unitId);
  };
  return { unitIds, canAccessUnit, subtreeIds: tree.subtreeIds };
}
export type Scope = ReturnType<typeof createScope>;
