/**
 * Trend and headroom of a daily `Requests` series (the 30-day window, oldest day first). Pure.
 * - weekday pattern: mean requests per weekday (UTC);
 * - projection of the next calendar month: each of its days gets its weekday's mean plus the linear trend
 *   (least squares over what the weekday pattern leaves) carried forward to that day;
 * - how the 30-day window maps to a calendar month (28–31 days) at the same daily rate;
 * - headroom: how far a monthly figure is from the next break-even, the point where a higher plan becomes cheaper.
 */
import { daysInUtcMonth } from './usage';
import { comparePlans, type Plan } from './plans';

const DAY_MS = 86_400_000;
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface Trend {
  /** Requests per day, oldest first, with each day's UTC midnight. */
  days: { start: Date; requests: number }[];
  /** Mean requests per weekday, Monday first. */
  weekdays: { day: (typeof WEEKDAYS)[number]; mean: number }[];
  /** Least-squares slope, requests per day per day. */
  slopePerDay: number;
  /** The calendar month after `now`'s: its first day, length and projected requests. */
  nextMonth: { start: Date; days: number; projected: number };
  /** The window's total scaled to the next month's length at the same daily rate (total × days / window days). */
  sameRateNextMonth: number;
}

function linearFit(values: readonly number[]): { slope: number; centre: number } {
  const n = values.length;
  const centre = (n - 1) / 2;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    num += (i - centre) * (v - mean);
    den += (i - centre) ** 2;
  });
  return { slope: den === 0 ? 0 : num / den, centre };
}

export function trendOf(daily: readonly number[], windowStart: Date, now: Date): Trend {
  const days = daily.map((requests, i) => ({ start: new Date(windowStart.getTime() + i * DAY_MS), requests }));
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (const d of days) {
    const wd = d.start.getUTCDay();
    sums[wd] = (sums[wd] ?? 0) + d.requests;
    counts[wd] = (counts[wd] ?? 0) + 1;
  }
  const overall = daily.reduce((a, b) => a + b, 0) / Math.max(1, daily.length);
  const meanOf = (wd: number): number => ((counts[wd] ?? 0) > 0 ? (sums[wd] ?? 0) / (counts[wd] ?? 1) : overall);
  // The slope is fitted on what the weekday pattern leaves over, so quiet weekends at one end do not read as a trend.
  const fit = linearFit(days.map((d) => d.requests - meanOf(d.start.getUTCDay())));
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((wd) => ({
    day: WEEKDAYS[wd] as Trend['weekdays'][number]['day'],
    mean: meanOf(wd),
  }));

  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const length = daysInUtcMonth(start);
  let projected = 0;
  for (let i = 0; i < length; i++) {
    const day = new Date(start.getTime() + i * DAY_MS);
    const offset = (day.getTime() - windowStart.getTime()) / DAY_MS - fit.centre;
    projected += Math.max(0, meanOf(day.getUTCDay()) + fit.slope * offset);
  }
  const total = daily.reduce((a, b) => a + b, 0);
  return {
    days,
    weekdays,
    slopePerDay: fit.slope,
    nextMonth: { start, days: length, projected: Math.round(projected) },
    sameRateNextMonth: daily.length === 0 ? 0 : Math.round((total * length) / daily.length),
  };
}

export interface Headroom {
  /** The plan that becomes the cheapest at `atCalls`. */
  plan: Plan;
  /** Smallest monthly request count at which `plan` is the cheapest. */
  atCalls: number;
  /** How far below that point `calls` is, as a share of it (0.12 = "12 % below"). */
  below: number;
}

/** The next break-even above `calls`; undefined on the top plan. */
export function nextBreakEven(calls: number): Headroom | undefined {
  const current = comparePlans(calls).cheapest.plan.id;
  const cheapestAt = (x: number) => comparePlans(x).cheapest.plan;
  let high = Math.max(1, Math.ceil(calls));
  // Higher plans win at higher traffic, so the cheapest plan only moves up: search for the first change.
  while (cheapestAt(high).id === current) {
    if (high > 1e13) return undefined;
    high *= 2;
  }
  let low = Math.max(0, Math.floor(calls));
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (cheapestAt(mid).id === current) low = mid;
    else high = mid;
  }
  return { plan: cheapestAt(high), atCalls: high, below: high === 0 ? 0 : 1 - calls / high };
}
