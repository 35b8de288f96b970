import crypto from 'node:crypto';
import { FLAG_RULES } from './flag-reasons';
import { randomBase64url } from './random-pool';

/**
 * Submission ids that the server issues with each form: when it was issued, 72 random bits,
 * and two HMAC tags (72 bits each), one of those proving that the server issued it and one of
 * the whole (the first tag too) binding it to the device cookie it was issued to: that one
 * alone vouches for every character of the id, so a form sent from its own device costs one
 * HMAC to check, and the first tag is only computed to tell a forged id from another
 * device's. Nothing else is in it: the device's tag
 * differs for every form, so stored ids cannot be grouped by device, and without the key
 * (derived from the server's key, never in the database) no one can tell which device a
 * stored id was issued to, nor make one.
 *
 *   issued at (ms, base36, 9) | random (12) | tag of the form (12) | tag of the device (12)
 *
 * The time comes first, so that ids arrive in index order (a cheap insert into the unique index).
 */
export interface SubmissionIdOptions { key: Buffer; minAgeMs: number; maxAgeMs: number }

const TIME = 9;
const PART = 12;
const BODY = TIME + PART;
const SHAPE = /^[0-9a-z]{9}[A-Za-z0-9_-]{36}$/;

/** The key of the submission ids, derived from the server's key (INVITATION_SECRET or the key file) like the login key. */
export const submissionIdKey = (serverKey: string) => crypto.createHmac('sha256', serverKey).update('sipas/submission-id').digest();

export function createSubmissionIds(o: SubmissionIdOptions) {
  // A KeyObject: the key is imported once, not at each of the two HMACs of every form.
  const key = crypto.createSecretKey(o.key);
  const tag = (label: string, body: string) => crypto.createHmac('sha256', key).update(label).update(body).digest('base64url').slice(0, PART);
  const formTag = (body: string) => tag('form|', body);
  const deviceTag = (signed: string, deviceId: string) => tag(`device|${deviceId}|`, signed);
  const same = (a: string, b: string) => crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

  /** A new id for a form shown now to `deviceId` (null: a channel without a device cookie, the kiosk or an invitation). */
  const issue = (deviceId: string | null, at: Date): string => {
    const body = at.getTime().toString(36).padStart(TIME, '0') + randomBase64url(9);
    const signed = body + formTag(body);
    return signed + deviceTag(signed, deviceId ?? '');
  };

  /**
   * The rules a posted id breaks (0: none): not issued by this server; issued to another
   * device than `deviceId` (null: no cookie, which the caller flags on its own); sent too soon
   * or too long after it was issued.
   */
  const check = (sid: string, deviceId: string | null, at: Date): number => {
    if (!SHAPE.test(sid)) return FLAG_RULES.sid_unsigned;
    const signed = sid.slice(0, BODY + PART);
    let reasons = 0;
    if (deviceId === null || !same(sid.slice(BODY + PART), deviceTag(signed, deviceId))) {
      if (!same(sid.slice(BODY, BODY + PART), formTag(sid.slice(0, BODY)))) return FLAG_RULES.sid_unsigned;
      if (deviceId !== null) reasons |= FLAG_RULES.sid_device;
    }
    const age = at.getTime() - parseInt(sid.slice(0, TIME), 36);
    if (age < o.minAgeMs) reasons |= FLAG_RULES.sid_fresh;
    else if (age > o.maxAgeMs) reasons |= FLAG_RULES.sid_stale;
    return reasons;
  };
  return { issue, check };
}
export type SubmissionIds = ReturnType<typeof createSubmissionIds>;
