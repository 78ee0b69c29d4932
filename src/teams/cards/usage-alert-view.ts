import { formatCount, formatUsd } from '../../domain/format';
import { planById } from '../../domain/plans';
import type { AlertCardState } from '../../services/alert-card-actions';
import { usageTextColor } from './charts';
import { cheapestText, monthEndText, requestsOfEntitlement, usageAnswer, usageChart } from './usage-text';

const WHEN = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

const when = (iso: string): string => `${WHEN.format(new Date(iso))} UTC`;

/** Alert card state → the strings cards/usage-alert.json places. Pure; every number is formatted here. */
export function usageAlertView(state: AlertCardState) {
  const a = state.alert;
  const plan = planById(a.entitlementPlanId);
  const best = planById(a.bestPlanId);
  const onPlan = a.tier === 'Standard';
  const checkedAt = new Date(a.checkedAt);
  const levelText =
    a.level.kind === 'threshold'
      ? `${a.level.percent}% of ${plan.name}'s entitlement reached`
      : `projected to exceed ${plan.name}'s entitlement by ${monthEndText(checkedAt)}`;
  // Free: the point is to warn before enabling; Azure applies Plan 1 unless another plan is chosen.
  const showEnable = a.complete && a.bestPlanId !== a.entitlementPlanId;
  return {
    alertId: a.id,
    title: `Usage alert: ${levelText}`,
    answerText: usageAnswer(a.monthToDate, a.entitlement, plan.name, a.complete),
    answerColor: usageTextColor(a.monthToDate / a.entitlement),
    summaryText: `Projected to ${monthEndText(checkedAt)}: ${requestsOfEntitlement(a.projected, a.entitlement)}, ${formatUsd(a.projectedCostMicroUsd)} on ${plan.name}. Cheapest: ${cheapestText(best, a.bestCostMicroUsd, plan, onPlan)}.`,
    usageChart: usageChart(a.monthToDate, a.projected, a.entitlement, plan.name, checkedAt),
    subscriptionName: a.subscriptionName,
    subscriptionId: a.subscriptionId,
    levelText: a.level.kind === 'threshold' ? `${a.level.percent}% threshold` : 'Projected to exceed by month end',
    usageText: requestsOfEntitlement(a.monthToDate, a.entitlement),
    entitlementText: `${formatCount(a.entitlement)} calls a month (${plan.name}${onPlan ? '' : ', if enabled'})`,
    projectedText: requestsOfEntitlement(a.projected, a.entitlement),
    projectedTitle: `Projected to ${monthEndText(checkedAt)}`,
    costTitle: `Cost on ${plan.name}${onPlan ? ' (current)' : ' (if enabled)'}`,
    costText: formatUsd(a.projectedCostMicroUsd),
    bestText: cheapestText(best, a.bestCostMicroUsd, plan, onPlan),
    checkedText: `Checked ${when(a.checkedAt)}, month to date.`,
    isOff: a.tier === 'Free',
    offText: `Defender for APIs is off in this subscription. Enabling it applies ${plan.name} unless you pick another plan, so this is what ${plan.name} would bill this month.`,
    isUnknown: a.tier === 'Unknown',
    unknownText: `I couldn't read the subscription's plan, so I compared with ${plan.name}.`,
    incomplete: !a.complete,
    incompleteText: "Some services' Requests metric could not be read, so usage is at least this much.",
    acknowledged: state.acknowledged !== undefined,
    acknowledgedText: state.acknowledged
      ? `Acknowledged by ${state.acknowledged.by.name} on ${when(state.acknowledged.at)}.`
      : '',
    snoozed: state.snoozed !== undefined,
    snoozedText: state.snoozed
      ? `Alerts for this subscription are snoozed in this chat until ${when(state.snoozed.until)}${state.snoozed.by ? ` (by ${state.snoozed.by.name})` : ''}.`
      : '',
    showEnable,
    enableTitle: `Enable ${best.name}`,
    enablePlanId: best.id,
  };
}
