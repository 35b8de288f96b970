import { z } from 'zod';
import type { ReportSettings } from './settings.repo';

const text = z.string().trim().max(200, { message: 'staff.errors.too_long' }).optional().transform((v) => v || null);

/** The report settings form: every text optional (a blank one takes the default), the public page a checkbox. */
export const reportSettingsForm = z.object({
  parentAgency: text, agencyName: text, place: text,
  preparerTitle: text, preparerName: text, headTitle: text, headName: text,
  publicResults: z.enum(['1']).optional().transform((v) => v === '1'),
}) satisfies z.ZodType<ReportSettings, unknown>;

export const SETTINGS_FIELDS = ['parentAgency', 'agencyName', 'place', 'preparerTitle', 'preparerName', 'headTitle', 'headName'] as const;
