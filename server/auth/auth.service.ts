import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { LoginThrottle } from './login-throttle';
import type { UserRow, UsersRepo } from './users.repo';

export type LoginResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSec: number };

/**
 * Checks a login. The throttle is consulted before the password is, so a refused client
 * learns nothing; an unknown or inactive username costs the same hash as a known one.
 */
export async function login(users: UsersRepo, throttle: LoginThrottle, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const verdict = throttle.check(input.username, input.ip);
  if (!verdict.allowed) return { ok: false, reason: 'throttled', retryAfterSec: verdict.retryAfterSec };
  const user = users.findByUsername(input.username);
  const good = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !good || user.active !== 1) {
    throttle.fail(input.username, input.ip);
    return { ok: false, reason: 'invalid' };
  }
  throttle.succeed(input.username, input.ip);
  return { ok: true, user };
}

/** Changes one's own password; the other sessions of the account end. */
export async function changeOwnPassword(users: UsersRepo, input: { userId: number; current: string; next: string; keepTokenHash: string }): Promise<boolean> {
  const user = users.findById(input.userId);
  if (!user || !(await verifyPassword(input.current, user.passwordHash))) return false;
  users.setPassword(user.id, await hashPassword(input.next), false, input.keepTokenHash);
  return true;
}
