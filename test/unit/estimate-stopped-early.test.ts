import { boundedList, type ApimService, type RequestTotals } from '../../src/domain/azure-types';
import { EstimateService } from '../../src/services/estimate-service';
import type { AzureReader, InventoryReader } from '../../src/services/ports';
import { estimateView } from '../../src/teams/cards/estimate-view';
import { renderCard } from '../../src/teams/cards/render';
import { assertValidAdaptiveCard } from '../helpers/validate-card';

const SUB = { id: '11111111-1111-4111-8111-111111111111', name: 'Contoso' };
const SERVICE: ApimService = {
  id: `/subscriptions/${SUB.id}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim`,
  name: 'apim',
  resourceGroup: 'rg',
  region: 'eastus',
  sku: 'Premium',
};

function readerListing(stoppedEarly?: string): AzureReader & InventoryReader {
  return {
    listSubscriptions: async () => [SUB],
    listApimServices: async () => boundedList([SERVICE], stoppedEarly),
    listApimServicesAcross: async () => ({
      bySubscription: new Map([[SUB.id, boundedList([SERVICE], stoppedEarly)]]),
      failures: new Map(),
      source: 'resourceGraph' as const,
    }),
    requestTotals: async (): Promise<RequestTotals> => ({
      byServiceId: new Map([[SERVICE.id, 3_000_000]]),
      failures: new Map(),
    }),
    getDefenderPlan: async () => ({ tier: 'Free' }),
  };
}

const clock = () => new Date('2026-11-20T12:00:00Z');

describe('an estimate over a service list that stopped at a bound', () => {
  test('is incomplete, names the bound on the card and recommends nothing', async () => {
    const estimate = await new EstimateService(
      readerListing('the first 5,000 API Management services'),
      clock,
    ).estimate(SUB);
    expect(estimate).toMatchObject({ complete: false, stoppedEarly: 'the first 5,000 API Management services' });
    expect(estimate.recommended).toBeUndefined();
    const card = renderCard('estimate', estimateView(estimate, clock(), false), { sandbox: false });
    assertValidAdaptiveCard(card);
    const text = JSON.stringify(card);
    expect(text).toContain('Incomplete estimate');
    expect(text).toContain('I stopped listing at the first 5,000 API Management services');
    expect(text).not.toContain("couldn't read the Requests metric");
  });

  test('a list read to its end is complete and gets a recommendation', async () => {
    const estimate = await new EstimateService(readerListing(), clock).estimate(SUB);
    expect(estimate.complete).toBe(true);
    expect(estimate.recommended).toBeDefined();
    expect(
      JSON.stringify(renderCard('estimate', estimateView(estimate, clock(), false), { sandbox: false })),
    ).not.toContain('stopped listing');
  });
});
