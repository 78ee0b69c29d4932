/** `estimate traffic all` → the strings cards/estimate-all.json places. Pure. */
import { formatCount, formatUsd } from '../../domain/format';
import type { SubscriptionEstimate, TrafficEstimate } from '../../services/estimate-service';
import { freshnessText } from './estimate-view';

/** Subscriptions listed one by one (with a button each); the rest are summed in one line, so the card stays small. */
export const SUBSCRIPTIONS_SHOWN = 12;

/** What switching this subscription to its cheapest plan saves a month (µ$); 0 when it is on it or not on a plan. */
export function savingOf(e: TrafficEstimate): number {
  if (!e.recommended || !e.currentCost) return 0;
  return Math.max(0, e.currentCost.totalMicroUsd - e.recommended.totalMicroUsd);
}

function differenceText(e: TrafficEstimate): string {
  const best = e.recommended;
  if (!best) return "no recommendation: some services' traffic could not be read";
  if (!e.currentCost) return `not on a plan yet; ${best.plan.name} would cost ${formatUsd(best.totalMicroUsd)} a month`;
  if (e.currentCost.plan.id === best.plan.id) return 'already on the cheapest plan';
  return `saves ${formatUsd(savingOf(e))} a month (${formatUsd(e.currentCost.totalMicroUsd)} → ${formatUsd(best.totalMicroUsd)})`;
}

function rowOf(e: TrafficEstimate) {
  const best = e.recommended;
  const current = e.currentPlan;
  const currentText = !current ? 'unknown' : current.tier === 'Free' ? 'off' : (e.currentCost?.plan.name ?? 'Plan 1');
  return {
    name: e.subscription.name,
    subscriptionId: e.subscription.id,
    trafficText: `${formatCount(e.billed)} requests${e.billed === e.total ? '' : ` (all APIM traffic ${formatCount(e.total)})`}`,
    currentText,
    cheapestText: best ? `${best.plan.name}, ${formatUsd(best.totalMicroUsd)} a month` : 'none (incomplete)',
    differenceText: differenceText(e),
    showEnable: !!best && e.currentCost?.plan.id !== best.plan.id,
    enableTitle: best ? `Enable ${best.plan.name}` : '',
    enablePlanId: best?.plan.id ?? '',
  };
}

export function estimateAllView(results: readonly (SubscriptionEstimate & { reused: boolean })[], now: Date) {
  const read = results.flatMap((r) => (r.estimate ? [r.estimate] : []));
  const failed = results.filter((r) => !r.estimate);
  read.sort((a, b) => savingOf(b) - savingOf(a) || a.subscription.name.localeCompare(b.subscription.name));
  const shown = read.slice(0, SUBSCRIPTIONS_SHOWN);
  const others = read.slice(SUBSCRIPTIONS_SHOWN);
  const saving = read.reduce((sum, e) => sum + savingOf(e), 0);
  const switching = read.filter((e) => savingOf(e) > 0).length;
  const left =
    failed.length > 0 ? ` ${failed.length} could not be read and ${failed.length === 1 ? 'is' : 'are'} left out.` : '';
  const answer =
    switching === 0
      ? `Every subscription I could read is on its cheapest plan (or not on one).${left}`
      : `Switching ${switching} of ${read.length} subscription${read.length === 1 ? '' : 's'} to the cheapest plan saves ${formatUsd(saving)} a month.${left}`;
  const oldest = read.reduce<Date | undefined>((min, e) => (!min || e.at < min ? e.at : min), undefined);
  return {
    answerText: answer,
    countText: `${results.length} subscription${results.length === 1 ? '' : 's'} · last 30 complete days (UTC) · the traffic Defender for APIs would monitor`,
    totalText: `Total saving: ${formatUsd(saving)} a month`,
    subscriptions: shown.map(rowOf),
    savingBars: shown
      .filter((e) => savingOf(e) > 0)
      .map((e) => ({ x: e.subscription.name, y: Math.round(savingOf(e) / 10_000) / 100, color: 'good' })),
    hasSavings: switching > 0,
    savingText: `Saving a month: ${shown
      .filter((e) => savingOf(e) > 0)
      .map((e) => `${e.subscription.name} ${formatUsd(savingOf(e))}`)
      .join(' · ')}.`,
    hasOthers: others.length > 0,
    othersText: `${others.length} more subscription${others.length === 1 ? '' : 's'}: saving ${formatUsd(others.reduce((n, e) => n + savingOf(e), 0))} a month (type "use subscription <name>" and "estimate traffic" for one of them).`,
    hasFailed: failed.length > 0,
    failedText: `Not in the total: ${failed.map((r) => `${r.subscription.name} (${r.failure})`).join('; ')}.`,
    freshText: oldest
      ? freshnessText(
          oldest,
          now,
          results.some((r) => r.reused),
        )
      : '',
  };
}
