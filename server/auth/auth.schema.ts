import { z } from 'zod';
import type { FieldError } from '../http/form-errors';
import { PASSWORD_MIN } from './passwords';

export const NEXT_MAX = 300;

export const loginForm = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  // A next that is too long is dropped (safeNext then goes home), never a reason to refuse the login.
  next: z.string().max(10_000).optional().transform((v) => (v && v.length <= NEXT_MAX ? v : undefined)),
});

/** A new password: long enough, typed twice the same. Returns the errors next to their fields. */
export function newPasswordErrors(next: unknown, confirm: unknown, field = 'next'): FieldError[] {
  if (typeof next !== 'string' || next.length < PASSWORD_MIN || next.length > 200) {
    return [{ field, key: 'staff.password.too_short', params: { min: PASSWORD_MIN } }];
  }
  if (next !== confirm) return [{ field: 'confirm', key: 'staff.password.mismatch' }];
  return [];
}

const STAFF_PATH = /^\/staff(?:[/?][\w\-/?=&%.]*)?$/;
/** A counter's kiosk (its "staff" link leads to the login and back), nothing after the code. */
const KIOSK_PATH = /^\/k\/[A-Za-z0-9_-]{4,40}$/;

/** Only a path inside /staff, or a kiosk's own page, may be the target after login: no open redirect. */
export function safeNext(next: string | undefined): string {
  return next && (STAFF_PATH.test(next) || KIOSK_PATH.test(next)) && !next.includes('//') ? next : '/staff';
}
