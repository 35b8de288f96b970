import crypto from 'node:crypto';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { vietnamDate } from '../time/vietnam-time';
import { FLAG_RULES } from './flag-reasons';

/**
 * How many poster responses one client address sends to one counter: a sliding window (the
 * last `windowMs`, not clock-minute buckets that a script can fill again each minute) and a
 * cap per local day. The address is only ever held as sha256(daily salt, address); the salt
 * lives in memory and changes every day, so no raw or re-identifiable address exists anywhere,
 * and every count starts afresh each day (and at a restart).
 */
export interface AddressLimitOptions { windowMs: number; windowMax: number; dailyMax: number }

/** Keys kept at most; beyond, the least recently seen is forgotten (a flood of addresses cannot grow memory). */
const MAX_KEYS = 100_000;

/**
 * The address as the rules count it: an IPv6 address by its /64, which one household or phone
 * gets whole (a script walks its 2^64 addresses for free); an IPv4-mapped IPv6 address as IPv4.
 */
export function addressGroup(address: string): string {
  // Most clients: a plain IPv4 address, checked by Node itself without parsing it twice.
  if (net.isIPv4(address)) return address;
  if (!ipaddr.isValid(address)) return address;
  const a = ipaddr.process(address);
  if (a.kind() !== 'ipv6') return a.toString();
  return `${(a as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}

/** Moves `key` to the end of the map's order (most recent), and forgets the oldest beyond MAX_KEYS. */
function touch<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
}

export function createAddressLimits(o: AddressLimitOptions) {
  let day = '', salt = Buffer.alloc(0);
  const windows = new Map<string, { times: number[]; head: number }>();
  const daily = new Map<string, number>();

  const keyOf = (address: string, pointId: number, at: Date) => {
    const today = vietnamDate(at);
    if (today !== day) {
      day = today;
      salt = crypto.randomBytes(32);
      windows.clear();
      daily.clear();
    }
    return crypto.createHash('sha256').update(salt).update(addressGroup(address)).digest('base64url').slice(0, 22) + ':' + pointId;
  };

  /**
   * The times of the last responses within the window, oldest first, from `head` on: the
   * ones that slid out are skipped, not copied (amortised O(1) whatever the window's size).
   * Only windowMax + 1 are kept: enough to know it is over.
   */
  const inWindow = (key: string, ms: number): number => {
    const w = windows.get(key) ?? { times: [], head: 0 };
    while (w.head < w.times.length && w.times[w.head]! <= ms - o.windowMs) w.head++;
    w.times.push(ms);
    if (w.times.length - w.head > o.windowMax + 1) w.head++;
    if (w.head > 32 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    touch(windows, key, w);
    return w.times.length - w.head;
  };

  /** Counts one response from `address` at `pointId`; returns the rules it breaks. */
  const count = (address: string, pointId: number, at: Date): number => {
    const key = keyOf(address, pointId, at);
    const today = (daily.get(key) ?? 0) + 1;
    touch(daily, key, today);
    let reasons = 0;
    if (inWindow(key, at.getTime()) > o.windowMax) reasons |= FLAG_RULES.address_window;
    if (today > o.dailyMax) reasons |= FLAG_RULES.address_daily;
    return reasons;
  };
  return { count };
}
export type AddressLimits = ReturnType<typeof createAddressLimits>;
