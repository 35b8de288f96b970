/** The logged-in staff member, as the session middleware puts it in res.locals.user. */
export type Role = 'admin' | 'oversight' | 'counter';
export const ROLES: readonly Role[] = ['admin', 'oversight', 'counter'];

export interface StaffUser {
  id: number;
  username: string;
  role: Role;
  /** The unit the account is bound to: admin and oversight see its subtree, counter staff the unit itself. */
  unitId: number;
}
