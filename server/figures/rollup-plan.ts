/**
 * How a range of local days is read: whole closed years and months from the rollups, the
 * rest (edges, the current month, anything not yet built) day by day from answer_counts.
 * Pure: `today` is Vietnam's local date, passed in.
 */
import { addDays, monthEnd, pad, type DateRange } from './periods';

export interface ReadPlan { buckets: string[]; days: DateRange[] }

const nextDay = (date: string) => addDays(date, 1);

/** A month or year is closed once today's local date is past its last day. */
const closed = (lastDay: string, today: string) => today > lastDay;

/** The first bucket that starts at `day` and fits in [day, to], if closed and usable. */
function bucketAt(day: string, to: string, today: string, usable: (b: string) => boolean): { bucket: string; last: string } | null {
  const year = Number(day.slice(0, 4)), month = Number(day.slice(5, 7));
  if (day.slice(5) === '01-01') {
    const last = `${year}-12-31`;
    if (last <= to && closed(last, today) && usable(String(year))) return { bucket: String(year), last };
  }
  if (day.slice(8) === '01') {
    const last = monthEnd(year, month);
    if (last <= to && closed(last, today) && usable(day.slice(0, 7))) return { bucket: day.slice(0, 7), last };
  }
  return null;
}

/**
 * Splits [from, to] into buckets and day ranges that together cover each day exactly once.
 * `usable` says whether a closed bucket has been built; an unbuilt year falls back to its months.
 */
export function planRange(from: string, to: string, today: string, usable: (bucket: string) => boolean = () => true): ReadPlan {
  const plan: ReadPlan = { buckets: [], days: [] };
  let day = from;
  while (day <= to) {
    const b = bucketAt(day, to, today, usable);
    if (b) {
      plan.buckets.push(b.bucket);
      day = nextDay(b.last);
      continue;
    }
    const end = monthEnd(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
    const last = end < to ? end : to;
    const prev = plan.days[plan.days.length - 1];
    if (prev && nextDay(prev.to) === day) prev.to = last;
    else plan.days.push({ from: day, to: last });
    day = nextDay(last);
  }
  return plan;
}

/** The months of a year bucket, which it is summed from. */
export const monthsOf = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);

/** What a bucket is built from: a year from its twelve months, a month from its days. */
export const partsOf = (bucket: string): { months: string[] } | { days: DateRange } =>
  bucket.length === 4 ? { months: monthsOf(bucket) } : { days: bucketRange(bucket) };

/** The buckets a local day counts in: its month, then its year. */
export const bucketsOfDay = (date: string): [month: string, year: string] => [date.slice(0, 7), date.slice(0, 4)];

/** First and last local day of a bucket. */
export function bucketRange(bucket: string): DateRange {
  const year = Number(bucket.slice(0, 4));
  if (bucket.length === 4) return { from: `${bucket}-01-01`, to: `${bucket}-12-31` };
  return { from: `${bucket}-01`, to: monthEnd(year, Number(bucket.slice(5, 7))) };
}

/** The buckets of `wanted` in the order they can be built: each year after its months. */
export const withMonthsFirst = (wanted: string[]) => [...new Set(wanted.flatMap((b) => (b.length === 4 ? [...monthsOf(b), b] : [b])))];

/** Every closed bucket from the year of `first` up to today: each closed month, then its year once closed. */
export function closedBucketsSince(first: string, today: string): string[] {
  return withMonthsFirst(planRange(`${first.slice(0, 4)}-01-01`, today, today).buckets);
}
