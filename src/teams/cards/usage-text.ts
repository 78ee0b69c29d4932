import { formatCount, formatPercent, formatUsd } from '../../domain/format';
import type { Plan } from '../../domain/plans';

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Last day of the UTC month of `at`, e.g. "Nov 30". */
export function monthEndText(at: Date): string {
  return DAY.format(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)));
}

/** "1,500,000 requests (150.0%)": a request count and its share of the entitlement. */
export function requestsOfEntitlement(requests: number, entitlement: number): string {
  return `${formatCount(requests)} requests (${formatPercent(requests / entitlement)})`;
}

/**
 * The cheapest plan for the projected month, as the status and alert cards show it: "Plan 2: $840.00", or, when it
 * is the plan whose entitlement applies, "(you're on it)" / "(the default)" for a plan that is off.
 */
export function cheapestText(best: Plan, bestMicroUsd: number, entitlementPlan: Plan, onPlan: boolean): string {
  const text = `${best.name}: ${formatUsd(bestMicroUsd)}`;
  if (best.id !== entitlementPlan.id) return text;
  return `${text} (${onPlan ? "you're on it" : 'the default'})`;
}
