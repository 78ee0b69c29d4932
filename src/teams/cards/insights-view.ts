import type { Subscription } from '../../domain/azure-types';
import { formatCount } from '../../domain/format';
import type { ApiCollection } from '../../domain/onboarding-types';
import { horizontalBarChart, type ChartPoint } from './charts';

/** Collections listed one by one, riskiest first; the totals cover all of them. Keeps the card under 28 KB. */
export const INSIGHTS_SHOWN = 25;

/** The riskiest APIs shown at once; the rest of the list opens with a toggle. */
export const INSIGHTS_FIRST = 5;

/** "3 of 13 endpoints unauthenticated, 2 exposing sensitive data": the risk that matters first, in one line. */
function answerText(collections: readonly ApiCollection[], total: (pick: (c: ApiCollection) => number) => number) {
  const apis = `${collections.length} onboarded API${collections.length === 1 ? '' : 's'}`;
  if (collections.length === 0) return 'No API is onboarded yet';
  return `${apis}: ${formatCount(total((c) => c.unauthenticated))} of ${formatCount(total((c) => c.endpoints))} endpoints unauthenticated, ${formatCount(total((c) => c.sensitive))} exposing sensitive data`;
}

/** Onboarded API collections → cards/insights.json data. Pure. */
export function insightsView(subscription: Subscription, collections: readonly ApiCollection[]) {
  const total = (pick: (c: ApiCollection) => number): number => collections.reduce((n, c) => n + pick(c), 0);
  const sum = (pick: (c: ApiCollection) => number): string => formatCount(total(pick));
  const shown = collections.slice(0, INSIGHTS_SHOWN);
  const risk = (label: string, pick: (c: ApiCollection) => number, color: ChartPoint['color']): ChartPoint => ({
    label,
    value: total(pick),
    text: `${sum(pick)} endpoints`,
    color,
  });
  const row = (c: ApiCollection) => ({
    title: `${c.displayName} · ${c.serviceId.split('/').at(-1) ?? ''}${c.sensitivityLabel ? ` · ${c.sensitivityLabel}` : ''}`,
    counters: `${c.endpoints} endpoints: ${c.unauthenticated} unauthenticated, ${c.external} external, ${c.sensitive} sensitive, ${c.inactive} inactive`,
    baseUrl: c.baseUrl,
  });
  return {
    subscriptionName: subscription.name,
    answerText: answerText(collections, total),
    answerColor: total((c) => c.unauthenticated) + total((c) => c.sensitive) > 0 ? 'Attention' : 'Good',
    hasApis: collections.length > 0,
    riskChart: horizontalBarChart(
      'Endpoints at risk, all onboarded APIs',
      [
        risk('Unauthenticated', (c) => c.unauthenticated, 'attention'),
        risk('Sensitive data', (c) => c.sensitive, 'attention'),
        risk('External traffic', (c) => c.external, 'warning'),
        risk('Inactive (30 days)', (c) => c.inactive, 'neutral'),
      ],
      'Endpoints, all onboarded APIs',
    ),
    totals: [
      { title: 'Onboarded APIs', value: formatCount(collections.length) },
      { title: 'Endpoints', value: sum((c) => c.endpoints) },
      { title: 'Unauthenticated', value: sum((c) => c.unauthenticated) },
      { title: 'External (internet traffic)', value: sum((c) => c.external) },
      { title: 'Inactive (30 days)', value: sum((c) => c.inactive) },
      { title: 'Exposing sensitive data', value: sum((c) => c.sensitive) },
    ],
    shownText: collections.length > shown.length ? `${shown.length} of ${collections.length}` : `${collections.length}`,
    apis: shown.slice(0, INSIGHTS_FIRST).map(row),
    moreApis: shown.slice(INSIGHTS_FIRST).map(row),
    hasMoreApis: shown.length > INSIGHTS_FIRST,
    moreTitle: `Show ${shown.length - INSIGHTS_FIRST} more`,
  };
}
