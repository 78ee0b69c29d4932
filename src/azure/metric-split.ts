/**
 * `Requests` split by the `ApiId` dimension (`$filter=ApiId eq '*'`), as both the metrics API and metrics:getBatch
 * return it: one timeseries per API, each naming its API in `metadatavalues`, with one data point per day (P1D).
 */
import type { ServiceTrafficDetail } from '../domain/azure-types';

export const API_ID_FILTER = "ApiId eq '*'";
/**
 * Series asked for per service (`top`; Azure's default with a filter is 10). A service with at least this many
 * APIs may have been cut off, so its split is marked incomplete and its total is not trusted.
 */
export const SPLIT_TOP = 1000;
const DAY_MS = 86_400_000;

type Point = { timeStamp?: Date | string; total?: number | null };
/** arm-monitor keeps a dimension's name as `{ value, localizedValue }`; monitor-query-metrics flattens it to a string. */
type DimensionName = { value?: string; localizedValue?: string } | string;
type SplitSeries = { metadatavalues?: { name?: DimensionName; value?: string }[]; data?: Point[] };

const isApiId = (name: DimensionName | undefined): boolean =>
  (typeof name === 'string' ? name : (name?.value ?? name?.localizedValue ?? '')).toLowerCase() === 'apiid';
export type SplitMetric = { timeseries?: SplitSeries[] } | undefined;

/**
 * Epoch ms of a data point's time stamp (a Date from arm-monitor, ISO text as the batch API sends it). The same few
 * stamps (one per day of the window) repeat in every series: each text is parsed once.
 */
const parsed = new Map<string, number>();
function instantOf(stamp: Date | string | undefined): number {
  if (stamp === undefined) return NaN;
  if (typeof stamp !== 'string') return stamp.getTime();
  let ms = parsed.get(stamp);
  if (ms === undefined) {
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(stamp, (ms = Date.parse(stamp)));
  }
  return ms;
}

/** The API a series belongs to ("" when Azure gave none: requests that matched no API), without ";rev=n". */
function apiIdOf(series: SplitSeries): string {
  const value = series.metadatavalues?.find((m) => isApiId(m.name))?.value ?? '';
  return value.replace(/;rev=.*$/i, '');
}

/**
 * The day (0 = the window's first) of each point of a series, by position when the series is one point per day of
 * the window in order (how Azure answers P1D: its first and last stamps are checked), else by each stamp.
 */
function dayOf(data: readonly Point[], windowStartMs: number, days: number): (point: Point, index: number) => number {
  const first = data[0];
  const last = data[data.length - 1];
  const inOrder =
    data.length === days &&
    instantOf(first?.timeStamp) === windowStartMs &&
    instantOf(last?.timeStamp) === windowStartMs + (days - 1) * DAY_MS;
  if (inOrder) return (_point, index) => index;
  return (point) => Math.floor((instantOf(point.timeStamp) - windowStartMs) / DAY_MS);
}

/** Total, per-API totals and per-day totals (day 0 = the window's first day) of one service's split metric. */
export function readSplit(metric: SplitMetric, windowStart: Date, days: number): ServiceTrafficDetail {
  const daily = new Array<number>(days).fill(0);
  const byApi = new Map<string, number>();
  const startMs = windowStart.getTime();
  let total = 0;
  const series = metric?.timeseries ?? [];
  for (const ts of series) {
    const data = ts.data ?? [];
    const day = dayOf(data, startMs, days);
    let apiTotal = 0;
    for (let i = 0; i < data.length; i++) {
      const point = data[i] as Point;
      const value = point.total ?? 0;
      apiTotal += value;
      const d = day(point, i);
      if (d >= 0 && d < days) daily[d] = (daily[d] ?? 0) + value;
    }
    const api = apiIdOf(ts);
    byApi.set(api, (byApi.get(api) ?? 0) + apiTotal);
    total += apiTotal;
  }
  return { total, byApi, daily, splitComplete: series.length < SPLIT_TOP };
}
