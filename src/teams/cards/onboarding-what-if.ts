/** The onboarding card's bill what-if: how the Defender for APIs bill moves if the onboardable APIs are onboarded. */
import { formatCount, formatUsd } from '../../domain/format';
import { comparePlans, costOf, planById } from '../../domain/plans';
import type { TrafficEstimate } from '../../services/estimate-service';

/** Undefined when the per-API figures are unknown or nothing is left to onboard. */
export function billWhatIfText(e: TrafficEstimate): string | undefined {
  const m = e.monitored;
  if (m.basis !== 'onboardable' || m.onboarded === undefined || m.onboardable === undefined || m.pendingApis === 0)
    return undefined;
  const onPlan = e.currentPlan?.tier === 'Standard';
  const plan = planById(onPlan ? (e.currentPlan?.planId ?? 'P1') : 'P1');
  const before = costOf(plan, m.onboarded).totalMicroUsd;
  const after = costOf(plan, m.onboardable).totalMicroUsd;
  const best = comparePlans(m.onboardable).cheapest;
  const apis = `${m.pendingApis} API${m.pendingApis === 1 ? '' : 's'}`;
  const then =
    best.plan.id === plan.id
      ? `${plan.name} stays the cheapest.`
      : `${best.plan.name} would then be the cheapest, at ${formatUsd(best.totalMicroUsd)}.`;
  return `Bill what-if: onboarding these ${apis} raises the monitored traffic from ${formatCount(m.onboarded)} to ${formatCount(m.onboardable)} requests a month (last 30 days). On ${plan.name}${onPlan ? '' : ' (the default when a plan is enabled)'} the bill goes from ${formatUsd(before)} to ${formatUsd(after)} a month; ${then}`;
}
