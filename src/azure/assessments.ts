import { SecurityCenter } from '@azure/arm-security';
import type { RecommendationStatus } from '../domain/onboarding-types';
import { boundedList, type BoundedList } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import { commonClientOptions, type AzureConnection } from './connection';
import { failureOf } from './errors';

export const ONBOARDING_RECOMMENDATION = 'Azure API Management APIs should be onboarded to Defender for APIs';
/** Upper bounds on items read; far above real tenants, they only stop a runaway pager. */
export const MAX_METADATA = 10_000;
export const MAX_ASSESSMENTS = 250_000;
const STATUSES: readonly RecommendationStatus[] = ['Healthy', 'Unhealthy', 'NotApplicable'];

/** One resource's result in a recommendation. */
export interface AssessedResource {
  /** ARM id of the assessed resource. */
  resourceId: string;
  status: RecommendationStatus;
  cause?: string;
  description?: string;
}

/**
 * Assessment key (GUID) of the onboarding recommendation per ARM endpoint. Microsoft does not publish it, so it is
 * looked up once per process by display name (reference §2.4); a failed lookup is not cached.
 */
const keyByEndpoint = new Map<string, Promise<string>>();

function statusOf(code: string | undefined): RecommendationStatus | undefined {
  return STATUSES.find((s) => s.toLowerCase() === code?.toLowerCase());
}

/** Defender for Cloud assessments through @azure/arm-security 5.0.0 (api-version 2021-06-01). */
export class AssessmentsApi {
  constructor(private readonly connection: AzureConnection) {}

  private client(subscriptionId: string): SecurityCenter {
    return new SecurityCenter(this.connection.credential, subscriptionId, commonClientOptions(this.connection));
  }

  /** The onboarding recommendation's result for every assessed resource (APIs) of the subscription. */
  async onboardingStatuses(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<AssessedResource>> {
    const key = (await this.onboardingKey(subscriptionId, signal)).toLowerCase();
    const found: AssessedResource[] = [];
    let read = 0;
    let stoppedEarly: string | undefined;
    try {
      // No server-side filter exists: list every assessment of the subscription and keep ours.
      for await (const a of this.client(subscriptionId).assessments.list(`subscriptions/${subscriptionId}`, {
        abortSignal: signal,
      })) {
        if (++read > MAX_ASSESSMENTS) {
          stoppedEarly = `the first ${MAX_ASSESSMENTS.toLocaleString('en-US')} assessments of the subscription`;
          break;
        }
        if (a.name?.toLowerCase() !== key) continue;
        // The SDK model has `id`; the service may send `Id` (Microsoft's own queries read that), passed through as is.
        const details = a.resourceDetails as { id?: string; Id?: string } | undefined;
        const resourceId = details?.Id ?? details?.id;
        const status = statusOf(a.status?.code);
        if (!resourceId || !status) continue;
        found.push({ resourceId, status, cause: a.status?.cause, description: a.status?.description });
      }
    } catch (error) {
      throw failureOf(error, 'read the Defender for APIs onboarding recommendation', 'Security Reader', signal);
    }
    return boundedList(found, stoppedEarly);
  }

  private onboardingKey(subscriptionId: string, signal?: AbortSignal): Promise<string> {
    const endpoint = this.connection.armEndpoint.toLowerCase();
    let key = keyByEndpoint.get(endpoint);
    if (key === undefined) {
      key = this.lookUpKey(subscriptionId, signal);
      keyByEndpoint.set(endpoint, key);
      const pending = key;
      pending.catch(() => {
        if (keyByEndpoint.get(endpoint) === pending) keyByEndpoint.delete(endpoint);
      });
    }
    return key;
  }

  private async lookUpKey(subscriptionId: string, signal?: AbortSignal): Promise<string> {
    let read = 0;
    try {
      for await (const m of this.client(subscriptionId).assessmentsMetadata.list({ abortSignal: signal })) {
        if (++read > MAX_METADATA) break;
        if (m.displayName === ONBOARDING_RECOMMENDATION && m.name) return m.name;
      }
    } catch (error) {
      throw failureOf(error, 'look up the Defender for APIs onboarding recommendation', 'Security Reader', signal);
    }
    throw new AppError(
      'azure_not_found',
      `I couldn't find the recommendation "${ONBOARDING_RECOMMENDATION}" in Defender for Cloud.`,
    );
  }
}
