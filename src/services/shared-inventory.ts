import type { Clock } from '../clock';
import type { ApimService, BoundedList, ServiceInventory } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import type { AzureReader, InventoryReader, OnListed, TrafficFeedReader } from './ports';

/** How long a subscription's list of APIM services is shared before it is listed again. */
export const INVENTORY_TTL_MS = 5 * 60_000;

/**
 * The APIM service lists, shared for a few minutes by everything that reads traffic: the estimate, `status` and the
 * alert sweep. Services change rarely; traffic and plans are still read fresh by each. Lists go through Resource
 * Graph (one query for all the subscriptions not cached), ARM where it is denied.
 */
export class SharedInventory implements AzureReader, InventoryReader, Partial<TrafficFeedReader> {
  private readonly lists = new Map<string, { services: BoundedList<ApimService>; at: number }>();
  /** The reader's traffic feed, when it has one (the SDK reader does); traffic is never shared, only lists. */
  readonly trafficFeed: TrafficFeedReader['trafficFeed'] | undefined;

  constructor(
    private readonly azure: AzureReader & InventoryReader & Partial<TrafficFeedReader>,
    private readonly clock: Clock,
  ) {
    this.trafficFeed = azure.trafficFeed?.bind(azure);
  }

  listSubscriptions: AzureReader['listSubscriptions'] = (signal) => this.azure.listSubscriptions(signal);
  requestTotals: AzureReader['requestTotals'] = (services, window, signal) =>
    this.azure.requestTotals(services, window, signal);
  getDefenderPlan: AzureReader['getDefenderPlan'] = (id, signal) => this.azure.getDefenderPlan(id, signal);

  async listApimServices(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<ApimService>> {
    const inventory = await this.listApimServicesAcross([subscriptionId], signal);
    const failure = inventory.failures.get(subscriptionId);
    if (failure !== undefined) throw new AppError('azure_unavailable', failure);
    return inventory.bySubscription.get(subscriptionId) ?? [];
  }

  async listApimServicesAcross(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
    onListed?: OnListed,
  ): Promise<ServiceInventory> {
    const now = this.clock().getTime();
    const fresh = (id: string) => {
      const entry = this.lists.get(id.toLowerCase());
      return entry && now - entry.at < INVENTORY_TTL_MS ? entry.services : undefined;
    };
    const missing = subscriptionIds.filter((id) => !fresh(id));
    // Lists still fresh are handed over at once: their traffic reads need not wait for the ones being listed.
    for (const list of subscriptionIds.map(fresh)) if (list && onListed) onListed(list);
    const read: ServiceInventory =
      missing.length > 0
        ? await this.azure.listApimServicesAcross(missing, signal, onListed)
        : { bySubscription: new Map(), failures: new Map(), source: 'resourceGraph' };
    for (const [id, services] of read.bySubscription) this.lists.set(id.toLowerCase(), { services, at: now });
    const bySubscription = new Map<string, BoundedList<ApimService>>();
    for (const id of subscriptionIds) {
      const services = fresh(id) ?? read.bySubscription.get(id);
      if (services) bySubscription.set(id, services);
    }
    return { bySubscription, failures: read.failures, source: read.source };
  }
}
