/**
 * Our vocabulary for onboarding APIs to Defender for APIs: the APIs of API Management services, their status in the
 * recommendation "Azure API Management APIs should be onboarded to Defender for APIs", and the API collections
 * (onboarded APIs) with their security insight counters. The Azure layer maps wire formats onto these.
 */

/** One API of an API Management service: what a Fix button onboards. */
export interface ApiRef {
  /** ARM id of the APIM service: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ApiManagement/service/{name} */
  serviceId: string;
  serviceName: string;
  resourceGroup: string;
  /** ARM region name, lower case without spaces: "eastus". */
  region: string;
  /** APIM tier: Developer | Basic | Standard | Premium | Consumption | BasicV2 | StandardV2 | PremiumV2 | Isolated */
  sku: string;
  /** APIM API id (the resource name), without any ";rev=n" revision suffix. */
  apiName: string;
  displayName: string;
  /** URL suffix under the gateway, e.g. "orders"; "" when unknown. */
  path: string;
}

export type RecommendationStatus = 'Healthy' | 'Unhealthy' | 'NotApplicable';

/** One assessed resource of the onboarding recommendation. */
export interface RecommendationItem {
  /** The API, when the assessed resource id names an API of a service we can see; undefined otherwise. */
  api: ApiRef | undefined;
  /** ARM id of the assessed resource, as Azure reports it. */
  resourceId: string;
  status: RecommendationStatus;
  /** Programmatic reason, mostly for NotApplicable (e.g. "OffByPolicy"). */
  cause?: string;
  /** Human-readable reason Azure gives. */
  description?: string;
}

/** An onboarded API (Microsoft.Security/apiCollections) and its security insights. */
export interface ApiCollection {
  /** ARM id of the APIM service the API belongs to. */
  serviceId: string;
  apiName: string;
  displayName: string;
  /** Gateway URL of the API, e.g. https://apim-contoso.azure-api.net/orders */
  baseUrl: string;
  /** Endpoints (operations) of the API Defender for APIs knows of. */
  endpoints: number;
  /** Endpoints without traffic in the last 30 days. */
  inactive: number;
  /** Endpoints reachable without authentication. */
  unauthenticated: number;
  /** Endpoints that received traffic from the internet. */
  external: number;
  /** Endpoints exposing sensitive data in requests or responses. */
  sensitive: number;
  /** Highest Microsoft Purview sensitivity label seen, e.g. "Highly Confidential". */
  sensitivityLabel?: string;
  /** Succeeded | InProgress | Failed | Canceled (Azure's string, passed through). */
  provisioningState: string;
}

/** One API's status in the onboarding recommendation, as the estimate needs it. */
export interface ApiOnboardingStatus {
  /** ARM id of the APIM service. */
  serviceId: string;
  /** APIM API id, without ";rev=n". */
  apiName: string;
  status: RecommendationStatus;
}
