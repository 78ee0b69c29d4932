/**
 * Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources (api-version 2024-04-01, as
 * @azure/arm-resourcegraph 5 sends it). Answers like Microsoft's examples ResourcesFirstPageQuery /
 * ResourcesNextPageQuery: `{ totalRecords, count, resultTruncated, facets, $skipToken?, data }`, rows sorted by id.
 * Two queries are simulated: the APIM services (`Resources`) and one recommendation's assessments (`securityresources`).
 */
import { badRequest } from '../arm-errors';
import type { ArmRequest, Route, SandboxContext } from '../context';
import { GRAPH_COLUMNS, parseGraphQuery, type GraphColumn } from '../resource-graph-query';
import { isSecurityQuery, parseSecurityQuery, securityRows } from '../resource-graph-security';
import type { Scenario, ScenarioSubscription } from '../scenario';
import { findSubscription, servicesOf, type ServiceRef } from '../tenant';
import { isJsonObject } from '../validation';
import { serviceBody } from './api-management';

const API_VERSIONS = ['2024-04-01', '2022-10-01', '2021-03-01'];
/** Resource Graph's default and largest page sizes ($top). */
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;
const SANDBOX_TENANT = '00000000-0000-0000-0000-0000000000aa';

interface GraphRequest {
  subscriptions: ScenarioSubscription[];
  query: string;
  top: number;
  skip: number;
}

function requestOf(req: ArmRequest, ctx: SandboxContext): GraphRequest {
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    throw badRequest('The request body must be JSON: {"subscriptions": […], "query": "…"}.');
  }
  if (!isJsonObject(body) || typeof body.query !== 'string' || body.query.trim() === '')
    throw badRequest('The request must have a "query" string.');
  const asked = body.subscriptions;
  if (asked !== undefined && (!Array.isArray(asked) || !asked.every((s) => typeof s === 'string')))
    throw badRequest('"subscriptions" must be an array of subscription ids.');
  // No list means every subscription the caller can read; unknown ones contribute nothing.
  const subscriptions = asked
    ? asked.flatMap((id) => findSubscription(ctx, id) ?? [])
    : [...ctx.scenario.subscriptions];
  const options = isJsonObject(body.options) ? body.options : {};
  const top = options.$top ?? DEFAULT_TOP;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > MAX_TOP)
    throw badRequest(`options.$top must be an integer from 1 to ${MAX_TOP}.`);
  return { subscriptions, query: body.query, top, skip: skipOf(options.$skipToken, options.$skip) };
}

/** The sandbox's $skipToken is the base64 of the next row offset. */
function skipOf(token: unknown, skip: unknown): number {
  if (token === undefined) return typeof skip === 'number' && skip >= 0 ? Math.floor(skip) : 0;
  const offset = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString('utf8')) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('The $skipToken is not valid.', 'InvalidSkipToken');
  return offset;
}

function rowOf(ref: ServiceRef, columns: readonly GraphColumn[]): Record<string, unknown> {
  // The full ARM body (with its etag hash) only for the columns taken from it.
  const body = columns.some((c) => c === 'properties' || c === 'tags') ? serviceBody(ref) : undefined;
  const full: Record<GraphColumn, unknown> = {
    id: ref.id,
    name: ref.service.name,
    type: 'microsoft.apimanagement/service',
    tenantId: SANDBOX_TENANT,
    kind: '',
    // Resource Graph reports ARM region names and lower-case resource groups.
    location: ref.service.location,
    resourceGroup: ref.service.resourceGroup.toLowerCase(),
    subscriptionId: ref.subscription.subscriptionId,
    managedBy: '',
    sku: { name: ref.service.sku, capacity: ref.service.sku === 'Consumption' ? 0 : 1 },
    plan: null,
    properties: body?.properties,
    tags: body?.tags,
    identity: null,
    zones: null,
    extendedLocation: null,
  };
  return Object.fromEntries(columns.map((c) => [c, full[c]]));
}

/**
 * The services of these subscriptions ordered by id. The scenario's services never change, so each order is kept
 * (the last few sets of subscriptions asked for): the pages of one query do not sort 10,000 ids each.
 */
const sortedByScenario = new WeakMap<Scenario, Map<string, ServiceRef[]>>();
const SORTED_KEPT = 8;
const collator = new Intl.Collator();
function sortedServices(ctx: SandboxContext, subscriptions: readonly ScenarioSubscription[], descending: boolean) {
  let sorted = sortedByScenario.get(ctx.scenario);
  if (sorted === undefined) sortedByScenario.set(ctx.scenario, (sorted = new Map()));
  const key = `${descending}|${subscriptions.map((s) => s.subscriptionId).join(',')}`;
  let refs = sorted.get(key);
  if (refs === undefined) {
    const keyed = subscriptions.flatMap((s) => servicesOf(s)).map((ref) => ({ ref, id: ref.id.toLowerCase() }));
    keyed.sort((a, b) => collator.compare(a.id, b.id) * (descending ? -1 : 1));
    refs = keyed.map((k) => k.ref);
    if (sorted.size >= SORTED_KEPT) sorted.delete(sorted.keys().next().value as string);
    sorted.set(key, refs);
  }
  return refs;
}

/** The rows of the query (only the asked page is built: a services row costs a full service body). */
function resultOf(request: GraphRequest, ctx: SandboxContext): { total: number; page(): Record<string, unknown>[] } {
  const window = (rows: number) => [request.skip, Math.min(rows, request.skip + request.top)] as const;
  if (isSecurityQuery(request.query)) {
    const rows = securityRows(ctx, request.subscriptions, parseSecurityQuery(request.query));
    return { total: rows.length, page: () => rows.slice(...window(rows.length)) };
  }
  const query = parseGraphQuery(request.query);
  const refs = sortedServices(ctx, request.subscriptions, query.descending);
  const columns = query.columns ?? [...GRAPH_COLUMNS];
  return { total: refs.length, page: () => refs.slice(...window(refs.length)).map((ref) => rowOf(ref, columns)) };
}

export const resourceGraphRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/providers/Microsoft.ResourceGraph/resources',
    apiVersions: API_VERSIONS,
    quota: 'reads',
    handle: (req, ctx) => {
      const request = requestOf(req, ctx);
      const result = resultOf(request, ctx);
      const data = result.page();
      const next = request.skip + data.length;
      return {
        graphTable: isSecurityQuery(request.query) ? 'securityresources' : 'resources',
        // Resource Graph's own quota (15 queries per 5 s per user); fixed values, the sandbox does not throttle.
        headers: { 'x-ms-user-quota-remaining': '14', 'x-ms-user-quota-resets-after': '00:00:05' },
        body: {
          totalRecords: result.total,
          count: data.length,
          resultTruncated: 'false',
          facets: [],
          ...(next < result.total ? { $skipToken: Buffer.from(String(next)).toString('base64') } : {}),
          data,
        },
      };
    },
  },
];
