import type {
  ApimService,
  DefenderPlan,
  RequestTotals,
  ServiceInventory,
  Subscription,
  TimeWindow,
} from '../../src/domain/azure-types';
import { EstimateCache, FRESH_READS_PER_WINDOW, MIN_REFRESH_MS, REUSE_MS } from '../../src/services/estimate-cache';
import { EstimateService } from '../../src/services/estimate-service';
import type { AzureReader, InventoryReader } from '../../src/services/ports';

const A: Subscription = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'A' };
const B: Subscription = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'B' };
const svc = (subscriptionId: string): ApimService => ({
  id: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim`,
  name: 'apim',
  resourceGroup: 'rg',
  region: 'eastus',
  sku: 'Premium',
});

/** Azure as the estimate sees it; `hang` names subscriptions whose metrics never answer (until aborted). */
class FakeAzure implements AzureReader, InventoryReader {
  metricReads = 0;
  hang = new Set<string>();
  async listSubscriptions(): Promise<Subscription[]> {
    return [A, B];
  }
  async listApimServices(id: string): Promise<ApimService[]> {
    return [svc(id)];
  }
  async listApimServicesAcross(ids: readonly string[]): Promise<ServiceInventory> {
    return {
      bySubscription: new Map(ids.map((id) => [id, [svc(id)]])),
      failures: new Map(),
      source: 'resourceGraph',
    };
  }
  requestTotals(services: readonly ApimService[], _w: TimeWindow, signal?: AbortSignal): Promise<RequestTotals> {
    this.metricReads++;
    const service = services[0] as ApimService;
    if ([...this.hang].some((id) => service.id.includes(id)))
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    return Promise.resolve({ byServiceId: new Map([[service.id, 6_000_000]]), failures: new Map() });
  }
  async getDefenderPlan(): Promise<DefenderPlan> {
    return { tier: 'Standard', planId: 'P1' };
  }
}

function setUp() {
  let now = Date.parse('2026-11-20T12:00:00Z');
  const clock = () => new Date(now);
  const azure = new FakeAzure();
  const cache = new EstimateCache(new EstimateService(azure, clock), clock);
  return { azure, cache, advance: (ms: number) => (now += ms) };
}

describe('recent estimates are reused per chat and subscription, and fresh reads are limited per chat', () => {
  test('a second estimate within the reuse time reads nothing; after it, Azure is read again', async () => {
    const { azure, cache, advance } = setUp();
    expect((await cache.estimate('chat-1', A)).reused).toBe(false);
    advance(REUSE_MS - 1);
    expect((await cache.estimate('chat-1', A)).reused).toBe(true);
    expect(azure.metricReads).toBe(1);
    advance(1);
    expect((await cache.estimate('chat-1', A)).reused).toBe(false);
    expect(azure.metricReads).toBe(2);
  });

  test('another chat gets its own read; Refresh reads again only after a minute', async () => {
    const { azure, cache, advance } = setUp();
    await cache.estimate('chat-1', A);
    await cache.estimate('chat-2', A);
    expect(azure.metricReads).toBe(2);
    expect((await cache.estimate('chat-1', A, true)).reused).toBe(true);
    advance(MIN_REFRESH_MS);
    expect((await cache.estimate('chat-1', A, true)).reused).toBe(false);
  });

  test('a chat that forces too many fresh reads is told to wait; other chats are not affected', async () => {
    const { cache, advance } = setUp();
    const many = Array.from({ length: FRESH_READS_PER_WINDOW + 1 }, (_, i) => ({ id: `sub-${i}`, name: `S${i}` }));
    for (const sub of many.slice(0, -1)) {
      await cache.estimate('chat-1', sub);
      advance(1_000);
    }
    await expect(cache.estimate('chat-1', many.at(-1) as Subscription)).rejects.toMatchObject({
      code: 'quota_exceeded',
      userMessage: expect.stringContaining('Try again in 10 minutes'),
    });
    await expect(cache.estimate('chat-2', A, true)).resolves.toMatchObject({ reused: false });
    // Cached estimates are still answered while the chat waits.
    await expect(cache.estimate('chat-1', many[0] as Subscription)).resolves.toMatchObject({ reused: true });
  });

  test('estimate all reuses what is cached, reads the rest together, and forgets a subscription whose plan changed', async () => {
    const { azure, cache } = setUp();
    await cache.estimate('chat-1', A);
    const all = await cache.estimateMany('chat-1', [A, B]);
    expect(all.map((r) => [r.subscription.name, r.reused])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(azure.metricReads).toBe(2);
    cache.forget(A.id);
    expect((await cache.estimate('chat-1', A)).reused).toBe(false);
  });
});

describe('estimateMany answers in part', () => {
  test('a subscription that does not answer in time is reported as timed out; the others are answered', async () => {
    const azure = new FakeAzure();
    azure.hang.add(B.id);
    const service = new EstimateService(azure, () => new Date('2026-11-20T12:00:00Z'));
    const results = await service.estimateMany([A, B], undefined, 50);
    expect(results[0]?.estimate?.total).toBe(6_000_000);
    expect(results[1]).toEqual({ subscription: B, failure: 'no answer from Azure within 0.05 s' });
  });
});
