import type { ApiOnboardingStatus } from '../domain/onboarding-types';
import type { OnboardingStatusReader } from '../services/ports';
import { collectionApiId } from './api-collection-wire';
import { AssessmentsApi } from './assessments';
import type { AzureConnection } from './connection';
import { API_ID } from './onboarding-azure';

/**
 * Which APIs are onboarded, onboardable or not applicable, straight from the recommendation's assessments: the
 * assessed resource id names the service and the API, so no API lists are read (the estimate needs only this).
 */
export class SdkOnboardingStatuses implements OnboardingStatusReader {
  private readonly assessments: AssessmentsApi;

  constructor(connection: AzureConnection) {
    this.assessments = new AssessmentsApi(connection);
  }

  async onboardingStatuses(subscriptionId: string, signal?: AbortSignal): Promise<ApiOnboardingStatus[]> {
    const assessed = await this.assessments.onboardingStatuses(subscriptionId, signal);
    return assessed.flatMap((item) => {
      const m = API_ID.exec(item.resourceId);
      if (m === null) return [];
      return [{ serviceId: m[1] ?? '', apiName: collectionApiId(m[2] ?? ''), status: item.status }];
    });
  }
}
