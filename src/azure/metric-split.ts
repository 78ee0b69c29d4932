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

/** Total, per-API totals and per-day totals (day 0 = the window's first day) of one service's split metric. */
export function readSplit(metric: SplitMetric, windowStart: Date, days: number): ServiceTrafficDetail {
  const daily = new Array<number>(days).fill(0);
  const byApi = new Map<string, number>();
  let total = 0;
  const series = metric?.timeseries ?? [];
  for (const ts of series) {
    let apiTotal = 0;
    for (const point of ts.data ?? []) {
      const value = point.total ?? 0;
      apiTotal += value;
      const at = instantOf(point.timeStamp);
      const day = Math.floor((at - windowStart.getTime()) / DAY_MS);
      if (day >= 0 && day < days) daily[day] = (daily[day] ?? 0) + value;
    }
    const api = apiIdOf(ts);
    byApi.set(api, (byApi.get(api) ?? 0) + apiTotal);
    total += apiTotal;
  }
  return { total, byApi, daily, splitComplete: series.length < SPLIT_TOP };
}
