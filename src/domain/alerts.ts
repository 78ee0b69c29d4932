/**
 * Proactive entitlement alerts (pure parts): which month an alert belongs to, its stable id, and what it says.
 * An alert fires at most once per subscription, UTC calendar month and level (src/domain/usage.ts levelKey).
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
  /** `{subscriptionId}/{yyyy-mm}/{levelKey}`: also the button data that finds the alert again. */
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

const ALERT_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(\d{4}-\d{2})\/(pct-\d{1,4}|projected)$/i;

export function alertId(subscriptionId: string, month: string, level: UsageLevel): string {
  return `${subscriptionId}/${month}/${levelKey(level)}`;
}

/** The parts of an alert id from card data, or undefined when it is not one (forged or corrupted). */
export function parseAlertId(id: string): { subscriptionId: string; month: string; levelKey: string } | undefined {
  const match = ALERT_ID.exec(id);
  if (!match) return undefined;
  return { subscriptionId: match[1] as string, month: match[2] as string, levelKey: match[3] as string };
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
