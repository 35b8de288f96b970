import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../config';

/** data/vn-units-2025.json: Vietnam's 34 provinces and 3,321 commune-level units since 1/7/2025 (data/README.md). */
export const NATIONAL_LIST = path.join(ROOT, 'data', 'vn-units-2025.json');
/** The day the list's units took effect. */
export const LIST_VALID_FROM = '2025-07-01';

const text = z.string().trim().min(1).max(200);
const unit = z.strictObject({
  code: z.string().regex(/^\d{5}$/),
  name: text,
  nameEn: text,
  type: z.enum(['xa', 'phuong', 'dac_khu']),
  /** What it absorbed on 1/7/2025, as free text ("giữ nguyên": unchanged); null where unknown. */
  before: z.string().nullable(),
});
const province = z.strictObject({
  code: z.string().regex(/^\d{2}$/),
  name: text,
  nameEn: text,
  type: z.enum(['tinh', 'thanh_pho']),
  before: z.string().nullable(),
  units: z.array(unit).min(1),
});
const listFile = z.strictObject({ source: z.string(), provinces: z.array(province).min(1) });

export type ListedUnit = z.infer<typeof unit>;
export type ListedProvince = z.infer<typeof province>;
export type NationalList = z.infer<typeof listFile>;

/** Reads and checks the whole file; a damaged file stops with the path of the first bad field. */
export function readNationalList(file = NATIONAL_LIST): NationalList {
  const parsed = listFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path.basename(file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const codes = parsed.data.provinces.flatMap((p) => [p.code, ...p.units.map((u) => u.code)]);
  if (new Set(codes).size !== codes.length) throw new Error(`${path.basename(file)}: an official code appears twice`);
  return parsed.data;
}

/** The list read once, on first use: 0.5 MB that most processes never need. */
export function lazyNationalList(file = NATIONAL_LIST) {
  let list: NationalList | undefined;
  return () => (list ??= readNationalList(file));
}
