import { boundedList, type ApimService, type ServiceInventory } from '../../src/domain/azure-types';
import type { AzureReader, InventoryReader, OnListed, TrafficFeedReader } from '../../src/services/ports';
import { INVENTORY_TTL_MS, SharedInventory } from '../../src/services/shared-inventory';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const serviceIn = (sub: string, name: string): ApimService => ({
  id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/${name}`,
  name,
  resourceGroup: 'rg',
  region: 'eastus',
  sku: 'Premium',
});
const LISTS = new Map([
  [SUB_A, [serviceIn(SUB_A, 'a1'), serviceIn(SUB_A, 'a2')]],
  [SUB_B, [serviceIn(SUB_B, 'b1')]],
]);

/** A reader that lists from LISTS (handing each subscription's list over as a page), recording what it was asked. */
function listingReader(failing: readonly string[] = []) {
  const asked: string[][] = [];
  const reader: AzureReader & InventoryReader = {
    listSubscriptions: async () => [],
    listApimServices: async () => boundedList([]),
    listApimServicesAcross: async (ids: readonly string[], _signal?: AbortSignal, onListed?: OnListed) => {
      asked.push([...ids]);
      const inventory: ServiceInventory = { bySubscription: new Map(), failures: new Map(), source: 'resourceGraph' };
      for (const id of ids) {
        if (failing.includes(id)) inventory.failures.set(id, 'Azure refused');
        else {
          inventory.bySubscription.set(id, LISTS.get(id) ?? []);
          onListed?.(LISTS.get(id) ?? []);
        }
      }
      return inventory;
    },
    requestTotals: async () => ({ byServiceId: new Map(), failures: new Map() }),
    getDefenderPlan: async () => ({ tier: 'Free' }),
  };
  return { reader, asked };
}

describe('SharedInventory: service lists shared for a few minutes', () => {
  test('lists a subscription once within the time to live, only the ones not held, and again after it', async () => {
    let now = Date.parse('2026-11-20T12:00:00Z');
    const { reader, asked } = listingReader();
    const shared = new SharedInventory(reader, () => new Date(now));
    await shared.listApimServicesAcross([SUB_A]);
    const both = await shared.listApimServicesAcross([SUB_A, SUB_B]);
    expect(asked).toEqual([[SUB_A], [SUB_B]]);
    expect(both.bySubscription.get(SUB_A)?.map((s) => s.name)).toEqual(['a1', 'a2']);
    now += INVENTORY_TTL_MS;
    await shared.listApimServicesAcross([SUB_A]);
    expect(asked).toEqual([[SUB_A], [SUB_B], [SUB_A]]);
  });

  test('hands held lists over at once and the others as they are listed, each once', async () => {
    const { reader } = listingReader();
    const shared = new SharedInventory(reader, () => new Date('2026-11-20T12:00:00Z'));
    await shared.listApimServicesAcross([SUB_A]);
    const handed: string[] = [];
    await shared.listApimServicesAcross([SUB_A, SUB_B], undefined, (services) =>
      handed.push(...services.map((s) => s.name)),
    );
    expect(handed).toEqual(['a1', 'a2', 'b1']);
  });

  test('a subscription that could not be listed is not held, and listing it alone says why', async () => {
    const { reader, asked } = listingReader([SUB_B]);
    const shared = new SharedInventory(reader, () => new Date('2026-11-20T12:00:00Z'));
    const inventory = await shared.listApimServicesAcross([SUB_A, SUB_B]);
    expect(inventory.failures.get(SUB_B)).toBe('Azure refused');
    await expect(shared.listApimServices(SUB_B)).rejects.toMatchObject({ code: 'azure_unavailable' });
    expect(asked).toEqual([[SUB_A, SUB_B], [SUB_B]]);
  });

  test("passes the reader's traffic feed on, and has none when the reader has none", () => {
    const { reader } = listingReader();
    const feed = {
      add: () => undefined,
      finish: () => undefined,
      totals: async () => ({ byServiceId: new Map(), failures: new Map() }),
    };
    const withFeed: AzureReader & InventoryReader & TrafficFeedReader = { ...reader, trafficFeed: () => feed };
    const clock = () => new Date('2026-11-20T12:00:00Z');
    const window = { start: new Date('2026-10-21T00:00:00Z'), end: new Date('2026-11-20T00:00:00Z') };
    expect(new SharedInventory(withFeed, clock).trafficFeed?.(window, () => undefined)).toBe(feed);
    expect(new SharedInventory(reader, clock).trafficFeed).toBeUndefined();
  });
});
