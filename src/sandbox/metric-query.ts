/**
 * The query parameters shared by the per-resource metrics API and metrics:getBatch, checked the way Azure Monitor
 * does for an API Management service: only the `Requests` metric with the `Total` aggregation is simulated.
 */
import { badRequest } from './arm-errors';
import { formatDuration, HOUR_MS, MINUTE_MS, parseDuration, parseInstant } from './time';
import { APIM_TYPE } from './tenant';
import { bucketCount } from './traffic';

export const REQUESTS_METRIC = 'Requests';
/** Refuse answers larger than this many data points (30 days at PT1M is 43,200). */
const MAX_DATA_POINTS = 100_000;

export interface MetricQuery {
  startMs: number;
  endMs: number;
  /** Bucket length in ms; undefined for interval=FULL (one bucket). */
  intervalMs: number | undefined;
  /** The interval as the response echoes it (FULL is reported as the window's length). */
  interval: string;
}

/** Window from `timespan`: "start/end", "start/duration", "duration/end" or a bare duration ending now. */
export function windowFromTimespan(timespan: string | undefined, nowMs: number): { startMs: number; endMs: number } {
  if (timespan === undefined || timespan === '') return { startMs: nowMs - HOUR_MS, endMs: nowMs };
  const parts = timespan.split('/');
  const invalid = () => badRequest(`Invalid timespan '${timespan}': use 'start/end' (ISO 8601) or a duration.`);
  if (parts.length === 1) {
    const duration = parseDuration(timespan);
    if (duration === undefined) throw invalid();
    return { startMs: nowMs - duration, endMs: nowMs };
  }
  const [first = '', second = ''] = parts;
  if (parts.length !== 2) throw invalid();
  const start = parseInstant(first);
  const end = parseInstant(second);
  if (start !== undefined && end !== undefined) return { startMs: start, endMs: end };
  const secondDuration = parseDuration(second);
  if (start !== undefined && secondDuration !== undefined) return { startMs: start, endMs: start + secondDuration };
  const firstDuration = parseDuration(first);
  if (firstDuration !== undefined && end !== undefined) return { startMs: end - firstDuration, endMs: end };
  throw invalid();
}

/** Window from getBatch's `starttime` / `endtime`; a missing end is now, a missing start is an hour before the end. */
export function windowFromStartEnd(start: string | undefined, end: string | undefined, nowMs: number) {
  const endMs = end === undefined ? nowMs : parseInstant(end);
  if (endMs === undefined) throw badRequest(`Invalid endtime '${end ?? ''}': use an ISO 8601 date-time.`);
  const startMs = start === undefined ? endMs - HOUR_MS : parseInstant(start);
  if (startMs === undefined) throw badRequest(`Invalid starttime '${start ?? ''}': use an ISO 8601 date-time.`);
  return { startMs, endMs };
}

export function metricQuery(
  window: { startMs: number; endMs: number },
  query: ReadonlyMap<string, string>,
): MetricQuery {
  const { startMs, endMs } = window;
  if (endMs <= startMs) throw badRequest('The start of the time window must be before its end.');
  checkMetricNames(query.get('metricnames'));
  checkAggregation(query.get('aggregation'));
  checkNamespace(query.get('metricnamespace'));

  const rawInterval = (query.get('interval') ?? 'PT1H').toUpperCase();
  const full = rawInterval === 'FULL';
  const intervalMs = full ? undefined : parseDuration(rawInterval);
  if (!full && (intervalMs === undefined || intervalMs < MINUTE_MS)) {
    throw badRequest(
      `Invalid interval '${rawInterval}': use an ISO 8601 duration of at least PT1M (e.g. PT1H, P1D) or FULL.`,
    );
  }
  const points = bucketCount(startMs, endMs, intervalMs);
  if (points > MAX_DATA_POINTS) {
    throw badRequest(
      `The query asks for ${points} data points; the limit is ${MAX_DATA_POINTS}. Use a larger interval.`,
    );
  }
  return { startMs, endMs, intervalMs, interval: full ? formatDuration(endMs - startMs) : rawInterval };
}

function checkMetricNames(names: string | undefined): void {
  // No metricnames means the resource's default metric, which for the sandbox is Requests.
  if (names === undefined || names === '') return;
  for (const name of names.split(',').map((n) => n.trim())) {
    if (name.toLowerCase() !== REQUESTS_METRIC.toLowerCase()) {
      throw badRequest(
        `Failed to find metric configuration for provider: Microsoft.ApiManagement, resource Type: service, metric: ${name}, Valid metrics: ${REQUESTS_METRIC}`,
      );
    }
  }
}

function checkAggregation(aggregation: string | undefined): void {
  if (aggregation === undefined || aggregation === '') return;
  for (const name of aggregation.split(',').map((n) => n.trim())) {
    if (name.toLowerCase() !== 'total') {
      throw badRequest(`Aggregation '${name}' is not simulated by the sandbox; ask for 'Total'.`);
    }
  }
}

function checkNamespace(namespace: string | undefined): void {
  if (namespace === undefined || namespace === '') return;
  if (namespace.toLowerCase() !== APIM_TYPE.toLowerCase()) {
    throw badRequest(`Metric namespace '${namespace}' does not match the resources' type '${APIM_TYPE}'.`);
  }
}
