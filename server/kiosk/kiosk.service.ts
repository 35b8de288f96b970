import crypto from 'node:crypto';
import type { Access } from '../access/access';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { forbidden } from '../http/errors';
import type { PointContext } from '../units/points.repo';
import type { KioskRepo, KioskSession } from './kiosk.repo';
import type { PinThrottle } from './pin-throttle';

export interface KioskServiceDeps { kiosks: KioskRepo; throttle: PinThrottle; now: () => Date }

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
/** What a kiosk's device cookie looks like: 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A counter tablet in kiosk mode: opened by staff of the point's unit with a PIN, left with that PIN. */
export function createKioskService(d: KioskServiceDeps) {
  /** Opens a kiosk at the point; returns the device token (shown to the tablet once, stored as its hash). */
  const open = async (access: Access, point: PointContext, pin: string): Promise<string> => {
    if (!access.covers(point.unitId) || access.userId === null) throw forbidden();
    const token = crypto.randomBytes(32).toString('base64url');
    const pinHash = await hashPassword(pin);
    d.kiosks.insert({ tokenHash: hash(token), pointId: point.pointId, pinHash, openedBy: access.userId, createdAt: d.now().toISOString() });
    return token;
  };

  /** The open kiosk of this device at this point, if any. */
  const find = (token: unknown, pointId: number): KioskSession | undefined =>
    typeof token === 'string' && TOKEN.test(token) ? d.kiosks.findOpen(hash(token), pointId) : undefined;

  /** Five wrong PINs lock the exit for a while, so a four-digit PIN cannot be found by tapping. */
  const leave = async (kiosk: KioskSession, pin: string | null): Promise<'left' | 'wrong' | 'locked'> => {
    if (d.throttle.locked(kiosk.id)) return 'locked';
    if (pin === null || !(await verifyPassword(pin, kiosk.pinHash))) {
      d.throttle.fail(kiosk.id);
      return 'wrong';
    }
    d.throttle.clear(kiosk.id);
    d.kiosks.close(kiosk.id, d.now().toISOString());
    return 'left';
  };
  return { open, find, leave };
}
export type KioskService = ReturnType<typeof createKioskService>;
