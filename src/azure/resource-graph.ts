import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { ApimService } from '../domain/azure-types';
import type { OnListed } from '../services/ports';
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

/**
 * Resource Graph's quota is per user: one limiter per connection (a bot has one, for its one identity), shared by
 * the queries for services and for the onboarding state.
 */
const quotas = new WeakMap<AzureConnection, SlidingWindowLimiter>();
function quotaOf(connection: AzureConnection): SlidingWindowLimiter {
  let quota = quotas.get(connection);
  if (!quota) quotas.set(connection, (quota = new SlidingWindowLimiter(GRAPH_QUERIES)));
  return quota;
}

interface Page {
  rows: unknown[];
  totalRecords?: number;
  skipToken?: string;
}

/** Azure Resource Graph through @azure/arm-resourcegraph (POST /providers/Microsoft.ResourceGraph/resources, 2024-04-01). */
export class ResourceGraphApi {
  private readonly client: ResourceGraphClient;
  private readonly quota: SlidingWindowLimiter;

  constructor(connection: AzureConnection) {
    this.client = new ResourceGraphClient(connection.credential, commonClientOptions(connection));
    this.quota = quotaOf(connection);
  }

  /**
   * Every APIM service in the subscriptions; `truncated` when MAX_GRAPH_PAGES were read and more remained. Throws an
   * AppError (`azure_forbidden` when Resource Graph is denied).
   */
  async listApimServices(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
    onListed?: OnListed,
  ): Promise<{ services: ApimService[]; truncated: boolean }> {
    const byId = new Map<string, ApimService>();
    const onPage = (rows: readonly unknown[]): void => {
      const listed: ApimService[] = [];
      for (const row of rows as ServiceRow[]) {
        const service = apimServiceOf(row);
        if (!service) continue;
        const id = service.id.toLowerCase();
        // A row that moved between two pages while they were read is not counted (nor handed over) twice.
        if (!byId.has(id)) listed.push(service);
        byId.set(id, service);
      }
      onListed?.(listed);
    };
    try {
      const { truncated } = await this.queryAll(subscriptionIds, APIM_SERVICES_QUERY, signal, onPage);
      return { services: [...byId.values()], truncated };
    } catch (error) {
      throw failureOf(error, 'list the API Management services with Azure Resource Graph', undefined, signal);
    }
  }

  /**
   * Every row of an ordered query, in pages of 1,000. The first page gives the row count (`totalRecords`), so the
   * other pages are asked for at once by `$skip` (Resource Graph's documented way to page an ordered result), each
   * within the per-user quota; without a count they are followed one by one by `$skipToken`. `onPage` gets each
   * page's rows as it arrives (the first once the others are asked for). Throws what the SDK throws.
   */
  async queryAll(
    subscriptionIds: readonly string[],
    query: string,
    signal?: AbortSignal,
    onPage?: (rows: readonly unknown[]) => void,
  ): Promise<{ rows: unknown[]; truncated: boolean }> {
    const page = async (options: { skip?: number; skipToken?: string }) => {
      const read = await this.page(subscriptionIds, query, { top: PAGE_ROWS, ...options }, signal);
      onPage?.(read.rows);
      return read;
    };
    const first = await this.page(subscriptionIds, query, { top: PAGE_ROWS }, signal);
    const pages = [first];
    let truncated = false;
    if (first.skipToken && first.totalRecords !== undefined) {
      const count = Math.ceil(first.totalRecords / PAGE_ROWS);
      truncated = count > MAX_GRAPH_PAGES;
      const skips = Array.from({ length: Math.min(count, MAX_GRAPH_PAGES) - 1 }, (_, i) => (i + 1) * PAGE_ROWS);
      const others = Promise.all(skips.map((skip) => page({ skip })));
      // The first page's rows go on once the other pages are asked for (a tick later): reads started from them must
      // not queue ahead of the pages, whose rows start reads of their own. A page failing within that tick is
      // awaited below, not left unhandled.
      others.catch(() => undefined);
      if (onPage) await new Promise((resolve) => setImmediate(resolve));
      onPage?.(first.rows);
      pages.push(...(await others));
    } else {
      onPage?.(first.rows);
      for (let last = first; last.skipToken;) {
        if (pages.length >= MAX_GRAPH_PAGES) {
          truncated = true;
          break;
        }
        last = await page({ skipToken: last.skipToken });
        pages.push(last);
      }
    }
    return { rows: pages.flatMap((p) => p.rows), truncated };
  }

  private async page(
    subscriptionIds: readonly string[],
    query: string,
    options: { top: number; skip?: number; skipToken?: string },
    signal?: AbortSignal,
  ): Promise<Page> {
    await this.quota.acquire();
    const response = await this.client.resources(
      { subscriptions: [...subscriptionIds], query, options: { ...options, resultFormat: 'objectArray' } },
      { abortSignal: signal },
    );
    return {
      rows: (response.data ?? []) as unknown[],
      totalRecords: response.totalRecords,
      skipToken: response.skipToken || undefined,
    };
  }
}
