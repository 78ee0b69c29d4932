/**
 * The traffic model (interfaces.md §3), pure: `Requests` per UTC calendar day, spread evenly over the day's 24 hours.
 * All instants are epoch milliseconds. Totals are exact in the sense of `dayCount * overlapMs / DAY_MS` per day —
 * integers whenever whole days are asked for — like Azure's double-valued `total`.
 */
import type { DailyRequests } from './scenario';
import { DAY_MS, utcDayStart } from './time';

export interface TrafficModel {
  daily: DailyRequests;
  /** Start (00:00 UTC) of the day the last `daily` entry stands for: the day of the scenario's `now` at start. */
  lastDayStartMs: number;
}

export interface Bucket {
  startMs: number;
  total: number;
}

/** Requests in [startMs, endMs), counting nothing at or after `nowMs`. */
export function requestsInWindow(model: TrafficModel, startMs: number, endMs: number, nowMs: number): number {
  const end = Math.min(endMs, nowMs);
  if (end <= startMs) return 0;
  const { daily, lastDayStartMs } = model;
  if (!Array.isArray(daily)) return atSteadyRate(daily.perDay, end - startMs);

  const last = daily[daily.length - 1];
  if (last === undefined) return 0;
  const firstDayStartMs = lastDayStartMs - (daily.length - 1) * DAY_MS;
  let total = 0;
  // Days covered by the array, one by one (days before the first entry had no traffic).
  const lastCoveredEnd = lastDayStartMs + DAY_MS;
  for (let day = Math.max(utcDayStart(startMs), firstDayStartMs); day < Math.min(end, lastCoveredEnd); day += DAY_MS) {
    const overlap = Math.min(end, day + DAY_MS) - Math.max(startMs, day);
    const count = daily[(day - firstDayStartMs) / DAY_MS] ?? 0;
    total += atSteadyRate(count, overlap);
  }
  // Once the sandbox clock runs past the last day, traffic carries on at the last day's rate.
  const after = Math.max(startMs, lastCoveredEnd);
  if (end > after) total += atSteadyRate(last, end - after);
  return total;
}

/** Requests in `spanMs` at `perDay` a day; whole days are added as whole counts so large totals stay exact. */
function atSteadyRate(perDay: number, spanMs: number): number {
  const wholeDays = Math.floor(spanMs / DAY_MS);
  const restMs = spanMs - wholeDays * DAY_MS;
  return perDay * wholeDays + (restMs === 0 ? 0 : (perDay * restMs) / DAY_MS);
}

/**
 * Metric data points: buckets start at `startMs` and step by `intervalMs` (undefined = one bucket for the whole
 * window, Azure's interval=FULL); the last bucket is clipped to the window.
 */
export function bucketTotals(
  model: TrafficModel,
  startMs: number,
  endMs: number,
  intervalMs: number | undefined,
  nowMs: number,
): Bucket[] {
  const step = intervalMs ?? endMs - startMs;
  const buckets: Bucket[] = [];
  for (let bucketStart = startMs; bucketStart < endMs; bucketStart += step) {
    const bucketEnd = Math.min(bucketStart + step, endMs);
    buckets.push({ startMs: bucketStart, total: requestsInWindow(model, bucketStart, bucketEnd, nowMs) });
  }
  return buckets;
}

/** How many buckets `bucketTotals` would return, so callers can refuse absurd requests before building them. */
export function bucketCount(startMs: number, endMs: number, intervalMs: number | undefined): number {
  if (endMs <= startMs) return 0;
  return intervalMs === undefined ? 1 : Math.ceil((endMs - startMs) / intervalMs);
}
