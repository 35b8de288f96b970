import crypto from 'node:crypto';

interface Entry { failures: number; lastAt: number; lockedUntil: number }
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSec: number };

export interface ThrottleOptions { maxFailures: number; lockMs: number; now: () => Date }

// Per username AND client: slowed from the 3rd failure, refused at maxFailures. Per username
// from any client and per client over any username the limits are much higher, so that one
// clumsy colleague never locks out the whole office behind the same Wi-Fi, while spraying
// many passwords at one account, or one password at many accounts, is still stopped.
const USER_FACTOR = 4;
const CLIENT_FACTOR = 10;
const SLOW_FROM = 2;
const MAX_ENTRIES = 50_000;

/** In memory: a restart forgets, which only ever favours the legitimate user. Raw IPs are hashed. */
export function createLoginThrottle(opts: ThrottleOptions) {
  const entries = new Map<string, Entry>();
  const salt = crypto.randomBytes(16);
  const clientKey = (ip: string) => 'c:' + crypto.createHmac('sha256', salt).update(ip).digest('base64url').slice(0, 22);
  const keys = (username: string, ip: string) => {
    const u = 'u:' + username.toLowerCase();
    const c = clientKey(ip);
    return [
      { key: `${u}|${c}`, limit: opts.maxFailures, slow: true },
      { key: u, limit: opts.maxFailures * USER_FACTOR, slow: false },
      { key: c, limit: opts.maxFailures * CLIENT_FACTOR, slow: false },
    ];
  };
  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && now - e.lastAt > opts.lockMs && e.lockedUntil <= now) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  const check = (username: string, ip: string): ThrottleVerdict => {
    const now = opts.now().getTime();
    let waitMs = 0;
    for (const k of keys(username, ip)) {
      const e = live(k.key, now);
      if (!e) continue;
      if (e.lockedUntil > now) waitMs = Math.max(waitMs, e.lockedUntil - now);
      else if (k.slow && e.failures >= SLOW_FROM) waitMs = Math.max(waitMs, e.lastAt + 1000 * 2 ** (e.failures - SLOW_FROM) - now);
    }
    return waitMs > 0 ? { allowed: false, retryAfterSec: Math.ceil(waitMs / 1000) } : { allowed: true };
  };

  const fail = (username: string, ip: string) => {
    const now = opts.now().getTime();
    if (entries.size > MAX_ENTRIES) for (const key of entries.keys()) live(key, now);
    for (const k of keys(username, ip)) {
      const e = live(k.key, now) ?? { failures: 0, lastAt: now, lockedUntil: 0 };
      e.failures++;
      e.lastAt = now;
      if (e.failures >= k.limit) e.lockedUntil = now + opts.lockMs;
      entries.set(k.key, e);
    }
  };

  /** A success clears this username's record from this client only. */
  const succeed = (username: string, ip: string) => void entries.delete(keys(username, ip)[0]!.key);

  return { check, fail, succeed };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
