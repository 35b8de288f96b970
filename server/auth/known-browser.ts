import crypto from 'node:crypto';

/**
 * "This browser has logged in as this username before": a cookie of up to five entries
 * `<id>.<signature>`, the signature an HMAC of the username and the id under the login key
 * (login-throttle.ts). It cannot be made without the key, names no username in clear, and
 * is sent only to the login form (path /staff/login).
 */
export const KNOWN_COOKIE = 'sipas_known';
export const KNOWN_MAX_AGE_MS = 180 * 86400_000;
const MAX_ENTRIES = 5;
const ENTRY = /^[\w-]{16}\.[\w-]{22}$/;

export function knownBrowsers(key: string) {
  const sign = (username: string, id: string) =>
    crypto.createHmac('sha256', key).update(`known|${username.toLowerCase()}|${id}`).digest('base64url').slice(0, 22);
  const entries = (cookie: unknown): string[] =>
    (typeof cookie === 'string' && cookie.length <= 400 ? cookie.split('~').filter((e) => ENTRY.test(e)) : []);

  /** This browser's id for `username` when its cookie holds a valid entry for it; null otherwise. */
  const idFor = (cookie: unknown, username: string): string | null => {
    for (const entry of entries(cookie)) {
      const [id, mac] = entry.split('.') as [string, string];
      if (crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(sign(username, id)))) return id;
    }
    return null;
  };

  /** The cookie after `username` logged in: its entry first (the same id if it had one), the others kept. */
  const remember = (cookie: unknown, username: string): string => {
    const id = idFor(cookie, username) ?? crypto.randomBytes(12).toString('base64url');
    const others = entries(cookie).filter((e) => !e.startsWith(`${id}.`));
    return [`${id}.${sign(username, id)}`, ...others].slice(0, MAX_ENTRIES).join('~');
  };
  return { idFor, remember };
}
