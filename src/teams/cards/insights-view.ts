import type { Subscription } from '../../domain/azure-types';
import { formatCount } from '../../domain/format';
import type { ApiCollection } from '../../domain/onboarding-types';

/** Collections listed one by one, riskiest first; the totals cover all of them. Keeps the card under 28 KB. */
export const INSIGHTS_SHOWN = 25;

/** Onboarded API collections → cards/insights.json data. Pure. */
export function insightsView(subscription: Subscription, collections: readonly ApiCollection[]) {
  const sum = (pick: (c: ApiCollection) => number): string => formatCount(collections.reduce((n, c) => n + pick(c), 0));
  const shown = collections.slice(0, INSIGHTS_SHOWN);
  return {
    subscriptionName: subscription.name,
    totals: [
      { title: 'Onboarded APIs', value: formatCount(collections.length) },
      { title: 'Endpoints', value: sum((c) => c.endpoints) },
      { title: 'Unauthenticated', value: sum((c) => c.unauthenticated) },
      { title: 'External (internet traffic)', value: sum((c) => c.external) },
      { title: 'Inactive (30 days)', value: sum((c) => c.inactive) },
      { title: 'Exposing sensitive data', value: sum((c) => c.sensitive) },
    ],
    shownText: collections.length > shown.length ? `${shown.length} of ${collections.length}` : `${collections.length}`,
    apis: shown.map((c) => ({
      title: `${c.displayName} · ${c.serviceId.split('/').at(-1) ?? ''}${c.sensitivityLabel ? ` · ${c.sensitivityLabel}` : ''}`,
      counters: `${c.endpoints} endpoints: ${c.unauthenticated} unauthenticated, ${c.external} external, ${c.sensitive} sensitive, ${c.inactive} inactive`,
      baseUrl: c.baseUrl,
    })),
  };
}
