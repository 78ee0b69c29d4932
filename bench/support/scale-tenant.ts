/** The tenants of the scale benchmark: N subscriptions of M Premium services each, spread over regions. */

/** Sandbox latency added to every Azure call, ms (the targets are given at 50 ms). */
export const LATENCY_MS = 50;
export const REGIONS = [
  'eastus',
  'westeurope',
  'southeastasia',
  'westus2',
  'northeurope',
  'japaneast',
  'uksouth',
  'centralus',
  'australiaeast',
  'francecentral',
];
/** Midnight UTC, so the 30-day window is 30 whole days. */
const NOW = '2026-11-20T00:00:00Z';

const subId = (i: number): string => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;

/** `extra`: more scenario settings (faults, armThrottling). Each service has one API and 1,000+ requests a day. */
export function tenant(subscriptions: number, servicesEach: number, regions: readonly string[], extra: object = {}) {
  return {
    now: NOW,
    latencyMs: LATENCY_MS,
    pageSize: 1000,
    ...extra,
    subscriptions: Array.from({ length: subscriptions }, (_, s) => ({
      subscriptionId: subId(s + 1),
      displayName: `Subscription ${s + 1}`,
      defenderForApis: { pricingTier: 'Standard', subPlan: 'P1' },
      apiManagementServices: Array.from({ length: servicesEach }, (_, i) => ({
        name: `apim-${s}-${i}`,
        resourceGroup: 'rg',
        location: regions[i % regions.length],
        sku: 'Premium',
        dailyRequests: { perDay: 1_000 + i },
        apis: [{ name: 'orders', displayName: 'Orders', path: 'orders' }],
      })),
    })),
  };
}
