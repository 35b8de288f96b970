import { z } from 'zod';
import { AppError } from '../http/errors';

const code = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

/** POST /api/v1/invitations: JSON, strict. */
export const apiBodySchema = z.strictObject({
  unit: code,
  service: code.optional(),
  procedure: code.optional(),
  /** The dossier (hồ sơ) reference on the receipt; only its keyed hash is stored. */
  dossier: z.string().trim().min(1).max(100).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

/** The staff form: the same fields as text. */
export const staffFormSchema = z.strictObject({
  _csrf: z.string(),
  unit: code,
  service: code,
  dossier: z.string().trim().max(100).optional(),
  days: z.coerce.number().int().min(1).max(365).optional(),
  size: z.enum(['80mm', 'A6']).optional(),
});

export function parseApiBody(body: unknown) {
  const parsed = apiBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError(400, 'invitations.errors.bad_field', { field: String(parsed.error.issues[0]?.path[0] ?? parsed.error.issues[0]?.code ?? '') });
  const b = parsed.data;
  if (b.expiresAt && b.expiresInDays) throw new AppError(400, 'invitations.errors.bad_field', { field: 'expiresInDays' });
  return b;
}
