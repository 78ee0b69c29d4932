/**
 * Proactive entitlement alerts (pure parts): which month an alert belongs to, its stable id, and what it says.
 * An alert fires at most once per subscription, UTC calendar month, plan (with its entitlement) and level
 * (src/domain/usage.ts levelKey): after a mid-month plan change the new plan's levels fire too.
 */
import type { PlanId } from './plans';
import { levelKey, type MonthUsage, type UsageLevel } from './usage';

/** "2026-11": the UTC calendar month of an instant (Defender's monthly counter is assumed to reset in UTC). */
export function monthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month before `monthKey(at)`, for draining alerts claimed just before midnight at a month's end. */
export function previousMonthKey(at: Date): string {
  return monthKey(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)));
}

/** Everything an alert card shows, frozen when the alert is claimed (so every chat gets the same numbers). */
export interface UsageAlert {
  /** `{subscriptionId}/{yyyy-mm}/{planId}-{entitlement}/{levelKey}`: also the button data that finds it again. */
  id: string;
  subscriptionId: string;
  subscriptionName: string;
  month: string;
  level: UsageLevel;
  /** ISO instant of the check that fired it. */
  checkedAt: string;
  /** 'Free' = Defender for APIs off; 'Unknown' = the plan could not be read. Both compare with Plan 1. */
  tier: 'Free' | 'Standard' | 'Unknown';
  /** The plan whose entitlement applies: the current one, or Plan 1 (Azure's default when enabled). */
  entitlementPlanId: PlanId;
  entitlement: number;
  monthToDate: number;
  projected: number;
  /** Projected month's cost on the plan that applies, in µ$. */
  projectedCostMicroUsd: number;
  /** Cheapest plan for the projected month and its cost in µ$. */
  bestPlanId: PlanId;
  bestCostMicroUsd: number;
  /** False when some services' metrics could not be read: the usage is then a lower bound. */
  complete: boolean;
}

/** The plan part is optional: cards posted before alerts were keyed by plan still find their alert. */
const ALERT_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(\d{4}-\d{2})\/(?:(P[1-5])-(\d{1,13})\/)?(pct-\d{1,4}|projected)$/i;

/** The plan whose entitlement an alert measures against. */
export interface AlertPlan {
  planId: PlanId;
  entitlement: number;
}

export function alertId(subscriptionId: string, month: string, plan: AlertPlan, level: UsageLevel): string {
  return `${subscriptionId}/${month}/${plan.planId}-${plan.entitlement}/${levelKey(level)}`;
}

/** The parts of an alert id from card data, or undefined when it is not one (forged or corrupted). */
export function parseAlertId(
  id: string,
): { subscriptionId: string; month: string; planKey?: string; levelKey: string } | undefined {
  const match = ALERT_ID.exec(id);
  if (!match) return undefined;
  const planKey = match[3] ? `${match[3]}-${match[4]}` : undefined;
  return { subscriptionId: match[1] as string, month: match[2] as string, planKey, levelKey: match[5] as string };
}

/**
 * The levels to claim now, most important first: of the thresholds reached only the highest is posted (usage found
 * at 1,037 % gets one "100 %" card, not "80 %" and "100 %"); the lower ones are claimed as covered by it, so they do
 * not fire later either. "Projected to exceed" says something else (a forecast, only while under 100 %) and stays.
 */
export function collapseLevels(levels: readonly UsageLevel[]): { post: UsageLevel[]; covered: UsageLevel[] } {
  const thresholds = levels
    .filter((l): l is Extract<UsageLevel, { kind: 'threshold' }> => l.kind === 'threshold')
    .sort((a, b) => b.percent - a.percent);
  const [highest, ...lower] = thresholds;
  const projected = levels.filter((l) => l.kind === 'projected');
  return { post: [...(highest ? [highest] : []), ...projected], covered: lower };
}

/**
 * A linear projection from the first hours of a month is mostly noise (traffic has daily cycles), so the
 * "projected to exceed" level is only considered once this much of the month has passed (ms).
 */
export const MIN_ELAPSED_FOR_PROJECTION_MS = 86_400_000;

export function projectionIsMeaningful(usage: MonthUsage): boolean {
  return usage.elapsed * usage.daysInMonth * 86_400_000 >= MIN_ELAPSED_FOR_PROJECTION_MS;
}

/** True while a snooze set until `until` (ISO instant) still holds at `now`. */
export function isSnoozed(until: string | undefined, now: Date): boolean {
  return until !== undefined && Date.parse(until) > now.getTime();
}

/** How much later a delivery that Teams throttled or failed transiently is tried again: 30 s, 1, 2, 4 … ≤ 15 min. */
export function redeliveryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}
