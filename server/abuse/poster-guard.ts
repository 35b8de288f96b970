import crypto from 'node:crypto';
import { vietnamDate } from '../time/vietnam-time';

/**
 * Abuse rules of the poster channel, all O(1) in memory so the submission path stays fast.
 * Nothing is refused: a matching response is kept but flagged, so an honest citizen who
 * happens to trip a rule still counts when figures include flagged responses.
 *  - honeypot: a hidden field a person leaves empty;
 *  - device interval: one device (cookie) answering again at the same point too soon;
 *  - burst: more than N responses a minute from one client address at one point. The address
 *    is only ever held as sha256(daily salt, address), the salt lives in memory and changes
 *    every day, so no raw or re-identifiable address exists anywhere.
 */
export interface GuardOptions { minIntervalMs: number; burstPerMinute: number; now: () => Date }
export interface GuardInput { pointId: number; deviceId: string | null; address: string; honeypot: boolean }
export type FlagReason = 'honeypot' | 'device_interval' | 'burst';

const MAX_DEVICES = 200_000;

export function createPosterGuard(opts: GuardOptions) {
  let saltDay = '', salt = Buffer.alloc(0);
  let minute = -1;
  const bursts = new Map<string, number>();
  const lastByDevice = new Map<string, number>();

  const addressKey = (address: string, pointId: number, at: Date) => {
    const day = vietnamDate(at);
    if (day !== saltDay) {
      saltDay = day;
      salt = crypto.randomBytes(32);
    }
    return crypto.createHash('sha256').update(salt).update(address).digest('base64url').slice(0, 22) + ':' + pointId;
  };

  const burst = (key: string, ms: number): boolean => {
    const m = Math.floor(ms / 60_000);
    if (m !== minute) {
      minute = m;
      bursts.clear();
    }
    const n = (bursts.get(key) ?? 0) + 1;
    bursts.set(key, n);
    return n > opts.burstPerMinute;
  };

  const tooSoon = (deviceId: string | null, pointId: number, ms: number): boolean => {
    if (!deviceId || opts.minIntervalMs <= 0) return false;
    const key = `${deviceId}:${pointId}`;
    const last = lastByDevice.get(key);
    // A Map keeps insertion order: deleting first makes the oldest entries the first to evict.
    lastByDevice.delete(key);
    lastByDevice.set(key, ms);
    if (lastByDevice.size > MAX_DEVICES) lastByDevice.delete(lastByDevice.keys().next().value!);
    return last !== undefined && ms - last < opts.minIntervalMs;
  };

  /** The reasons this submission is flagged (empty: clean). Records it for the next check. */
  const check = (input: GuardInput): FlagReason[] => {
    const at = opts.now();
    const ms = at.getTime();
    const reasons: FlagReason[] = [];
    if (input.honeypot) reasons.push('honeypot');
    if (tooSoon(input.deviceId, input.pointId, ms)) reasons.push('device_interval');
    if (burst(addressKey(input.address, input.pointId, at), ms)) reasons.push('burst');
    return reasons;
  };
  return { check };
}
export type PosterGuard = ReturnType<typeof createPosterGuard>;

export const DEVICE_COOKIE = 'sipas_dev';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
export const newDeviceId = () => crypto.randomBytes(16).toString('base64url');
export const deviceIdOf = (cookie: unknown): string | null => (typeof cookie === 'string' && DEVICE_ID.test(cookie) ? cookie : null);
