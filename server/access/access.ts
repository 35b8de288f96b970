import type { Role, StaffUser } from '../auth/staff-user';
import { AppError } from '../http/errors';

/** Who acts: a staff member with a session, or a one-stop system holding an API key. */
export type Principal = { kind: 'user'; user: StaffUser } | { kind: 'key'; keyId: number; unitId: number };

/**
 * The one answer to "who may see or change this unit": admin every unit, oversight (and an
 * API key) the subtree of its own unit, counter staff its own unit only. Figures, dashboard,
 * exports, admin pages, comments, kiosk and invitations all ask an Access, made once per
 * request by the session loader or the API key check (res.locals.access).
 */
export interface Access {
  principal: Principal;
  /** The acting staff account (audit rows), null for an API key. */
  userId: number | null;
  role: Role | 'key';
  /** The unit whose subtree it sees; null for an admin (every unit). */
  rootUnitId: number | null;
  /** Every unit it may read and change; null: every unit. */
  unitIds(): number[] | null;
  /** It may read this unit's figures and change it (its counters, services, name). */
  covers(unitId: number): boolean;
  /** Re-parent, deactivate or merge: as `covers`, but only an admin moves the unit it is bound to. */
  canMove(unitId: number): boolean;
  /** The units of the subtree of `rootId` (default: its own root) that it may read; 403 outside it. */
  within(rootId: number | null): number[] | null;
}

export interface UnitTree { subtreeIds(unitId: number): number[] }

export function createAccessPolicy(tree: UnitTree) {
  const make = (principal: Principal, role: Access['role'], rootUnitId: number | null, own: () => number[] | null): Access => {
    let ids: number[] | null | undefined;
    let set: Set<number> | null = null;
    const unitIds = () => {
      if (ids === undefined) { ids = own(); set = ids && new Set(ids); }
      return ids;
    };
    const covers = (unitId: number) => unitIds() === null || set!.has(unitId);
    const within = (rootId: number | null) => {
      const root = rootId ?? rootUnitId;
      if (root === null) return null;
      if (!covers(root)) throw new AppError(403, 'figures.errors.out_of_scope');
      return unitIds() === null ? tree.subtreeIds(root) : tree.subtreeIds(root).filter((id) => set!.has(id));
    };
    const boundTo = principal.kind === 'user' ? principal.user.unitId : principal.unitId;
    const canMove = (unitId: number) => covers(unitId) && (role === 'admin' || unitId !== boundTo);
    return { principal, userId: principal.kind === 'user' ? principal.user.id : null, role, rootUnitId, unitIds, covers, canMove, within };
  };
  return {
    ofUser: (user: StaffUser): Access => {
      const own = () => (user.role === 'admin' ? null : user.role === 'oversight' ? tree.subtreeIds(user.unitId) : [user.unitId]);
      return make({ kind: 'user', user }, user.role, user.role === 'admin' ? null : user.unitId, own);
    },
    ofKey: (keyId: number, unitId: number): Access => make({ kind: 'key', keyId, unitId }, 'key', unitId, () => tree.subtreeIds(unitId)),
  };
}
export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
