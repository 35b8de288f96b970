/**
 * Numbers as a person reads them, the one place they are rounded for display: the dashboard,
 * the XLSX and CSV tables, the DOCX report and the public page all round here, so that a
 * figure printed anywhere is the same to the decimal.
 */

/** One decimal, half away from zero; EPSILON keeps 80.05 (stored as 80.0499…) from rounding down. */
export const round1 = (v: number) => Math.round((v + Math.sign(v) * Number.EPSILON) * 10) / 10 + 0;

/** The change between two indices as displayed: the difference of the rounded values, so that the three numbers agree. */
export const deltaValue = (now: number | null | undefined, before: number | null | undefined): number | null =>
  now === null || now === undefined || before === null || before === undefined ? null : round1(round1(now) - round1(before));

export function formatters(lang: string) {
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return {
    /** "82,3" or "—" when there is no value. */
    pct: (v: number | null | undefined) => (v === null || v === undefined ? '—' : one.format(round1(v))),
    num: (v: number) => int.format(v),
    /** A target or threshold as people say it: "90", or "87,5" when it has a decimal. */
    plain: (v: number) => (Number.isInteger(v) ? int.format(v) : one.format(round1(v))),
    /** "+3,2" / "−1,0" / "0,0"; "—" when either side is missing. */
    delta: (a: number | null | undefined, b: number | null | undefined) => {
      const d = deltaValue(a, b);
      return d === null ? '—' : signed.format(d);
    },
  };
}
export type Formatters = ReturnType<typeof formatters>;

/** DD/MM/YYYY, the way Vietnamese documents write a date. */
export { dmy } from '../time/vietnam-time';
