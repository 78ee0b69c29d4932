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

const apiIdValues = (apiId: string) => [{ name: { value: 'apiid', localizedValue: 'ApiId' }, value: apiId }];

/** `Requests` split by the ApiId dimension: one timeseries per API, named in `metadatavalues` as Azure does. */
export function splitRequestsMetric(resourceId: string, series: readonly ApiSeries[]) {
  return {
    ...metricHead(resourceId),
    errorCode: 'Success',
    timeseries: series.map((s) => ({
      metadatavalues: apiIdValues(s.apiId),
      data: s.buckets.map((b) => ({ timeStamp: instant(b.startMs), total: b.total })),
    })),
  };
}

/**
 * A series' points, `[{"timeStamp": …, "total": …}, …]`, as the text JSON.stringify makes of them, written directly:
 * a getBatch read of 10,000 services is 300,000 points, and building, serializing and collecting an object for each
 * cost the sandbox about as much CPU as the bot's whole read, on the cores the benchmark shares with the bot.
 */
export function pointsJson(buckets: readonly Bucket[]): string {
  let text = '[';
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as Bucket;
    const total = Number.isFinite(b.total) ? String(b.total) : 'null';
    text += `${i === 0 ? '' : ','}{"timeStamp":"${instant(b.startMs)}","total":${total}}`;
  }
  return `${text}]`;
}

/** serviceMetric's JSON text (what JSON.stringify makes of it), the split series' points written by pointsJson. */
export function serviceMetricJson(
  ctx: SandboxContext,
  ref: ServiceRef,
  query: MetricQuery,
  filter: DimensionFilter | undefined,
  nowMs: number,
): string {
  if (filter === undefined) return JSON.stringify(serviceMetric(ctx, ref, query, filter, nowMs));
  const series = applyFilter(apiSeries(ctx, ref.service, query, nowMs), filter);
  const head = JSON.stringify({ ...metricHead(ref.id), errorCode: 'Success' });
  const timeseries = series.map(
    (s) => `{"metadatavalues":${JSON.stringify(apiIdValues(s.apiId))},"data":${pointsJson(s.buckets)}}`,
  );
  // The head's closing brace gives way to the last key, as in the object: timeseries comes after errorCode.
  return `${head.slice(0, -1)},"timeseries":[${timeseries.join(',')}]}`;
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
