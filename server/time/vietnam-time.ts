/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
export const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar day (YYYY-MM-DD) in Vietnam at the instant `at`. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
