import crypto from 'node:crypto';
import { knownBrowsers } from './known-browser';
import type { ThrottleRepo, ThrottleRow } from './throttle.repo';

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSec: number };
/** A login attempt: the typed username, the client address, and the browser's known-browser cookie. */
export interface LoginAttempt { username: string; ip: string; browser?: unknown }

export interface ThrottleOptions {
  repo: ThrottleRepo; maxFailures: number; lockMs: number; now: () => Date;
  /** The login key (loginKey): of the stored keys' HMAC and of the known-browser cookie's. */
  key: string;
}

// Per username AND client (a known browser counts as a client of its own): slowed from the
// 2nd failure, refused at maxFailures for the lock time. Per client over any username:
// refused at 10 × maxFailures (one address spraying many accounts). Per username from any
// client: never refused, which would let anyone lock anyone out, but slowed, from
// 2 × maxFailures failures on (one person locked out on one device slows nothing else), by
// a delay that doubles with each failure up to a minute. A browser that logged in as this
// username before is not slowed by other clients' failures.
const SLOW_FROM = 2;
const CLIENT_FACTOR = 10;
const USER_FACTOR = 2;
const USER_MAX_DELAY_MS = 60_000;
const NEVER = 2 ** 31;

interface Scope { key: string; limit: number; checked: boolean; wait: (row: ThrottleRow) => number }

/**
 * The login key, derived from the server's key (INVITATION_SECRET or the key file beside the
 * database): never in the database nor in its backups, so a copy of them can neither test
 * addresses against login_throttle nor make a known-browser cookie.
 */
export const loginKey = (serverKey: string) => crypto.createHmac('sha256', serverKey).update('sipas/login').digest('base64url');

export function createLoginThrottle(o: ThrottleOptions) {
  const known = knownBrowsers(o.key);
  // A keyed hash: no raw address and no typed username (sometimes a password) is stored.
  const mac = (label: string) => crypto.createHmac('sha256', o.key).update(label).digest('base64url').slice(0, 22);
  const doubling = (from: number, cap: number) => (r: ThrottleRow) => (r.failures >= from ? r.lastAt + Math.min(1000 * 2 ** (r.failures - from), cap) : 0);

  const scopes = (a: LoginAttempt): Scope[] => {
    const user = a.username.trim().toLowerCase();
    const browser = known.idFor(a.browser, user);
    const client = browser ? `k|${browser}` : `c|${a.ip}`;
    return [
      { key: `uc:${mac(`${user}|${client}`)}`, limit: o.maxFailures, checked: true, wait: doubling(SLOW_FROM, Infinity) },
      { key: `c:${mac(client)}`, limit: o.maxFailures * CLIENT_FACTOR, checked: !browser, wait: () => 0 },
      { key: `u:${mac(user)}`, limit: NEVER, checked: !browser, wait: doubling(o.maxFailures * USER_FACTOR, USER_MAX_DELAY_MS) },
    ];
  };

  const check = (a: LoginAttempt): ThrottleVerdict => {
    const now = o.now().getTime();
    const checked = scopes(a).filter((s) => s.checked);
    const rows = new Map(o.repo.get(checked.map((s) => s.key)).map((r) => [r.key, r]));
    let until = 0;
    for (const s of checked) {
      const row = rows.get(s.key);
      if (!row || (row.lastAt < now - o.lockMs && row.lockedUntil <= now)) continue;
      until = Math.max(until, row.lockedUntil, s.wait(row));
    }
    return until > now ? { allowed: false, retryAfterSec: Math.ceil((until - now) / 1000) } : { allowed: true };
  };

  const fail = (a: LoginAttempt) => {
    const now = o.now().getTime();
    o.repo.fail(scopes(a).map(({ key, limit }) => ({ key, limit })), { now, idleSince: now - o.lockMs, lockUntil: now + o.lockMs });
  };

  /**
   * A success clears this username's count from this client only (the username's own count
   * runs out by itself: clearing it would hand an attacker fresh fast attempts), and returns
   * the known-browser cookie to give this browser.
   */
  const succeed = (a: LoginAttempt): string => {
    o.repo.remove(scopes(a)[0]!.key);
    return known.remember(a.browser, a.username.trim().toLowerCase());
  };

  return { check, fail, succeed };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
