/** Our vocabulary for what we read from Azure; the Azure layer maps SDK models onto these. */
export interface Subscription {
  id: string;
  name: string;
}

export interface ApimService {
  /** ARM resource id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ApiManagement/service/{name} */
  id: string;
  name: string;
  resourceGroup: string;
  /** ARM region name, lower case without spaces: "eastus". */
  region: string;
  /** Developer | Basic | Standard | Premium | Consumption | BasicV2 | StandardV2 | PremiumV2 | Isolated */
  sku: string;
}

export interface DefenderPlan {
  tier: 'Free' | 'Standard';
  /** Set when tier is Standard; Azure's default sub-plan is P1. */
  planId?: import('./plans').PlanId;
  enabledSince?: Date;
  /** ISO 8601 duration as Azure reports it, e.g. "P12D" or "PT0S". */
  freeTrialRemaining?: string;
}

export interface TimeWindow {
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** One service's `Requests` over the window, split by API and by day. */
export interface ServiceTrafficDetail {
  total: number;
  /** API id (without ";rev=n") → requests; "" = requests Azure attributed to no API. */
  byApi: Map<string, number>;
  /** Requests per UTC day of the window, oldest first. */
  daily: number[];
  /** False when Azure may have cut the list of APIs short (as many series as asked for came back). */
  splitComplete: boolean;
}

export interface RequestTotals {
  /** `Requests` metric total per service id, for the services whose metrics could be read. */
  byServiceId: Map<string, number>;
  /** The same services' traffic split by API and day (ApiId dimension); absent from readers that cannot split. */
  details?: Map<string, ServiceTrafficDetail>;
  /** Services whose metrics could not be read after retries: service id → reason a person can act on. */
  failures: Map<string, string>;
}

/**
 * A list read from Azure that may have stopped at one of our bounds (pages, services, assessments) before Azure
 * had given everything. `stoppedEarly` then says which bound, e.g. "the first 5,000 API Management services", and
 * whatever is computed from the list is a lower bound and must say so.
 */
export type BoundedList<T> = T[] & { stoppedEarly?: string };

/** `items`, marked as stopped early at `bound` when given. */
export function boundedList<T>(items: T[], stoppedEarly?: string): BoundedList<T> {
  return stoppedEarly === undefined ? items : Object.assign(items, { stoppedEarly });
}

/** APIM services of several subscriptions, listed at once. */
export interface ServiceInventory {
  /** Subscription id (as asked) → its services; only subscriptions that could be listed. */
  bySubscription: Map<string, BoundedList<ApimService>>;
  /** Subscriptions that could not be listed: subscription id → reason a person can act on. */
  failures: Map<string, string>;
  /** How the services were listed: one Resource Graph query, or ARM per subscription (Resource Graph denied). */
  source: 'resourceGraph' | 'arm';
}
