import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { ApimService } from '../domain/azure-types';
import { commonClientOptions, type AzureConnection } from './connection';
import { SlidingWindowLimiter } from '../util/rate-limiter';
import { failureOf } from './errors';
import { GRAPH_QUERIES } from './pacing';
import { apimServiceOf } from './resource-ids';

/**
 * The one query that lists API Management services across subscriptions (the same one Microsoft's onboarding script
 * uses), projected to what the estimate needs and ordered by id so pages are stable.
 */
export const APIM_SERVICES_QUERY =
  "Resources | where type =~ 'microsoft.apimanagement/service' | project id, name, location, sku | order by id asc";
/** Resource Graph's largest page ($top). */
export const PAGE_ROWS = 1000;
/** Pages followed at most (100,000 services); far above real tenants, it only stops a runaway pager. */
export const MAX_GRAPH_PAGES = 100;

interface ServiceRow {
  id?: string;
  name?: string;
  location?: string;
  sku?: { name?: string } | null;
}

/** Azure Resource Graph through @azure/arm-resourcegraph (POST /providers/Microsoft.ResourceGraph/resources, 2024-04-01). */
export class ResourceGraphApi {
  private readonly client: ResourceGraphClient;
  /** Resource Graph's own quota is per user: one limiter for this identity. */
  private readonly quota = new SlidingWindowLimiter(GRAPH_QUERIES);

  constructor(connection: AzureConnection) {
    this.client = new ResourceGraphClient(connection.credential, commonClientOptions(connection));
  }

  /**
   * Every APIM service in the subscriptions, in pages of 1,000 rows; `truncated` when MAX_GRAPH_PAGES were read and
   * more remained. Throws an AppError (`azure_forbidden` when Resource Graph is denied).
   */
  async listApimServices(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ services: ApimService[]; truncated: boolean }> {
    const services: ApimService[] = [];
    let skipToken: string | undefined;
    try {
      for (let page = 0; page < MAX_GRAPH_PAGES; page++) {
        await this.quota.acquire();
        const response = await this.client.resources(
          {
            subscriptions: [...subscriptionIds],
            query: APIM_SERVICES_QUERY,
            options: { top: PAGE_ROWS, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) },
          },
          { abortSignal: signal },
        );
        for (const row of (response.data ?? []) as ServiceRow[]) {
          const service = apimServiceOf(row);
          if (service) services.push(service);
        }
        skipToken = response.skipToken || undefined;
        if (!skipToken) break;
      }
    } catch (error) {
      throw failureOf(error, 'list the API Management services with Azure Resource Graph', undefined, signal);
    }
    return { services, truncated: skipToken !== undefined };
  }
}
