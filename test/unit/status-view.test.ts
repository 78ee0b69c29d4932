import { comparePlans, costOf, planById } from '../../src/domain/plans';
import { monthUsage } from '../../src/domain/usage';
import type { SubscriptionStatus } from '../../src/services/status-service';
import { renderCard } from '../../src/teams/cards/render';
import { statusView } from '../../src/teams/cards/status-view';
import { assertValidAdaptiveCard } from '../helpers/validate-card';

const NOW = new Date('2026-11-16T12:00:00Z'); // 15.5 of November's 30 days elapsed

function status(monthToDate: number, overrides: Partial<SubscriptionStatus> = {}): SubscriptionStatus {
  const usage = monthUsage(monthToDate, NOW);
  const entitlementPlan = overrides.entitlementPlan ?? planById('P1');
  return {
    subscription: { id: '11111111-1111-4111-8111-111111111111', name: 'Contoso' },
    at: NOW,
    window: { start: new Date('2026-11-01T00:00:00Z'), end: NOW },
    plan: {
      tier: 'Standard',
      planId: 'P1',
      freeTrialRemaining: 'P12DT3H',
      enabledSince: new Date('2026-11-08T10:00:00Z'),
    },
    entitlementPlan,
    serviceCount: 2,
    failures: [],
    complete: true,
    usage,
    projectedCost: costOf(entitlementPlan, usage.projected),
    cheapest: comparePlans(usage.projected).cheapest,
    ...overrides,
  };
}

describe('status card view', () => {
  test('exact counts with en-US grouping, percent of the entitlement, and the month-to-date window', () => {
    const view = statusView(status(1_234_567));
    expect(view.monthToDateExact).toBe('1,234,567');
    expect(view.monthToDateCompact).toBe('1.2M');
    expect(view.percentText).toBe('123.5% of 1,000,000');
    expect(view.windowText).toBe('Nov 1 – Nov 16, 12:00 UTC');
    expect(view.trialText).toBe('12 days 3 hours left');
    expect(view.enabledSinceText).toBe('Nov 8, 2026');
  });

  test('projection and its cost on the current plan and the cheapest plan', () => {
    // 3,100,000 in 15.5 days projects to 6,000,000: Plan 1 $200 + 5M × $0.0002, Plan 2 $700 + 1M × $0.00014.
    const view = statusView(status(3_100_000));
    expect(view.projectionTitle).toBe('Projected to Nov 30');
    expect(view.projectedText).toBe('6,000,000 requests (600.0%)');
    expect(view.projectedCostLabel).toBe('Plan 1 (current)');
    expect(view.projectedCostText).toBe('$1,200.00');
    expect(view.cheapestText).toBe('Plan 2: $840.00');
    expect(view.showEnable).toBe(true);
    expect(view.enableTitle).toBe('Enable Plan 2');
  });

  test('no Enable button when the current plan is already the cheapest, or the total is incomplete', () => {
    expect(statusView(status(100_000)).showEnable).toBe(false);
    const incomplete = statusView(
      status(3_100_000, { complete: false, failures: [{ serviceName: 'apim-x', reason: 'HTTP 500' }] }),
    );
    expect(incomplete.showEnable).toBe(false);
    expect(incomplete.incomplete).toBe(true);
    expect(incomplete.failedText).toBe('apim-x (HTTP 500)');
  });

  test('Free tier: off, compared with Plan 1 "if enabled", no trial line', () => {
    const view = statusView(status(950_000, { plan: { tier: 'Free' } }));
    expect(view.planText).toBe('Off (Free tier: Defender for APIs is not enabled)');
    expect(view.comparedWithText).toMatch(/^Defender for APIs is off\. Compared with Plan 1/);
    expect(view.projectedCostLabel).toBe('Plan 1 (if enabled)');
    expect(view.hasTrial).toBe(false);
    expect(view.hasEnabledSince).toBe(false);
  });

  test('an unreadable plan says so and still compares with Plan 1', () => {
    const view = statusView(status(10, { plan: undefined }));
    expect(view.planText).toMatch(/^Unknown/);
    expect(view.comparedWithText).toMatch(/^Compared with Plan 1 \(the plan could not be read\)/);
  });

  test('onboarding coverage shows the recommendation counts, or says it could not be read', () => {
    expect(statusView(status(10)).onboardingText).toMatch(/couldn't read the onboarding recommendation/);
    const filled = statusView(status(10, { onboarding: { onboarded: 3, notOnboarded: 2, notApplicable: 1 } }));
    expect(filled.onboardingText).toMatch(/^Onboarding coverage: 3 onboarded, 2 not onboarded, 1 not applicable/);
  });

  test('renders to a valid Adaptive Card 1.5 under 28 KB, in each variant', () => {
    for (const s of [status(3_100_000), status(10, { plan: { tier: 'Free' } }), status(5, { complete: false })])
      assertValidAdaptiveCard(renderCard('status', statusView(s), { sandbox: true }));
  });
});
