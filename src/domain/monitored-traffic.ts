/**
 * Which traffic Defender for APIs would bill. It bills the traffic it monitors: that of onboarded APIs. From the
 * `Requests` split by `ApiId` and the onboarding recommendation we get three figures: the APIs onboarded now, every
 * onboardable API (Consumption-tier services and NotApplicable APIs excluded), and all APIM traffic (Microsoft's
 * calculator and estimator script use this one). Pure.
 */
import type { ApimService, ServiceTrafficDetail } from './azure-types';
import type { ApiOnboardingStatus } from './onboarding-types';

export interface MonitoredTraffic {
  /** Every APIM request: Microsoft's method. */
  all: number;
  /** Requests of APIs onboarded now (Healthy in the recommendation); undefined when unknown. */
  onboarded?: number;
  /** Requests if every onboardable API were onboarded; undefined when unknown. */
  onboardable?: number;
  /** Onboardable APIs not onboarded yet, and their requests. */
  pendingApis: number;
  pendingRequests: number;
  /** The figure plans are compared on: `onboardable` when known, else `all`. */
  basis: 'onboardable' | 'all';
  /** Why `all` is used, for the card. */
  basisReason?: string;
}

export interface ServiceSplit {
  service: ApimService;
  detail?: ServiceTrafficDetail;
}

type ApiClass = 'onboarded' | 'pending' | 'excluded';

function classify(service: ApimService, apiId: string, status: ApiOnboardingStatus['status'] | undefined): ApiClass {
  if (service.sku.toLowerCase() === 'consumption' || apiId === '') return 'excluded';
  if (status === 'Healthy') return 'onboarded';
  if (status === 'NotApplicable') return 'excluded';
  // Unhealthy, or not assessed yet (a new API shows up in the recommendation within the hour): onboardable.
  return 'pending';
}

const keyOf = (serviceId: string, apiName: string): string => `${serviceId.toLowerCase()}|${apiName.toLowerCase()}`;

/**
 * `items` undefined = the recommendation could not be read. Services without a split (`detail` missing or cut
 * short) make the per-API figures unknown: the estimate then falls back to all traffic and says why.
 */
export function monitoredTraffic(
  services: readonly ServiceSplit[],
  items: readonly ApiOnboardingStatus[] | undefined,
): MonitoredTraffic {
  const all = services.reduce((sum, s) => sum + (s.detail?.total ?? 0), 0);
  const unsplit = services.filter((s) => s.detail !== undefined && !s.detail.splitComplete).length;
  const unknown = (basisReason: string): MonitoredTraffic => ({
    all,
    pendingApis: 0,
    pendingRequests: 0,
    basis: 'all',
    basisReason,
  });
  if (items === undefined)
    return unknown(
      "I couldn't read which APIs are onboarded (the bot needs Security Reader), so this uses all traffic.",
    );
  if (unsplit > 0)
    return unknown(
      `${unsplit} service${unsplit === 1 ? ' has' : 's have'} too many APIs to split by API, so this uses all traffic.`,
    );
  const status = new Map(items.map((i) => [keyOf(i.serviceId, i.apiName), i.status]));
  let onboarded = 0;
  let pendingRequests = 0;
  let pendingApis = 0;
  for (const { service, detail } of services) {
    for (const [apiId, requests] of detail?.byApi ?? []) {
      const cls = classify(service, apiId, status.get(keyOf(service.id, apiId)));
      if (cls === 'onboarded') onboarded += requests;
      if (cls === 'pending') {
        pendingRequests += requests;
        pendingApis += 1;
      }
    }
  }
  return {
    all,
    onboarded,
    onboardable: onboarded + pendingRequests,
    pendingApis,
    pendingRequests,
    basis: 'onboardable',
  };
}

/** The figure plans are compared on. */
export function billedTraffic(m: MonitoredTraffic): number {
  return m.basis === 'onboardable' ? (m.onboardable ?? m.all) : m.all;
}
