/** Numbers as a person reads them in the page's language: one decimal for percentages. */
export function formatters(lang: string) {
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  // Round half away from zero once, as roundForDisplay does for the tables of the exports.
  const round = (v: number) => Math.round((v + Math.sign(v) * Number.EPSILON) * 10) / 10;
  return {
    /** "82,3" or "—" when there is no value. */
    pct: (v: number | null | undefined) => (v === null || v === undefined ? '—' : one.format(round(v))),
    num: (v: number) => int.format(v),
    /** "+3,2" / "−1,0" / "0,0"; "—" when either side is missing. */
    delta: (a: number | null, b: number | null) => (a === null || b === null ? '—' : signed.format(round(a) - round(b))),
  };
}
export type Formatters = ReturnType<typeof formatters>;

/** DD/MM/YYYY, the way Vietnamese documents write a date. */
export { dmy } from '../time/vietnam-time';
