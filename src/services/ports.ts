import type {
  ApimService,
  BoundedList,
  DefenderPlan,
  RequestTotals,
  ServiceInventory,
  Subscription,
  TimeWindow,
} from '../domain/azure-types';
import type { ApiOnboardingStatus } from '../domain/onboarding-types';

/**
 * What the services need from Azure, in our vocabulary. The Azure layer implements it over the real SDK
 * clients; services never see SDK types. Every call takes an AbortSignal so a shutdown can stop it.
 */
export interface AzureReader {
  listSubscriptions(signal?: AbortSignal): Promise<Subscription[]>;
  /** `stoppedEarly` is set when the list stopped at a bound before Azure gave every service. */
  listApimServices(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<ApimService>>;
  /** Sum of the `Requests` metric per service over the window; unreadable services are reported, not thrown. */
  requestTotals(services: readonly ApimService[], window: TimeWindow, signal?: AbortSignal): Promise<RequestTotals>;
  getDefenderPlan(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPlan>;
}

/** Listing APIM services of many subscriptions at once (Azure Resource Graph, ARM where it is denied). */
export interface InventoryReader {
  listApimServicesAcross(subscriptionIds: readonly string[], signal?: AbortSignal): Promise<ServiceInventory>;
}

/** Which APIs are onboarded or not applicable (the onboarding recommendation, without API lists). */
export interface OnboardingStatusReader {
  /**
   * Per subscription: the APIs' statuses in the recommendation. An API not listed counts as onboardable (Unhealthy,
   * or not assessed yet), so a reader may leave Unhealthy ones out. A subscription missing from the map could not
   * be read. Rejects only when the read stopped (AbortError) or failed for every subscription.
   */
  onboardingStatusesAcross(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, ApiOnboardingStatus[]>>;
}
