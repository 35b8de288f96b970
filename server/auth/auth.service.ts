import type { AuditLog } from '../audit/audit-log';
import type { LoginThrottle } from './login-throttle';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { SessionManager } from './sessions';
import type { UserRow, UsersRepo } from './users.repo';

export type LoginResult =
  | { ok: true; user: UserRow; token: string; knownBrowser: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSec: number };

export interface AuthServiceDeps { users: UsersRepo; throttle: LoginThrottle; sessions: SessionManager; audit: AuditLog }
/** `browser`: the known-browser cookie this browser sent (known-browser.ts), if any. */
export interface LoginInput { username: string; password: string; ip: string; browser?: unknown; replaces: string | null }

/** Logging in and out, and changing one's own password; each success or failure is in the audit log. */
export function createAuthService(d: AuthServiceDeps) {
  /**
   * The throttle is consulted before the password is, so a refused client learns nothing; an
   * unknown or inactive username costs the same hash as a known one. A success opens a session
   * (the token is for the cookie) with its audit row, and marks the browser as known.
   */
  const login = async (input: LoginInput): Promise<LoginResult> => {
    const failed = (action: string) => d.audit.record({ userId: null, action, details: { username: input.username } });
    const verdict = d.throttle.check(input);
    if (!verdict.allowed) {
      failed('login.throttled');
      return { ok: false, reason: 'throttled', retryAfterSec: verdict.retryAfterSec };
    }
    const user = d.users.findByUsername(input.username);
    const good = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !good || user.active !== 1) {
      d.throttle.fail(input);
      failed('login.failed');
      return { ok: false, reason: 'invalid' };
    }
    const knownBrowser = d.throttle.succeed(input);
    const token = d.audit.change({ userId: user.id, action: 'login.ok' }, () => d.sessions.open(user.id, input.replaces));
    return { ok: true, user, token, knownBrowser };
  };

  /** Changes one's own password; the other sessions of the account end. */
  const changeOwnPassword = async (input: { userId: number; current: string; next: string; keepTokenHash: string }): Promise<boolean> => {
    const user = d.users.findById(input.userId);
    if (!user || !(await verifyPassword(input.current, user.passwordHash))) return false;
    const hash = await hashPassword(input.next);
    d.audit.change({ userId: user.id, action: 'password.change', target: `user:${user.id}` }, () => d.users.setPassword(user.id, hash, false, input.keepTokenHash));
    return true;
  };

  /** Ends a session; recorded when it was a staff member's. */
  const logout = (userId: number | null, tokenHash: string | null) => {
    if (userId === null) return d.sessions.close(tokenHash);
    d.audit.change({ userId, action: 'logout' }, () => d.sessions.close(tokenHash));
  };
  return { login, changeOwnPassword, logout };
}
export type AuthService = ReturnType<typeof createAuthService>;
