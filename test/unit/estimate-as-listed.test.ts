import { ListedTrafficFeed } from '../../src/azure/traffic-feed';
import { boundedList, type ApimService, type RequestTotals } from '../../src/domain/azure-types';
import { EstimateService } from '../../src/services/estimate-service';
import type { AzureReader, InventoryReader, OnListed, TrafficFeedReader } from '../../src/services/ports';

const SUB_A = { id: '11111111-1111-4111-8111-111111111111', name: 'A' };
const SUB_B = { id: '22222222-2222-4222-8222-222222222222', name: 'B' };
const services = (sub: string, count: number): ApimService[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim-${i}`,
    name: `apim-${i}`,
    resourceGroup: 'rg',
    region: 'eastus',
    sku: 'Premium',
  }));
const PAGE_1 = services(SUB_A.id, 50);
const PAGE_2 = services(SUB_B.id, 3);
const clock = () => new Date('2026-11-20T12:00:00Z');

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * A reader listing in two pages: the first at once, the second when the test says (`secondPage`). Its traffic feed is
 * the real one over a recording read, so the test sees when each read starts and with which signal.
 */
function pagedReader() {
  const secondPage = deferred();
  const firstRead = deferred();
  const reads: { services: readonly ApimService[]; signal: AbortSignal | undefined }[] = [];
  const read = async (list: readonly ApimService[], signal?: AbortSignal): Promise<RequestTotals> => {
    reads.push({ services: list, signal });
    firstRead.resolve();
    return { byServiceId: new Map(list.map((s) => [s.id, 1_000_000])), failures: new Map() };
  };
  const reader: AzureReader & InventoryReader & TrafficFeedReader = {
    listSubscriptions: async () => [SUB_A, SUB_B],
    listApimServices: async () => boundedList([]),
    listApimServicesAcross: async (_ids: readonly string[], _signal?: AbortSignal, onListed?: OnListed) => {
      onListed?.(PAGE_1);
      await secondPage.promise;
      onListed?.(PAGE_2);
      return {
        bySubscription: new Map([
          [SUB_A.id, PAGE_1],
          [SUB_B.id, PAGE_2],
        ]),
        failures: new Map(),
        source: 'resourceGraph' as const,
      };
    },
    requestTotals: () => Promise.reject(new Error('the feed reads traffic, not requestTotals')),
    getDefenderPlan: async () => ({ tier: 'Standard', planId: 'P1' }),
    trafficFeed: (_window, signalFor) => new ListedTrafficFeed(read, signalFor),
  };
  return { reader, reads, secondPage, firstRead };
}

describe('estimate traffic all reads traffic while the services are still being listed', () => {
  test("the first page's services are read before the last page is listed, each service once", async () => {
    const { reader, reads, secondPage, firstRead } = pagedReader();
    const estimating = new EstimateService(reader, clock).estimateMany([SUB_A, SUB_B]);
    await firstRead.promise;
    expect(reads.map((r) => r.services.length)).toEqual([50]);
    secondPage.resolve();
    const estimates = await estimating;
    expect(reads.map((r) => r.services.length)).toEqual([50, 3]);
    expect(estimates.map((e) => e.estimate?.total)).toEqual([50_000_000, 3_000_000]);
  });

  test('a listing that fails after its first page stops the reads it had started, and the estimate says so', async () => {
    const { reader, reads, secondPage, firstRead } = pagedReader();
    const estimating = new EstimateService(reader, clock).estimateMany([SUB_A, SUB_B]);
    await firstRead.promise;
    expect(reads[0]?.signal?.aborted).toBe(false);
    secondPage.reject(new Error('Resource Graph failed on page 2'));
    await expect(estimating).rejects.toThrow('Resource Graph failed on page 2');
    expect(reads[0]?.signal?.aborted).toBe(true);
  });

  test("each subscription's reads listen to that subscription's own time limit", async () => {
    const { reader, reads, secondPage } = pagedReader();
    secondPage.resolve();
    await new EstimateService(reader, clock).estimateMany([SUB_A, SUB_B]);
    expect(reads).toHaveLength(2);
    expect(reads[0]?.signal).toBeDefined();
    expect(reads[0]?.signal).not.toBe(reads[1]?.signal);
  });
});
