import { readableDuration } from '../../domain/durations';
import { formatCompact, formatCount, formatPercent, formatUsd } from '../../domain/format';
import type { SubscriptionStatus } from '../../services/status-service';
import { usageTextColor } from './charts';
import { cheapestText, monthEndText, requestsOfEntitlement, usageAnswer, usageChart } from './usage-text';

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "Nov 1 – Nov 20, 14:05 UTC": the month-to-date window as the card shows it. */
export function monthToDateText(start: Date, end: Date): string {
  return `${DAY.format(start)} – ${DAY.format(end)}, ${TIME.format(end)} UTC`;
}

function planText(s: SubscriptionStatus): string {
  if (!s.plan) return "Unknown: I couldn't read it (the bot needs Security Reader)";
  if (s.plan.tier === 'Free') return 'Off (Free tier: Defender for APIs is not enabled)';
  return `${s.entitlementPlan.name} (${s.entitlementPlan.id})`;
}

function comparedWithText(s: SubscriptionStatus): string {
  const { name } = s.entitlementPlan;
  const included = `${formatCount(s.entitlementPlan.entitlement)} calls included a month`;
  if (s.plan?.tier === 'Standard') return `${name}: ${included}`;
  if (s.plan?.tier === 'Free')
    return `Defender for APIs is off. Compared with ${name}, the plan Azure applies when you enable it: ${included}`;
  return `Compared with ${name} (the plan could not be read): ${included}`;
}

/** Domain status → the strings cards/status.json places. Pure; every number is formatted here. */
export function statusView(s: SubscriptionStatus) {
  const entitlement = s.entitlementPlan.entitlement;
  const onPlan = s.plan?.tier === 'Standard';
  const appliesLabel = onPlan ? `${s.entitlementPlan.name} (current)` : `${s.entitlementPlan.name} (if enabled)`;
  const best = s.cheapest;
  // A lower-bound total must not drive a plan change; same rule as the estimate card.
  const showEnable = s.complete && best.plan.id !== s.entitlementPlan.id;
  const trial = onPlan ? readableDuration(s.plan?.freeTrialRemaining) : undefined;
  const ratio = s.usage.monthToDate / entitlement;
  return {
    answerText: usageAnswer(s.usage.monthToDate, entitlement, s.entitlementPlan.name, s.complete),
    answerColor: usageTextColor(ratio),
    summaryText: `Projected to ${monthEndText(s.at)}: ${requestsOfEntitlement(s.usage.projected, entitlement)}, ${formatUsd(s.projectedCost.totalMicroUsd)} on ${s.entitlementPlan.name}. Cheapest: ${cheapestText(best.plan, best.totalMicroUsd, s.entitlementPlan, onPlan)}.`,
    usageChart: usageChart(s.usage.monthToDate, s.usage.projected, entitlement, s.entitlementPlan.name, s.at),
    subscriptionName: s.subscription.name,
    subscriptionId: s.subscription.id,
    planText: planText(s),
    hasTrial: trial !== undefined,
    trialText: trial === 'none' ? 'none left' : `${trial} left`,
    hasEnabledSince: onPlan && s.plan?.enabledSince !== undefined,
    enabledSinceText: s.plan?.enabledSince ? DATE.format(s.plan.enabledSince) : '',
    windowText: monthToDateText(s.window.start, s.window.end),
    monthToDateExact: formatCount(s.usage.monthToDate),
    monthToDateCompact: formatCompact(s.usage.monthToDate),
    percentText: `${formatPercent(s.usage.monthToDate / entitlement)} of ${formatCount(entitlement)}`,
    comparedWithText: comparedWithText(s),
    incomplete: !s.complete,
    hasFailures: s.failures.length > 0,
    stoppedEarly: s.stoppedEarly !== undefined,
    stoppedEarlyText: s.stoppedEarly ?? '',
    failedText: s.failures.map((f) => `${f.serviceName} (${f.reason})`).join(', '),
    projectionTitle: `Projected to ${monthEndText(s.at)}`,
    projectedText: requestsOfEntitlement(s.usage.projected, entitlement),
    projectedCostLabel: appliesLabel,
    projectedCostText: formatUsd(s.projectedCost.totalMicroUsd),
    cheapestLabel: 'Cheapest plan',
    cheapestText: cheapestText(best.plan, best.totalMicroUsd, s.entitlementPlan, onPlan),
    onboardingText: s.onboarding
      ? `Onboarding coverage: ${s.onboarding.onboarded} onboarded, ${s.onboarding.notOnboarded} not onboarded, ${s.onboarding.notApplicable} not applicable (type "onboard unhealthy APIs")`
      : "Onboarding coverage: I couldn't read the onboarding recommendation (the bot needs Security Reader).",
    showEnable,
    enableTitle: `Enable ${best.plan.name}`,
    enablePlanId: best.plan.id,
  };
}
