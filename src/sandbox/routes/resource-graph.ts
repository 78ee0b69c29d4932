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
 * Every service of the scenario ordered by id, both ways. The scenario's services never change, so they are sorted
 * once (when the sandbox starts: prepareResourceGraph), not for each query: a page of a 10,000-service tenant then
 * costs its 1,000 rows, not a sort of 10,000 ids.
 */
const sortedByScenario = new WeakMap<Scenario, { asc: ServiceRef[]; desc: ServiceRef[] }>();
const collator = new Intl.Collator();
function sortedAll(scenario: Scenario): { asc: ServiceRef[]; desc: ServiceRef[] } {
  let sorted = sortedByScenario.get(scenario);
  if (sorted === undefined) {
    const keyed = scenario.subscriptions
      .flatMap((s) => servicesOf(s))
      .map((ref) => ({ ref, id: ref.id.toLowerCase() }));
    keyed.sort((a, b) => collator.compare(a.id, b.id));
    const asc = keyed.map((k) => k.ref);
    sortedByScenario.set(scenario, (sorted = { asc, desc: [...asc].reverse() }));
  }
  return sorted;
}

/** Sorts the scenario's services for Resource Graph ahead of the first query. */
export function prepareResourceGraph(scenario: Scenario): void {
  sortedAll(scenario);
}

/** The services of these subscriptions ordered by id. */
function sortedServices(ctx: SandboxContext, subscriptions: readonly ScenarioSubscription[], descending: boolean) {
  const all = sortedAll(ctx.scenario)[descending ? 'desc' : 'asc'];
  const asked = new Set(subscriptions);
  return asked.size === ctx.scenario.subscriptions.length ? all : all.filter((ref) => asked.has(ref.subscription));
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
