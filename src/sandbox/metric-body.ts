/** The Azure Monitor `Metric` object (reference §2.2a) as both the metrics API and getBatch return it. */
import { REQUESTS_METRIC } from './metric-query';
import { formatInstant } from './time';
import { apiSeries, serviceBuckets, type ApiSeries } from './api-traffic';
import type { SandboxContext } from './context';
import { applyFilter, type DimensionFilter } from './metric-filter';
import type { MetricQuery } from './metric-query';
import type { ServiceRef } from './tenant';
import type { Bucket } from './traffic';

const DESCRIPTION = 'Gateway request metrics with multiple dimensions';

function metricHead(resourceId: string) {
  return {
    id: `${resourceId}/providers/Microsoft.Insights/metrics/${REQUESTS_METRIC}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: REQUESTS_METRIC, localizedValue: REQUESTS_METRIC },
    displayDescription: DESCRIPTION,
    unit: 'Count',
  };
}

export function requestsMetric(resourceId: string, buckets: readonly Bucket[]) {
  return {
    ...metricHead(resourceId),
    errorCode: 'Success',
    timeseries: [
      {
        metadatavalues: [],
        data: buckets.map((b) => ({ timeStamp: formatInstant(b.startMs), total: b.total })),
      },
    ],
  };
}

/** Bucket starts repeat across every service of a query: format each instant once (large tenants, many series). */
const instants = new Map<number, string>();
function instant(ms: number): string {
  let text = instants.get(ms);
  if (text === undefined) {
    if (instants.size > 10_000) instants.clear();
    text = formatInstant(ms);
    instants.set(ms, text);
  }
  return text;
}

/** `Requests` split by the ApiId dimension: one timeseries per API, named in `metadatavalues` as Azure does. */
export function splitRequestsMetric(resourceId: string, series: readonly ApiSeries[]) {
  return {
    ...metricHead(resourceId),
    errorCode: 'Success',
    timeseries: series.map((s) => ({
      metadatavalues: [{ name: { value: 'apiid', localizedValue: 'ApiId' }, value: s.apiId }],
      data: s.buckets.map((b) => ({ timeStamp: instant(b.startMs), total: b.total })),
    })),
  };
}

/** The metric for a service: one series, or split by API when the request has an ApiId filter. */
export function serviceMetric(
  ctx: SandboxContext,
  ref: ServiceRef,
  query: MetricQuery,
  filter: DimensionFilter | undefined,
  nowMs: number,
) {
  if (filter === undefined) return requestsMetric(ref.id, serviceBuckets(ctx, ref.service, query, nowMs));
  return splitRequestsMetric(ref.id, applyFilter(apiSeries(ctx, ref.service, query, nowMs), filter));
}

/** getBatch reports a resource it cannot find inside the item, without failing the other resources. */
export function missingResourceMetric(resourceId: string) {
  return {
    ...metricHead(resourceId),
    errorCode: 'ResourceNotFound',
    errorMessage: `The resource '${resourceId}' was not found.`,
    timeseries: [],
  };
}
