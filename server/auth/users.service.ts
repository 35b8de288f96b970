import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { forbidden } from '../http/errors';
import type { FieldError } from '../http/form-errors';
import type { UnitsRepo } from '../units/units.repo';
import { newPasswordErrors } from './auth.schema';
import { hashPassword } from './passwords';
import type { Role } from './staff-user';
import type { UsersRepo } from './users.repo';

export interface NewAccount { username: string; role: Role; unitId: number; password: unknown; confirm: unknown }
export interface UsersServiceDeps { users: UsersRepo; units: UnitsRepo; audit: AuditLog }

/** Staff accounts: an admin creates them (with a first password to change), switches them off and resets them. */
export function createUsersService(d: UsersServiceDeps) {
  const admin = (access: Access) => { if (access.role !== 'admin') throw forbidden(); };
  /** The account acted on: never the admin's own, so nobody locks themself out by accident. */
  const other = (access: Access, userId: number) => {
    admin(access);
    if (userId === access.userId) throw forbidden('staff.users.not_self');
  };

  /** Creates the account, or returns what is wrong with the form (nothing is written then). */
  const create = async (access: Access, a: NewAccount): Promise<FieldError[]> => {
    admin(access);
    const errors = newPasswordErrors(a.password, a.confirm, 'password');
    if (!d.units.get(a.unitId)) errors.push({ field: 'unitId', key: 'staff.errors.invalid' });
    const taken: FieldError = { field: 'username', key: 'staff.users.taken' };
    if (d.users.findByUsername(a.username)) errors.push(taken);
    if (errors.length) return errors;
    const passwordHash = await hashPassword(String(a.password));
    const details = { username: a.username, role: a.role, unitId: String(a.unitId) };
    // Checked again inside the transaction: another admin may have taken the name during the hash.
    const id = d.audit.change({ userId: access.userId, action: 'user.create', details }, () =>
      d.users.findByUsername(a.username) ? null : d.users.insert({ username: a.username, role: a.role, unitId: a.unitId, passwordHash, mustChange: true }));
    return id === null ? [taken] : [];
  };

  const setActive = (access: Access, userId: number, active: boolean) => {
    other(access, userId);
    d.audit.change({ userId: access.userId, action: 'user.active', target: `user:${userId}`, details: { active } }, () => d.users.setActive(userId, active));
  };

  /** A temporary password the person must change at the next login; every session of the account ends. */
  const resetPassword = async (access: Access, userId: number, password: unknown, confirm: unknown): Promise<FieldError[]> => {
    other(access, userId);
    const errors = newPasswordErrors(password, confirm, 'password');
    if (errors.length) return errors;
    const hash = await hashPassword(String(password));
    d.audit.change({ userId: access.userId, action: 'user.reset_password', target: `user:${userId}` }, () => d.users.setPassword(userId, hash, true, null));
    return [];
  };
  return { create, setActive, resetPassword };
}
export type UsersService = ReturnType<typeof createUsersService>;
