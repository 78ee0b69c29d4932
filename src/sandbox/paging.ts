/**
 * ARM list paging: `{ value, nextLink }` where nextLink is an absolute URL (SDKs follow it verbatim) on the sandbox's
 * own host, carrying the same query plus `$skiptoken=<offset>`; the last page has no nextLink.
 */
import { badRequest } from './arm-errors';
import type { ArmRequest, SandboxContext } from './context';

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

export function pageOf<T>(items: readonly T[], req: ArmRequest, ctx: SandboxContext): Page<T> {
  const token = req.query.get('$skiptoken');
  const offset = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0) {
    throw badRequest(`The $skiptoken '${token ?? ''}' is not valid for this list.`, 'InvalidSkipToken');
  }
  const end = offset + ctx.pageSize;
  const page: Page<T> = { value: items.slice(offset, end) };
  if (end < items.length) page.nextLink = nextLink(req, ctx, end);
  return page;
}

function nextLink(req: ArmRequest, ctx: SandboxContext, offset: number): string {
  const entries = req.queryEntries.filter(([key]) => key.toLowerCase() !== '$skiptoken');
  const query = [...entries, ['$skiptoken', String(offset)] as const]
    .map(([key, value]) => `${encodeQueryPart(key)}=${encodeQueryPart(value)}`)
    .join('&');
  return `${ctx.publicUrl}${req.pathname}?${query}`;
}

/** encodeURIComponent, but keeps `$` readable as ARM does in `$skiptoken` / `$filter`. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$');
}
