import { z } from 'zod';
import { stripBidi } from '../http/bidi';
import type { FieldError } from '../http/form-errors';
import { parseLocalDay } from '../units/local-day';
import { OFFICIAL_CODE } from '../units/official-code';
import { UNIT_TYPES } from '../units/units.repo';

/** A short code: the key of URLs. Never digits only, which is how an official code looks (unit-lookup.ts). */
export const CODE = /^(?!\d+$)[a-z0-9][a-z0-9_-]{1,39}$/;
const code = z.string().trim().toLowerCase().regex(CODE, { message: 'staff.errors.code' });
// Names are stripped of bidirectional controls (http/bidi.ts) before anything else is checked.
const name = z.string().overwrite(stripBidi).trim().min(1, { message: 'staff.errors.required' }).max(200, { message: 'staff.errors.too_long' });
const optionalText = z.string().overwrite(stripBidi).trim().max(200, { message: 'staff.errors.too_long' }).optional().transform((v) => v || null);
const optionalId = z.string().trim().regex(/^\d{0,10}$/).optional().transform((v) => (v ? Number(v) : null));
const unitType = z.enum(UNIT_TYPES, { message: 'staff.errors.unit_type' });

// Absent (undefined): a form without these fields keeps the unit's; empty: none.
const officialCode = z.string().trim().optional().transform((v) => (v === undefined ? undefined : v || null))
  .refine((v) => !v || OFFICIAL_CODE.test(v), { message: 'units.errors.official_code' });
const day = z.string().trim().max(10).optional().transform((v, ctx) => {
  const parsed = v ? parseLocalDay(v) : v === undefined ? undefined : null;
  if (v && !parsed) ctx.addIssue({ code: 'custom', message: 'units.errors.day' });
  return parsed;
});
/** The official code and the days a unit is valid (all optional), the last not before the first. */
const official = { officialCode, validFrom: day, validTo: day };
const inOrder = (v: { validFrom?: string | null; validTo?: string | null }) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo;
const dayOrder = { message: 'units.errors.day_order', path: ['validTo'] };

export const unitEditForm = z.object({ name, type: unitType, ...official }).refine(inOrder, dayOrder);
export const unitCreateForm = z.object({ code, name, type: unitType, parentId: optionalId, ...official }).refine(inOrder, dayOrder);
export const successorForm = z.object({ successorId: optionalId });
export const activeForm = z.object({ active: z.enum(['0', '1']).transform((v) => v === '1') });
export const serviceIdsForm = z.object({ serviceIds: z.union([z.string(), z.array(z.string())]).optional() })
  .transform((v) => [v.serviceIds ?? []].flat().map(Number).filter((n) => Number.isInteger(n) && n > 0));
/** `labelEn` absent (the add-a-counter form) keeps the English label; empty clears it. */
export const pointForm = z.object({ label: name, labelEn: z.string().trim().max(200, { message: 'staff.errors.too_long' }).optional(), serviceId: optionalId });
export const serviceCreateForm = z.object({ code, nameVi: name, nameEn: optionalText });
export const serviceEditForm = z.object({ nameVi: name, nameEn: optionalText });
export const procedureCreateForm = z.object({ code, nationalCode: optionalText, name });
export const procedureEditForm = z.object({ nationalCode: optionalText, name });

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** zod at the edge: unknown fields other than _csrf are ignored, each issue becomes a field error with an i18n key. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors = result.error.issues.map((i) => ({
    field: String(i.path[0] ?? 'form'),
    key: /^(staff|units)\./.test(i.message) ? i.message : 'staff.errors.invalid',
  }));
  return { ok: false, errors };
}
