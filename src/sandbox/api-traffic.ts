/**
 * Traffic per API (interfaces.md §3): an API may carry its own `dailyRequests`; if any API of a service has one, the
 * service's `Requests` are the sum of its APIs' and its own `dailyRequests` are not used; otherwise the service's
 * traffic is split evenly over its APIs (whole requests; the remainder goes to the first APIs). A service without
 * APIs has one series that names no API.
 */
import type { SandboxContext } from './context';
import type { MetricQuery } from './metric-query';
import type { ScenarioService } from './scenario';
import { bucketTotals, type Bucket } from './traffic';

export interface ApiSeries {
  /** APIM API id; "" for traffic that matched no API. */
  apiId: string;
  buckets: Bucket[];
}

function bucketsOf(ctx: SandboxContext, daily: ScenarioService['dailyRequests'], query: MetricQuery, nowMs: number) {
  const model = { daily: daily ?? [], lastDayStartMs: ctx.lastDayStartMs };
  return bucketTotals(model, query.startMs, query.endMs, query.intervalMs, nowMs);
}

/** Splits `total` into `parts` shares: whole requests when the total is whole, otherwise plain division. */
function share(total: number, parts: number, index: number): number {
  if (!Number.isInteger(total)) return total / parts;
  const base = Math.floor(total / parts);
  return base + (index < total - base * parts ? 1 : 0);
}

export function apiSeries(
  ctx: SandboxContext,
  service: ScenarioService,
  query: MetricQuery,
  nowMs: number,
): ApiSeries[] {
  const apis = service.apis ?? [];
  if (apis.some((api) => api.dailyRequests !== undefined)) {
    return apis.map((api) => ({ apiId: api.name, buckets: bucketsOf(ctx, api.dailyRequests, query, nowMs) }));
  }
  const buckets = bucketsOf(ctx, service.dailyRequests, query, nowMs);
  if (apis.length === 0) return [{ apiId: '', buckets }];
  return apis.map((api, i) => ({
    apiId: api.name,
    buckets: buckets.map((b) => ({ startMs: b.startMs, total: share(b.total, apis.length, i) })),
  }));
}

/** The service's own `Requests` (no split): the sum over its series. */
export function serviceBuckets(ctx: SandboxContext, service: ScenarioService, query: MetricQuery, nowMs: number) {
  const series = apiSeries(ctx, service, query, nowMs);
  return (series[0]?.buckets ?? []).map((b, i) => ({
    startMs: b.startMs,
    total: series.reduce((sum, s) => sum + (s.buckets[i]?.total ?? 0), 0),
  }));
}
