/**
 * Month-to-date usage against a plan's entitlement, and the linear projection to the end of the UTC month.
 * Pure: the caller passes the clock's now.
 */
export interface MonthUsage {
  /** Requests from the first instant of the month to now. */
  monthToDate: number;
  /** Whole days in this month (28–31). */
  daysInMonth: number;
  /** Share of the month elapsed, 0 < x ≤ 1. */
  elapsed: number;
  /** monthToDate / elapsed: where the month ends if traffic keeps its pace. */
  projected: number;
}

export function daysInUtcMonth(now: Date): number {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
}

export function monthUsage(monthToDate: number, now: Date): MonthUsage {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const daysInMonth = daysInUtcMonth(now);
  // At least one minute elapsed, so a check right at midnight does not project by dividing by zero.
  const elapsed = Math.min(1, Math.max(60_000, now.getTime() - start) / (daysInMonth * 86_400_000));
  return { monthToDate, daysInMonth, elapsed, projected: monthToDate / elapsed };
}

/** Alert levels (issue "Proactive entitlement alerts"): a percent threshold reached, or the projection past 100 %. */
export type UsageLevel = { kind: 'threshold'; percent: number } | { kind: 'projected' };

export function levelKey(level: UsageLevel): string {
  return level.kind === 'threshold' ? `pct-${level.percent}` : 'projected';
}

/** Levels reached now, in order: each threshold whose share of the entitlement is used, then the projection. */
export function levelsReached(
  usage: MonthUsage,
  entitlement: number,
  thresholdsPercent: readonly number[],
): UsageLevel[] {
  const levels: UsageLevel[] = [...thresholdsPercent]
    .sort((a, b) => a - b)
    .filter((percent) => usage.monthToDate >= (entitlement * percent) / 100)
    .map((percent) => ({ kind: 'threshold', percent }));
  if (usage.monthToDate < entitlement && usage.projected > entitlement) levels.push({ kind: 'projected' });
  return levels;
}
