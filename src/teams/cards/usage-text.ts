import { formatCount, formatPercent, formatUsd } from '../../domain/format';
import { horizontalBarChart, usageColor } from './charts';
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

/** From this many requests on, the usage bars are drawn in millions (one decimal). */
const MILLIONS_FROM = 10_000_000;

/**
 * Month-to-date usage, the projection to month end and the entitlement as bars (status and alert cards): red once a
 * bar passes the entitlement, amber from 80 %. The fallback lists the same three numbers, exactly. Teams' chart
 * abbreviates its axis in thousands only, so from 10 million requests its labels ("10637k") were cut off in a narrow
 * column: the bars are then in millions, and the title and the axis title say so.
 */
export function usageChart(monthToDate: number, projected: number, entitlement: number, planName: string, at: Date) {
  const millions = Math.max(monthToDate, projected, entitlement) >= MILLIONS_FROM;
  const bar = (requests: number): number => (millions ? Math.round(requests / 100_000) / 10 : Math.round(requests));
  const title = `Requests this month against the entitlement${millions ? ' (millions)' : ''}`;
  return horizontalBarChart(
    title,
    [
      {
        label: 'Month to date',
        value: bar(monthToDate),
        text: requestsOfEntitlement(monthToDate, entitlement),
        color: usageColor(monthToDate / entitlement),
      },
      {
        label: `Projected to ${monthEndText(at)}`,
        value: bar(projected),
        text: requestsOfEntitlement(projected, entitlement),
        color: usageColor(projected / entitlement),
      },
      {
        label: `Included in ${planName}`,
        value: bar(entitlement),
        text: `${formatCount(entitlement)} requests`,
        color: 'neutral',
      },
    ],
    millions ? 'Millions of requests' : 'Requests',
  );
}

/** The one-line answer: "1,037.7% of Plan 1's entitlement used: 10,376,975 of 1,000,000 requests this month". */
export function usageAnswer(monthToDate: number, entitlement: number, planName: string, complete: boolean): string {
  const atLeast = complete ? '' : 'at least ';
  return `${atLeast}${formatPercent(monthToDate / entitlement)} of ${planName}'s entitlement used: ${formatCount(monthToDate)} of ${formatCount(entitlement)} requests this month`.replace(
    /^./,
    (c) => c.toUpperCase(),
  );
}
