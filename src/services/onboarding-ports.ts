import type { ApimService, BoundedList } from '../domain/azure-types';
import type { ApiCollection, ApiRef, RecommendationItem } from '../domain/onboarding-types';

/**
 * What onboarding needs from Azure, in our vocabulary (the Azure layer implements it over the real SDK and REST
 * clients). Failures are AppErrors; every call takes an AbortSignal so a shutdown can stop it.
 */
export interface OnboardingAzure {
  /** Every assessed resource of "Azure API Management APIs should be onboarded to Defender for APIs". */
  getRecommendation(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<RecommendationItem>>;
  /** The current APIs of an API Management service. */
  listApis(service: ApimService, signal?: AbortSignal): Promise<ApiRef[]>;
  /** The onboarded APIs of the subscription with their security insights. */
  listCollections(subscriptionId: string, signal?: AbortSignal): Promise<ApiCollection[]>;
  /** The API's collection, or undefined when it is not onboarded. */
  getCollection(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection | undefined>;
  /**
   * The API's collection once Azure has finished with it: a collection still being onboarded is polled until its
   * provisioningState is terminal. Undefined when the API is not onboarded.
   */
  settledCollection(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection | undefined>;
  /** Onboards the API and waits until Azure has finished; onboarding an onboarded API is not an error. */
  onboard(api: ApiRef, signal?: AbortSignal): Promise<ApiCollection>;
}
