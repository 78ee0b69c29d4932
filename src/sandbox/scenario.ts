/**
 * The sandbox scenario file (docs: interfaces.md §3). The shape is a contract with operators and test harnesses,
 * so these types mirror it field for field; the only additions are optional (`pageSize`, fault `code`/`message`,
 * `onboardingRunningPolls`, API `insights`).
 */
export const PRICING_TIERS = ['Free', 'Standard'] as const;
export type PricingTier = (typeof PRICING_TIERS)[number];

/** Defender for APIs sub-plans as they appear on the wire (`subPlan`). */
export const API_SUB_PLANS = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type ApiSubPlan = (typeof API_SUB_PLANS)[number];

export const APIM_SKUS = [
  'Developer',
  'Basic',
  'Standard',
  'Premium',
  'Consumption',
  'BasicV2',
  'StandardV2',
  'PremiumV2',
] as const;
export type ApimSku = (typeof APIM_SKUS)[number];

export const RECOMMENDATION_STATUSES = ['Unhealthy', 'Healthy', 'NotApplicable'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * Requests per UTC calendar day, oldest first; the last entry is the day that contains the scenario's `now`.
 * `{ perDay: N }` means N requests every day, as far back as anyone asks.
 */
export type DailyRequests = number[] | { perDay: number };

export interface DefenderForApisPlan {
  pricingTier: PricingTier;
  /** Only meaningful with Standard; Standard without a sub-plan means P1. */
  subPlan?: ApiSubPlan;
}

/**
 * Optional per-API overrides of the Defender for APIs security insight counters an onboarded API's collection shows
 * (Microsoft.Security/apiCollections). Anything left out is derived deterministically from the API's name.
 */
export interface ApiInsights {
  /** numberOfApiEndpoints; the other counters are at most this. */
  endpoints?: number;
  /** numberOfInactiveApiEndpoints: no traffic in the last 30 days. */
  inactive?: number;
  /** numberOfUnauthenticatedApiEndpoints. */
  unauthenticated?: number;
  /** numberOfExternalApiEndpoints: traffic from the internet was observed. */
  external?: number;
  /** numberOfApiEndpointsWithSensitiveDataExposed. */
  sensitive?: number;
  /** Highest Microsoft Purview sensitivity label seen; "" means none. */
  sensitivityLabel?: string;
}

export interface ScenarioApi {
  name: string;
  displayName: string;
  path: string;
  onboarded?: boolean;
  recommendation?: RecommendationStatus;
  insights?: ApiInsights;
  /** The API's own `Requests` per day (same forms as a service's); see interfaces.md §3. */
  dailyRequests?: DailyRequests;
}

export interface ScenarioService {
  name: string;
  resourceGroup: string;
  /** ARM region name, e.g. "eastus". */
  location: string;
  sku: ApimSku;
  dailyRequests?: DailyRequests;
  apis?: ScenarioApi[];
}

export interface ScenarioSubscription {
  subscriptionId: string;
  displayName: string;
  defenderForApis?: DefenderForApisPlan;
  apiManagementServices?: ScenarioService[];
}

/** Entra groups for the sandbox's Microsoft Graph: members are user object ids or other groups' ids (nesting). */
export interface ScenarioGraph {
  groups: { id: string; displayName?: string; members: string[] }[];
}

export interface ScenarioFault {
  /** HTTP method to match; omitted = any method. */
  method?: string;
  /** Tested against the request path with its query, exactly as received (as listed by GET /_sandbox/requests). */
  pathRegex: string;
  /** Required unless `hang` is true. */
  status?: number;
  /** Accept the request and never answer it (timeout tests); `status` is then ignored. */
  hang?: boolean;
  /** Seconds, sent as Retry-After on 429 and 503; default 1. */
  retryAfterSeconds?: number;
  /** How many matching requests get the fault; omitted = every matching request. */
  count?: number;
  /** Optional ARM error code and message; defaults depend on the status. */
  code?: string;
  message?: string;
}

export interface Scenario {
  /** ISO 8601 instant; the sandbox clock starts here and advances in real time. Default: real time. */
  now?: string;
  /** Milliseconds added to every ARM response. */
  latencyMs?: number;
  /** Items per page of paged lists; default 5. */
  pageSize?: number;
  /** Polls of an onboarding (apiCollections PUT) operation that answer "still running" before it succeeds; default 1. */
  onboardingRunningPolls?: number;
  /** How a poll of a running onboarding answers: "202" (default) or "200-in-progress" (200, provisioningState InProgress). */
  onboardingPollShape?: '202' | '200-in-progress';
  /** Throttle like Azure's published limits (ARM token buckets, Resource Graph quota); default false. */
  armThrottling?: boolean;
  subscriptions: ScenarioSubscription[];
  faults?: ScenarioFault[];
  graph?: ScenarioGraph;
}
