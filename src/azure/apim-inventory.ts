import type { ApimService, ServiceInventory } from '../domain/azure-types';
import type { OnListed } from '../services/ports';
import { isAppError } from '../errors/app-error';
import { mapWithConcurrency } from '../util/concurrency';
import type { ApiManagementApi } from './api-management';
import { subscriptionIdOf } from './resource-ids';
import type { ResourceGraphApi } from './resource-graph';

/** Subscriptions listed over ARM at once when Resource Graph is denied (one paged list each). */
const ARM_LIST_CONCURRENCY = 8;

/**
 * Lists APIM services of many subscriptions: one Resource Graph query (pages of 1,000) for all of them; where
 * Resource Graph is denied (403) or truncated, each subscription is listed over ARM instead.
 */
export class ApimInventory {
  constructor(
    private readonly graph: ResourceGraphApi,
    private readonly arm: ApiManagementApi,
  ) {}

  /** `onListed` gets each Resource Graph page's services as it arrives (or each subscription's ARM list). */
  async list(subscriptionIds: readonly string[], signal?: AbortSignal, onListed?: OnListed): Promise<ServiceInventory> {
    if (subscriptionIds.length === 0)
      return { bySubscription: new Map(), failures: new Map(), source: 'resourceGraph' };
    try {
      const { services, truncated } = await this.graph.listApimServices(subscriptionIds, signal, onListed);
      if (!truncated)
        return { bySubscription: group(subscriptionIds, services), failures: new Map(), source: 'resourceGraph' };
    } catch (error) {
      if (!isAppError(error) || error.code !== 'azure_forbidden') throw error;
    }
    return this.listOverArm(subscriptionIds, signal, onListed);
  }

  private async listOverArm(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
    onListed?: OnListed,
  ): Promise<ServiceInventory> {
    const inventory: ServiceInventory = { bySubscription: new Map(), failures: new Map(), source: 'arm' };
    await mapWithConcurrency(subscriptionIds, ARM_LIST_CONCURRENCY, async (id) => {
      try {
        const services = await this.arm.listServices(id, signal);
        inventory.bySubscription.set(id, services);
        onListed?.(services);
      } catch (error) {
        if ((error as { name?: string }).name === 'AbortError') throw error;
        inventory.failures.set(id, isAppError(error) ? error.userMessage : String(error));
      }
    });
    return inventory;
  }
}

/** Services by the subscription (as the caller spelled it) their id names; every asked subscription gets a list. */
function group(subscriptionIds: readonly string[], services: readonly ApimService[]): Map<string, ApimService[]> {
  const byLower = new Map(subscriptionIds.map((id) => [id.toLowerCase(), [] as ApimService[]]));
  for (const service of services) byLower.get(subscriptionIdOf(service.id).toLowerCase())?.push(service);
  return new Map(subscriptionIds.map((id) => [id, byLower.get(id.toLowerCase()) ?? []]));
}
