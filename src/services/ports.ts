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

/** Services just listed, handed over while the rest are still being listed (a Resource Graph page: 1,000). */
export type OnListed = (services: readonly ApimService[]) => void;

/** Listing APIM services of many subscriptions at once (Azure Resource Graph, ARM where it is denied). */
export interface InventoryReader {
  /** `onListed` gets every service once, page by page as they arrive, before the whole inventory resolves. */
  listApimServicesAcross(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
    onListed?: OnListed,
  ): Promise<ServiceInventory>;
}

/**
 * Traffic read while the services are still being listed, so that the metrics of the first page's services need
 * not wait for the last page. The reader decides when a read is worth starting (a whole batch of one subscription
 * and region), so the number of calls stays what one read of the complete list would make.
 */
export interface TrafficFeed {
  /** Services just listed (repeats are ignored). */
  add(services: readonly ApimService[]): void;
  /** The listing is over: the services still waiting for a whole batch are read too. */
  finish(): void;
  /** These services' traffic: what was read as they were listed, the others read now. Rejects only on a stop. */
  totals(services: readonly ApimService[], signal?: AbortSignal): Promise<RequestTotals>;
}

export interface TrafficFeedReader {
  /** `signalFor(subscription id, lower case)`: what the reads of that subscription's services listen to. */
  trafficFeed(window: TimeWindow, signalFor: (subscriptionId: string) => AbortSignal | undefined): TrafficFeed;
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
