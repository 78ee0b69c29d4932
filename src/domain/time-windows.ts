import type { TimeWindow } from './azure-types';

const DAY_MS = 86_400_000;

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * The last 30 complete UTC days before today. Whole days make the estimate reproducible within a day and
 * comparable with the monthly entitlement; today's partial traffic is left out rather than extrapolated.
 */
export function last30CompleteDays(now: Date): TimeWindow {
  const end = startOfUtcDay(now);
  return { start: new Date(end.getTime() - 30 * DAY_MS), end };
}

/** From the first instant of the current UTC month to now (Defender's counter resets monthly; UTC is assumed). */
export function monthToDate(now: Date): TimeWindow {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
}
