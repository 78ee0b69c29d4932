/** Counting the onboarding recommendation's items and grouping the unhealthy APIs by service, for the status card. */
import type { ApiRef, RecommendationItem } from './onboarding-types';

export interface UnhealthyService {
  serviceId: string;
  serviceName: string;
  /** Sorted by display name. */
  apis: ApiRef[];
}

export interface RecommendationSummary {
  healthy: number;
  unhealthy: number;
  notApplicable: number;
  total: number;
  /** Services with at least one unhealthy API, sorted by service name. */
  unhealthyByService: UnhealthyService[];
  /** Resource ids of unhealthy items we could not map to an API (counted in `unhealthy`, but nothing to Fix). */
  unhealthyUnmapped: string[];
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

export function summarizeRecommendation(items: readonly RecommendationItem[]): RecommendationSummary {
  const counts = { Healthy: 0, Unhealthy: 0, NotApplicable: 0 };
  const services = new Map<string, UnhealthyService>();
  const unmapped: string[] = [];
  for (const item of items) {
    counts[item.status] += 1;
    if (item.status !== 'Unhealthy') continue;
    if (item.api === undefined) {
      unmapped.push(item.resourceId);
      continue;
    }
    // ARM ids compare case-insensitively.
    const key = item.api.serviceId.toLowerCase();
    const group = services.get(key) ?? { serviceId: item.api.serviceId, serviceName: item.api.serviceName, apis: [] };
    group.apis.push(item.api);
    services.set(key, group);
  }
  const unhealthyByService = [...services.values()]
    .map((group) => ({ ...group, apis: [...group.apis].sort((a, b) => byText(a.displayName, b.displayName)) }))
    .sort((a, b) => byText(a.serviceName, b.serviceName));
  return {
    healthy: counts.Healthy,
    unhealthy: counts.Unhealthy,
    notApplicable: counts.NotApplicable,
    total: items.length,
    unhealthyByService,
    unhealthyUnmapped: unmapped,
  };
}
