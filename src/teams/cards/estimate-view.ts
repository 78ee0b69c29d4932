import { formatCompact, formatCount, formatUsd } from '../../domain/format';
import type { DefenderPlan } from '../../domain/azure-types';
import { planById } from '../../domain/plans';
import type { TrafficEstimate } from '../../services/estimate-service';
import { answerText, basisText, trafficFacts } from './estimate-answer';
import {
  dailyAxisTitle,
  dailyLine,
  dailyText,
  headroomText,
  nextMonthText,
  weekdayText,
  windowText,
} from './estimate-trend-view';
import { regionLabel } from './region-label';

/** How many services the card lists one by one; the rest are summed in one line (keeps the card small). */
export const BUSIEST_SHOWN = 10;

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const YEAR = new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

function planText(plan: DefenderPlan | undefined): string {
  if (!plan) return "Unknown: I couldn't read it (the bot needs Security Reader)";
  if (plan.tier === 'Free') return 'Off (Defender for APIs is not enabled)';
  return `${planById(plan.planId ?? 'P1').name} (${plan.planId ?? 'P1'})`;
}

/** When the figures were read, and whether this card reuses an earlier read (`now` is the clock's now). */
export function freshnessText(at: Date, now: Date, reused: boolean): string {
  const read = `Read from Azure at ${TIME.format(at)} UTC`;
  if (!reused) return `${read}.`;
  const minutes = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  return `${read}, ${minutes < 1 ? 'less than a minute' : `${minutes} min`} ago: reused for a few minutes; Refresh reads again.`;
}

function plansView(e: TrafficEstimate) {
  const best = e.recommended;
  return e.comparison.costs.map((c) => {
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
      // Chart.HorizontalBar: dollars (the chart draws numbers), the cheapest in the "good" colour.
      bar: { x: c.plan.name, y: Math.round(c.totalMicroUsd / 10_000) / 100, color: isBest ? 'good' : 'neutral' },
    };
  });
}

/** Domain estimate → the strings cards/estimate.json places. Pure; every number is formatted here. */
export function estimateView(e: TrafficEstimate, now: Date = e.at, reused = false) {
  const lastDay = new Date(e.window.end.getTime() - 1);
  const readable = e.services.filter((s) => s.requests !== undefined);
  const shown = readable.slice(0, BUSIEST_SHOWN);
  const others = readable.slice(BUSIEST_SHOWN);
  const failed = e.services.filter((s) => s.requests === undefined);
  const best = e.recommended;
  const plans = plansView(e);
  return {
    answerText: answerText(e),
    subscriptionName: e.subscription.name,
    subscriptionId: e.subscription.id,
    windowText: `${DAY.format(e.window.start)} – ${DAY.format(lastDay)}, ${YEAR.format(lastDay)} (last 30 complete days, UTC)`,
    freshText: freshnessText(e.at, now, reused),
    currentPlanText: planText(e.currentPlan),
    totalExact: formatCount(e.total),
    totalCompact: formatCompact(e.total),
    serviceCountText: `${e.services.length} API Management service${e.services.length === 1 ? '' : 's'}`,
    trafficFacts: trafficFacts(e),
    basisText: basisText(e),
    incomplete: !e.complete,
    hasFailures: failed.length > 0,
    stoppedEarly: e.stoppedEarly !== undefined,
    stoppedEarlyText: e.stoppedEarly ?? '',
    failedText: failed.map((s) => `${s.service.name} (${s.failure ?? 'unknown error'})`).join(', '),
    hasServices: e.services.length > 0,
    dailyLine: dailyLine(e),
    dailyAxisTitle: dailyAxisTitle(e),
    dailyText: dailyText(e),
    weekdayText: weekdayText(e),
    nextMonthText: nextMonthText(e),
    monthText: windowText(e),
    headroomText: headroomText(e),
    planBars: plans.map((p) => p.bar),
    planCostText: `Monthly cost: ${e.comparison.costs.map((c) => `${c.plan.name} ${formatUsd(c.totalMicroUsd)}${c.plan.id === best?.plan.id ? ' (cheapest)' : ''}`).join(' · ')}.`,
    services: shown.map((s) => ({
      name: s.service.name,
      region: regionLabel(s.service.region),
      sku: s.service.sku,
      requests: formatCount(s.requests ?? 0),
    })),
    hasOthers: others.length > 0,
    othersText: `${others.length} more service${others.length === 1 ? '' : 's'}: ${formatCount(others.reduce((n, s) => n + (s.requests ?? 0), 0))} requests`,
    plans,
    showEnable: !!best && e.currentCost?.plan.id !== best.plan.id,
    enableTitle: best ? `Enable ${best.plan.name}` : '',
    enablePlanId: best?.plan.id ?? '',
  };
}
