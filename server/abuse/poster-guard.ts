import { createAddressLimits, type AddressLimitOptions } from './address-limits';
import { FLAG_RULES, NOT_ITS_DEVICE } from './flag-reasons';
import { randomBase64url } from './random-pool';
import type { SubmissionIds } from './submission-id';

/**
 * Abuse rules of the poster channel, all in memory so the submission path stays fast. Nothing
 * is refused: a matching response is kept but flagged (flag-reasons.ts says why), so an
 * honest citizen who happens to trip a rule still counts when figures include flagged ones.
 *  - honeypot: a hidden field a person leaves empty;
 *  - the submission id (submission-id.ts): issued by the server, to this device, at least a
 *    few seconds and at most some hours before; a POST without the device cookie its GET set;
 *  - device interval: one device (cookie) answering again at the same point too soon;
 *  - per address (IPv6: its /64) and point, a sliding window and a daily cap
 *    (address-limits.ts), counting only the responses whose id was issued to their device: a
 *    script's invented ids are flagged already and must not crowd out the people on its Wi-Fi.
 */
export interface GuardOptions extends AddressLimitOptions { minIntervalMs: number; sids: SubmissionIds; now: () => Date }
/** `deviceId`: the device cookie the POST came with (null: none, or not one of ours). */
export interface GuardInput { pointId: number; deviceId: string | null; address: string; honeypot: boolean; sid: string }

const MAX_DEVICES = 200_000;

export function createPosterGuard(opts: GuardOptions) {
  const addresses = createAddressLimits(opts);
  const lastByDevice = new Map<string, number>();

  const tooSoon = (deviceId: string, pointId: number, ms: number): boolean => {
    if (opts.minIntervalMs <= 0) return false;
    const key = `${deviceId}:${pointId}`;
    const last = lastByDevice.get(key);
    // A Map keeps insertion order: deleting first makes the oldest entries the first to evict.
    lastByDevice.delete(key);
    lastByDevice.set(key, ms);
    if (lastByDevice.size > MAX_DEVICES) lastByDevice.delete(lastByDevice.keys().next().value!);
    return last !== undefined && ms - last < opts.minIntervalMs;
  };

  /** The bitmask of the rules this submission breaks (0: clean). Records it for the next check. */
  const check = (input: GuardInput): number => {
    const at = opts.now();
    let reasons = opts.sids.check(input.sid, input.deviceId, at);
    if (input.honeypot) reasons |= FLAG_RULES.honeypot;
    if (input.deviceId === null) reasons |= FLAG_RULES.no_device;
    else if (tooSoon(input.deviceId, input.pointId, at.getTime())) reasons |= FLAG_RULES.device_interval;
    if ((reasons & NOT_ITS_DEVICE) === 0) reasons |= addresses.count(input.address, input.pointId, at);
    return reasons;
  };
  return { check };
}
export type PosterGuard = ReturnType<typeof createPosterGuard>;

export const DEVICE_COOKIE = 'sipas_dev';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
export const newDeviceId = () => randomBase64url(16);
export const deviceIdOf = (cookie: unknown): string | null => (typeof cookie === 'string' && DEVICE_ID.test(cookie) ? cookie : null);
