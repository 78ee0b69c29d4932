import type { ApiOnboardingStatus, RecommendationStatus } from '../domain/onboarding-types';
import type { OnboardingStatusReader } from '../services/ports';
import { mapWithConcurrency } from '../util/concurrency';
import { collectionApiId } from './api-collection-wire';
import { AssessmentsApi, ONBOARDING_RECOMMENDATION } from './assessments';
import type { AzureConnection } from './connection';
import { isAbort, statusOf } from './errors';
import { API_ID } from './onboarding-azure';
import { ResourceGraphApi } from './resource-graph';
import { subscriptionIdOf } from './resource-ids';

/**
 * The onboarding recommendation's results that are not Unhealthy, across subscriptions, as Microsoft's Defender for
 * Cloud docs query assessments with Resource Graph (reference §4): Unhealthy is what an API not listed counts as
 * anyway (onboardable), so those rows, usually most of them, are not transferred at all.
 */
export const ONBOARDING_STATES_QUERY = [
  "securityresources | where type == 'microsoft.security/assessments'",
  `where properties.displayName == '${ONBOARDING_RECOMMENDATION}'`,
  'extend resourceId = tostring(coalesce(properties.resourceDetails.Id, properties.resourceDetails.id)), statusCode = tostring(properties.status.code)',
  "where statusCode != 'Unhealthy'",
  'project resourceId, statusCode',
  'order by resourceId asc',
].join(' | ');
/** Subscriptions whose assessments are listed over ARM at once when Resource Graph is denied (paged lists each). */
const ARM_CONCURRENCY = 4;
const STATUSES: readonly RecommendationStatus[] = ['Healthy', 'Unhealthy', 'NotApplicable'];

/** The API an assessed resource id names, with its status; undefined for anything that is not an APIM API. */
function statusOfApi(resourceId: string, code: string | undefined): ApiOnboardingStatus | undefined {
  const m = API_ID.exec(resourceId);
  const status = STATUSES.find((s) => s.toLowerCase() === code?.toLowerCase());
  if (m === null || status === undefined) return undefined;
  return { serviceId: m[1] ?? '', apiName: collectionApiId(m[2] ?? ''), status };
}

/**
 * Which APIs are onboarded or not applicable, straight from the recommendation's assessments: the assessed resource
 * id names the service and the API, so no API lists are read (the estimate needs only this). One Resource Graph
 * query for every subscription; where Resource Graph is denied or does not take the query (403, 400), each
 * subscription's assessments are listed over ARM instead.
 */
export class SdkOnboardingStatuses implements OnboardingStatusReader {
  private readonly assessments: AssessmentsApi;
  private readonly graph: ResourceGraphApi;

  constructor(connection: AzureConnection) {
    this.assessments = new AssessmentsApi(connection);
    this.graph = new ResourceGraphApi(connection);
  }

  async onboardingStatusesAcross(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, ApiOnboardingStatus[]>> {
    if (subscriptionIds.length === 0) return new Map();
    try {
      const { rows, truncated } = await this.graph.queryAll(subscriptionIds, ONBOARDING_STATES_QUERY, signal);
      if (!truncated) return this.fromGraph(subscriptionIds, rows as { resourceId?: string; statusCode?: string }[]);
    } catch (error) {
      if (isAbort(error) || ![400, 401, 403].includes(statusOf(error) ?? 0)) throw error;
    }
    return this.overArm(subscriptionIds, signal);
  }

  private fromGraph(subscriptionIds: readonly string[], rows: { resourceId?: string; statusCode?: string }[]) {
    const byLower = new Map(subscriptionIds.map((id) => [id.toLowerCase(), [] as ApiOnboardingStatus[]]));
    for (const row of rows) {
      const status = statusOfApi(row.resourceId ?? '', row.statusCode);
      if (status) byLower.get(subscriptionIdOf(status.serviceId).toLowerCase())?.push(status);
    }
    return new Map(subscriptionIds.map((id) => [id, byLower.get(id.toLowerCase()) ?? []]));
  }

  /** Per subscription over ARM; one that fails is left out of the map (its state could not be read). */
  private async overArm(subscriptionIds: readonly string[], signal?: AbortSignal) {
    const found = new Map<string, ApiOnboardingStatus[]>();
    await mapWithConcurrency(subscriptionIds, ARM_CONCURRENCY, async (id) => {
      try {
        const assessed = await this.assessments.onboardingStatuses(id, signal);
        found.set(
          id,
          assessed.flatMap((item) => statusOfApi(item.resourceId, item.status) ?? []),
        );
      } catch (error) {
        // A stop (shutdown) ends the read; a deadline has become an azure_timeout, and leaves this one out.
        if (isAbort(error)) throw error;
      }
    });
    return found;
  }
}
