import type { ApimService, ServiceTrafficDetail } from '../../src/domain/azure-types';
import { billedTraffic, monitoredTraffic } from '../../src/domain/monitored-traffic';
import type { ApiOnboardingStatus } from '../../src/domain/onboarding-types';

const svc = (name: string, sku = 'Premium'): ApimService => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/${name}`,
  name,
  resourceGroup: 'rg',
  region: 'eastus',
  sku,
});
const detail = (byApi: Record<string, number>, splitComplete = true): ServiceTrafficDetail => ({
  total: Object.values(byApi).reduce((a, b) => a + b, 0),
  byApi: new Map(Object.entries(byApi)),
  daily: [],
  splitComplete,
});
const item = (service: ApimService, apiName: string, status: ApiOnboardingStatus['status']): ApiOnboardingStatus => ({
  serviceId: service.id,
  apiName,
  status,
});

const orders = svc('orders');
const func = svc('func', 'Consumption');
const SPLITS = [
  { service: orders, detail: detail({ checkout: 600, search: 300, legacy: 50, '': 7, brandnew: 10 }) },
  { service: func, detail: detail({ hook: 1_000 }) },
];
const ITEMS = [
  item(orders, 'checkout', 'Healthy'),
  item(orders, 'search', 'Unhealthy'),
  item(orders, 'legacy', 'NotApplicable'),
  item(func, 'hook', 'Unhealthy'),
];

describe('monitored traffic: what Defender for APIs would bill', () => {
  test('three figures: onboarded now, every onboardable API, and all traffic', () => {
    const m = monitoredTraffic(SPLITS, ITEMS);
    expect(m.all).toBe(1_967);
    expect(m.onboarded).toBe(600);
    // search (Unhealthy) and brandnew (not assessed yet) are onboardable; legacy (NotApplicable), the
    // Consumption service and traffic that matched no API are not.
    expect(m.onboardable).toBe(910);
    expect(m).toMatchObject({ pendingApis: 2, pendingRequests: 310, basis: 'onboardable' });
    expect(billedTraffic(m)).toBe(910);
  });

  test('without the recommendation, plans are compared on all traffic and the reason is given', () => {
    const m = monitoredTraffic(SPLITS, undefined);
    expect(m.basis).toBe('all');
    expect(m.onboarded).toBeUndefined();
    expect(m.onboardable).toBeUndefined();
    expect(m.basisReason).toMatch(/Security Reader/);
    expect(billedTraffic(m)).toBe(1_967);
  });

  test('a service whose split may be cut short makes the per-API figures unknown', () => {
    const m = monitoredTraffic([{ service: orders, detail: detail({ a: 1 }, false) }], ITEMS);
    expect(m.basis).toBe('all');
    expect(m.basisReason).toMatch(/1 service has too many APIs/);
  });
});
