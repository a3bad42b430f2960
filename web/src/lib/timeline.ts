/**
 * Buckets dated items by day, month or year for the case timeline: pure, so it is tested without a browser
 * (test/web/lib/timeline.test.ts).
 */

/** One bar of the timeline: an inclusive ISO date range and how many items fall in it. */
export interface Bucket {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Groups ISO dates (YYYY-MM-DD…) into buckets, choosing days when the dates span under ~2 months, months
 * under ~4 years, years beyond. Invalid dates are ignored. Buckets are contiguous (empty ones included).
 */
export function bucketDates(dates: readonly (string | null)[]): readonly Bucket[] {
  const days = dates
    .filter((d): d is string => d !== null && /^\d{4}-\d{2}-\d{2}/.test(d))
    .map((d) => d.slice(0, 10))
    .sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return [];
  const spanDays = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  const unit: 'day' | 'month' | 'year' = spanDays <= 62 ? 'day' : spanDays <= 4 * 366 ? 'month' : 'year';
  const keyOf = (d: string) => (unit === 'day' ? d : unit === 'month' ? d.slice(0, 7) : d.slice(0, 4));
  const counts = new Map<string, number>();
  for (const d of days) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  const out: Bucket[] = [];
  if (unit === 'day') {
    for (let t = Date.parse(first); t <= Date.parse(last); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      out.push({ label: d, from: d, to: d, count: counts.get(d) ?? 0 });
    }
  } else if (unit === 'month') {
    let y = Number(first.slice(0, 4));
    let m = Number(first.slice(5, 7));
    const endKey = last.slice(0, 7);
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push({
        label: key,
        from: `${key}-01`,
        to: `${key}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`,
        count: counts.get(key) ?? 0,
      });
      if (key >= endKey) break;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  } else {
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y += 1) {
      out.push({ label: String(y), from: `${y}-01-01`, to: `${y}-12-31`, count: counts.get(String(y)) ?? 0 });
    }
  }
  return out;
}

/** How many of `dates` fall in each bucket (same order as `buckets`); dates outside every bucket are dropped. */
export function countIn(buckets: readonly Bucket[], dates: readonly (string | null)[]): readonly number[] {
  const counts = buckets.map(() => 0);
  for (const d of dates) {
    if (d === null || !/^\d{4}-\d{2}-\d{2}/.test(d)) continue;
    const day = d.slice(0, 10);
    const i = buckets.findIndex((b) => b.from <= day && day <= b.to);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
