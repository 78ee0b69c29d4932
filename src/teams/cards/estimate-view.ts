import { formatCompact, formatCount, formatUsd, formatUsdDelta } from '../../domain/format';
import type { DefenderPlan } from '../../domain/azure-types';
import { planById } from '../../domain/plans';
import type { TrafficEstimate } from '../../services/estimate-service';
import { regionLabel } from './region-label';

/** How many services the card lists one by one; the rest are summed in one line (keeps the card small). */
export const BUSIEST_SHOWN = 10;

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const YEAR = new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'UTC' });

function planText(plan: DefenderPlan | undefined): string {
  if (!plan) return "Unknown: I couldn't read it (the bot needs Security Reader)";
  if (plan.tier === 'Free') return 'Off (Defender for APIs is not enabled)';
  return `${planById(plan.planId ?? 'P1').name} (${plan.planId ?? 'P1'})`;
}

function summary(e: TrafficEstimate): string {
  const best = e.recommended;
  if (!best) return 'No recommendation: the estimate is incomplete.';
  const bestText = `${best.plan.name} is the cheapest at this traffic: ${formatUsd(best.totalMicroUsd)} a month`;
  if (!e.currentCost) return `${bestText}.`;
  if (e.currentCost.plan.id === best.plan.id)
    return `You are already on the cheapest plan, ${best.plan.name}: ${formatUsd(best.totalMicroUsd)} a month.`;
  const saving = e.currentCost.totalMicroUsd - best.totalMicroUsd;
  return `${bestText}, ${formatUsdDelta(-saving)} against ${e.currentCost.plan.name} (${formatUsd(e.currentCost.totalMicroUsd)}).`;
}

/** Domain estimate → the strings cards/estimate.json places. Pure; every number is formatted here. */
export function estimateView(e: TrafficEstimate) {
  const lastDay = new Date(e.window.end.getTime() - 1);
  const readable = e.services.filter((s) => s.requests !== undefined);
  const shown = readable.slice(0, BUSIEST_SHOWN);
  const others = readable.slice(BUSIEST_SHOWN);
  const failed = e.services.filter((s) => s.requests === undefined);
  const best = e.recommended;
  const showEnable = !!best && e.currentCost?.plan.id !== best.plan.id;
  return {
    subscriptionName: e.subscription.name,
    subscriptionId: e.subscription.id,
    windowText: `${DAY.format(e.window.start)} – ${DAY.format(lastDay)}, ${YEAR.format(lastDay)} (last 30 complete days, UTC)`,
    currentPlanText: planText(e.currentPlan),
    totalExact: formatCount(e.total),
    totalCompact: formatCompact(e.total),
    serviceCountText: `${e.services.length} API Management service${e.services.length === 1 ? '' : 's'}`,
    incomplete: !e.complete,
    hasFailures: failed.length > 0,
    stoppedEarly: e.stoppedEarly !== undefined,
    stoppedEarlyText: e.stoppedEarly ?? '',
    failedText: failed.map((s) => `${s.service.name} (${s.failure ?? 'unknown error'})`).join(', '),
    hasServices: e.services.length > 0,
    services: shown.map((s) => ({
      name: s.service.name,
      region: regionLabel(s.service.region),
      sku: s.service.sku,
      requests: formatCount(s.requests ?? 0),
    })),
    hasOthers: others.length > 0,
    othersText: `${others.length} more service${others.length === 1 ? '' : 's'}: ${formatCount(others.reduce((n, s) => n + (s.requests ?? 0), 0))} requests`,
    plans: e.comparison.costs.map((c) => {
      const isBest = best?.plan.id === c.plan.id;
      const isCurrent = e.currentCost?.plan.id === c.plan.id;
      const tags = [isBest ? 'recommended' : '', isCurrent ? 'current' : ''].filter(Boolean).join(', ');
      return {
        label: tags ? `${isBest ? '★ ' : ''}${c.plan.name} (${tags})` : c.plan.name,
        entitlement: formatCount(c.plan.entitlement),
        fee: formatUsd(c.plan.feeMicroUsd),
        overage: formatUsd(c.overageMicroUsd),
        total: formatUsd(c.totalMicroUsd),
        weight: isBest ? 'Bolder' : 'Default',
        rowStyle: isBest ? 'good' : 'default',
      };
    }),
    summaryText: summary(e),
    showEnable,
    enableTitle: best ? `Enable ${best.plan.name}` : '',
    enablePlanId: best?.plan.id ?? '',
  };
}
