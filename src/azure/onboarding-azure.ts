import { boundedList, type ApimService, type BoundedList } from '../domain/azure-types';
import type { ApiCollection, ApiRef, RecommendationItem } from '../domain/onboarding-types';
import type { OnboardingAzure } from '../services/onboarding-ports';
import { mapWithConcurrency } from '../util/concurrency';
import { collectionApiId } from './api-collection-wire';
import { ApiCollectionsApi } from './api-collections';
import { ApiManagementApi } from './api-management';
import { ApimApisApi, apiRefOf } from './apim-apis';
import { AssessmentsApi, type AssessedResource } from './assessments';
import type { AzureConnection } from './connection';
import { isAbort } from './errors';

export interface OnboardingAzureOptions {
  /** API lists read at once when naming the recommendation's APIs; default 4. */
  apiListConcurrency?: number;
  /** Wait between onboarding polls in ms when Azure sends no Retry-After; default core-lro's 2000. */
  pollIntervalMs?: number;
}

/** …/service/{service}/apis/{api} (the assessed resource of the onboarding recommendation, reference §2.4). */
export const API_ID =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+)\/apis\/([^/]+)$/i;

/** OnboardingAzure over the thin SDK wrappers in this folder. */
export class SdkOnboardingAzure implements OnboardingAzure {
  private readonly assessments: AssessmentsApi;
  private readonly services: ApiManagementApi;
  private readonly apis: ApimApisApi;
  private readonly collections: ApiCollectionsApi;

  constructor(
    connection: AzureConnection,
    private readonly options: OnboardingAzureOptions = {},
  ) {
    this.assessments = new AssessmentsApi(connection);
    this.services = new ApiManagementApi(connection);
    this.apis = new ApimApisApi(connection);
    this.collections = new ApiCollectionsApi(connection);
  }

  async getRecommendation(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<RecommendationItem>> {
    const [assessed, services] = await Promise.all([
      this.assessments.onboardingStatuses(subscriptionId, signal),
      this.services.listServices(subscriptionId, signal),
    ]);
    const serviceById = new Map(services.map((s) => [s.id.toLowerCase(), s]));
    const located = assessed.map((item) => ({ item, ...locate(item.resourceId, serviceById) }));
    const named = await this.apiNames([...new Set(located.flatMap((l) => l.service ?? []))], signal);
    const items = located.map(({ item, service, apiName }) => ({
      api:
        service && apiName
          ? (named.get(key(service.id, apiName)) ?? apiRefOf(service, apiName, apiName, ''))
          : undefined,
      resourceId: item.resourceId,
      status: item.status,
      ...details(item),
    }));
    return boundedList(items, assessed.stoppedEarly ?? services.stoppedEarly);
  }

  listApis(service: ApimService, signal?: AbortSignal): Promise<ApiRef[]> {
    return this.apis.listApis(service, signal);
  }

  listCollections(subscriptionId: string, signal?: AbortSignal): Promise<ApiCollection[]> {
    return this.collections.listBySubscription(subscriptionId, signal);
  }

  getCollection(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection | undefined> {
    return this.collections.get(api.serviceId, api.apiName, signal);
  }

  settledCollection(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection | undefined> {
    return this.collections.settled(api.serviceId, api.apiName, {
      abortSignal: signal,
      pollIntervalMs: this.options.pollIntervalMs,
    });
  }

  onboard(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection> {
    return this.collections.onboard(api.serviceId, api.apiName, {
      abortSignal: signal,
      pollIntervalMs: this.options.pollIntervalMs,
    });
  }

  /**
   * Display names and paths of the APIs of these services, for cards. A service whose APIs cannot be read is left
   * out: its items still carry an ApiRef, named by the API id, so they can be shown and fixed.
   */
  private async apiNames(services: ApimService[], signal?: AbortSignal): Promise<Map<string, ApiRef>> {
    const named = new Map<string, ApiRef>();
    await mapWithConcurrency(services, this.options.apiListConcurrency ?? 4, async (service) => {
      try {
        for (const api of await this.apis.listApis(service, signal)) named.set(key(service.id, api.apiName), api);
      } catch (error) {
        if (isAbort(error)) throw error;
      }
    });
    return named;
  }
}

function key(serviceId: string, apiName: string): string {
  return `${serviceId}/${apiName}`.toLowerCase();
}

function locate(resourceId: string, serviceById: Map<string, ApimService>) {
  const m = API_ID.exec(resourceId);
  const service = m === null ? undefined : serviceById.get((m[1] ?? '').toLowerCase());
  // A non-current revision would read "name;rev=n": it is the same API to onboard.
  return { service, apiName: m?.[2] === undefined ? undefined : collectionApiId(m[2]) };
}

function details(item: AssessedResource): { cause?: string; description?: string } {
  return {
    ...(item.cause ? { cause: item.cause } : {}),
    ...(item.description ? { description: item.description } : {}),
  };
}
