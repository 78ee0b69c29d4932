/**
 * `$filter` (per-resource metrics) / `filter` (getBatch) and `top` on the `Requests` metric: the sandbox simulates the
 * `ApiId` dimension, `ApiId eq '*'` (one series per API) or `ApiId eq '<id>'` (that API's series), with `or`
 * between values. Azure returns at most `top` series (10 when not given), the largest first.
 */
import { badRequest } from './arm-errors';
import type { ApiSeries } from './api-traffic';

const DEFAULT_TOP = 10;
const CLAUSE = /^\s*apiid\s+eq\s+'([^']*)'\s*$/i;

export interface DimensionFilter {
  /** undefined = every API ('*'). */
  apiIds?: Set<string>;
  top: number;
}

export function parseDimensionFilter(filter: string | undefined, top: string | undefined): DimensionFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const values = filter.split(/\s+or\s+/i).map((clause) => {
    const m = CLAUSE.exec(clause);
    if (m === null)
      throw badRequest(
        `Invalid filter '${filter}': the sandbox simulates only the ApiId dimension of Requests ("ApiId eq '*'").`,
      );
    return (m[1] ?? '').toLowerCase();
  });
  const count = top === undefined ? DEFAULT_TOP : Number(top);
  if (!Number.isInteger(count) || count < 1) throw badRequest(`Invalid top '${top ?? ''}': use a positive integer.`);
  return { apiIds: values.includes('*') ? undefined : new Set(values), top: count };
}

export function applyFilter(series: readonly ApiSeries[], filter: DimensionFilter): ApiSeries[] {
  const total = (s: ApiSeries): number => s.buckets.reduce((sum, b) => sum + b.total, 0);
  return series
    .filter((s) => filter.apiIds === undefined || filter.apiIds.has(s.apiId.toLowerCase()))
    .sort((a, b) => total(b) - total(a) || a.apiId.localeCompare(b.apiId))
    .slice(0, filter.top);
}
