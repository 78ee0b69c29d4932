import type { ApiRef, RecommendationItem } from '../../src/domain/onboarding-types';
import { summarizeRecommendation } from '../../src/domain/recommendation-summary';

const SERVICE = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/${name}`;

function api(service: string, name: string, displayName = name): ApiRef {
  return {
    serviceId: SERVICE(service),
    serviceName: service,
    resourceGroup: 'rg',
    region: 'eastus',
    sku: 'Premium',
    apiName: name,
    displayName,
    path: name,
  };
}

function item(status: RecommendationItem['status'], ref: ApiRef | undefined, resourceId = 'x'): RecommendationItem {
  return { api: ref, resourceId: ref ? `${ref.serviceId}/apis/${ref.apiName}` : resourceId, status };
}

describe('summarizeRecommendation', () => {
  test('counts each status and the total', () => {
    const summary = summarizeRecommendation([
      item('Healthy', api('a', 'h1')),
      item('Healthy', api('a', 'h2')),
      item('Unhealthy', api('a', 'u1')),
      item('NotApplicable', api('b', 'n1')),
    ]);
    expect(summary).toMatchObject({ healthy: 2, unhealthy: 1, notApplicable: 1, total: 4 });
  });

  test('groups only the unhealthy APIs by service, services and APIs sorted by name', () => {
    const summary = summarizeRecommendation([
      item('Unhealthy', api('zeta', 'z1', 'Zulu API')),
      item('Unhealthy', api('alpha', 'a2', 'beta API')),
      item('Healthy', api('alpha', 'a0', 'Aardvark API')),
      item('Unhealthy', api('alpha', 'a1', 'Alpha API')),
    ]);
    expect(summary.unhealthyByService.map((g) => [g.serviceName, g.apis.map((a) => a.displayName)])).toEqual([
      ['alpha', ['Alpha API', 'beta API']],
      ['zeta', ['Zulu API']],
    ]);
  });

  test('service ids that differ only in case are one service', () => {
    const upper = { ...api('svc', 'two'), serviceId: SERVICE('svc').toUpperCase() };
    const summary = summarizeRecommendation([item('Unhealthy', api('svc', 'one')), item('Unhealthy', upper)]);
    expect(summary.unhealthyByService).toHaveLength(1);
    expect(summary.unhealthyByService[0]!.apis).toHaveLength(2);
  });

  test('unhealthy items without an API are counted and listed by resource id', () => {
    const summary = summarizeRecommendation([item('Unhealthy', undefined, '/subscriptions/s/other')]);
    expect(summary.unhealthy).toBe(1);
    expect(summary.unhealthyByService).toEqual([]);
    expect(summary.unhealthyUnmapped).toEqual(['/subscriptions/s/other']);
  });

  test('no items is an empty summary', () => {
    expect(summarizeRecommendation([])).toEqual({
      healthy: 0,
      unhealthy: 0,
      notApplicable: 0,
      total: 0,
      unhealthyByService: [],
      unhealthyUnmapped: [],
    });
  });
});
