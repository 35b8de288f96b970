/** Five wrong PINs lock a kiosk's exit for five minutes: a four-digit PIN must not be guessable by tapping. */
const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

export function createPinThrottle(now: () => Date) {
  const failures = new Map<number, { n: number; until: number }>();
  return {
    locked: (id: number) => (failures.get(id)?.until ?? 0) > now().getTime(),
    fail: (id: number) => {
      const f = failures.get(id) ?? { n: 0, until: 0 };
      f.n += 1;
      if (f.n >= MAX_FAILURES) Object.assign(f, { n: 0, until: now().getTime() + LOCK_MS });
      failures.set(id, f);
    },
    clear: (id: number) => void failures.delete(id),
  };
}
export type PinThrottle = ReturnType<typeof createPinThrottle>;
