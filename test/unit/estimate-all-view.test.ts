import type { Subscription } from '../../src/domain/azure-types';
import { monitoredTraffic } from '../../src/domain/monitored-traffic';
import { comparePlans, costOf, planById } from '../../src/domain/plans';
import { nextBreakEven, trendOf } from '../../src/domain/trend';
import type { TrafficEstimate } from '../../src/services/estimate-service';
import { estimateAllView, SUBSCRIPTIONS_SHOWN } from '../../src/teams/cards/estimate-all-view';
import { renderCard } from '../../src/teams/cards/render';
import { assertValidAdaptiveCard } from '../helpers/validate-card';

const AT = new Date('2026-11-20T12:00:00Z');

function estimateOf(subscription: Subscription, calls: number): TrafficEstimate {
  const comparison = comparePlans(calls);
  return {
    subscription,
    window: { start: new Date('2026-10-21T00:00:00Z'), end: new Date('2026-11-20T00:00:00Z') },
    at: AT,
    services: [],
    total: calls,
    monitored: monitoredTraffic([], undefined),
    billed: calls,
    complete: true,
    comparison,
    recommended: comparison.cheapest,
    currentPlan: { tier: 'Standard', planId: 'P1' },
    currentCost: costOf(planById('P1'), calls),
    trend: trendOf(Array<number>(30).fill(calls / 30), new Date('2026-10-21T00:00:00Z'), AT),
    headroom: nextBreakEven(calls),
  };
}

describe('the estimate-all card', () => {
  test('with many subscriptions it lists the biggest savings one by one, sums the rest, and stays under 28 KB', () => {
    const results = Array.from({ length: 60 }, (_, i) => {
      const subscription = {
        id: `0000000${i}-0000-4000-8000-000000000000`,
        name: `Subscription with a long name ${i}`,
      };
      return { subscription, estimate: estimateOf(subscription, 4_000_000 + i * 1_000_000), reused: false };
    });
    const failed = {
      subscription: { id: 'x', name: 'Broken' },
      failure: 'no answer from Azure within 20 s',
      reused: false,
    };
    const view = estimateAllView([...results, failed], AT);
    expect(view.subscriptions).toHaveLength(SUBSCRIPTIONS_SHOWN);
    expect(view.subscriptions[0]?.name).toBe('Subscription with a long name 59');
    expect(view.othersText).toMatch(/^48 more subscriptions: saving \$[\d,]+\.\d\d a month/);
    expect(view.failedText).toBe('Not in the total: Broken (no answer from Azure within 20 s).');
    const card = renderCard('estimate-all', view, { sandbox: true });
    assertValidAdaptiveCard(card);
  });
});
