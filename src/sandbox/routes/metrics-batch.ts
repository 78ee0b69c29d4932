/**
 * Azure Monitor metrics:getBatch (reference §2.2c), served at /_regions/{region}/subscriptions/{sub}/metrics:getBatch
 * — the stand-in for https://{region}.metrics.monitor.azure.com. The real rules apply: 1 to 50 resource ids, all in
 * the path's subscription and region and of the queried namespace's type.
 */
import { badRequest } from '../arm-errors';
import type { ArmRequest, Route, SandboxContext } from '../context';
import { JsonText } from '../json-text';
import { missingResourceMetric, serviceMetricJson } from '../metric-body';
import { type DimensionFilter, parseDimensionFilter } from '../metric-filter';
import { type MetricQuery, metricQuery, windowFromStartEnd } from '../metric-query';
import { APIM_TYPE, findServiceById, parseResourceId, requireSubscription, type ServiceRef } from '../tenant';
import { isJsonObject } from '../validation';

const API_VERSIONS = ['2024-02-01', '2023-10-01', '2023-05-01-preview'];
const MAX_RESOURCES = 50;

function resourceIdsOf(req: ArmRequest): string[] {
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    throw badRequest('The request body must be JSON: {"resourceids": ["/subscriptions/…", …]}.');
  }
  const ids = isJsonObject(body) ? body.resourceids : undefined;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
    throw badRequest('The request body must have "resourceids": an array of resource id strings.');
  }
  if (ids.length === 0 || ids.length > MAX_RESOURCES) {
    throw badRequest(`A batch takes 1 to ${MAX_RESOURCES} resource ids; this one has ${ids.length}.`);
  }
  return ids;
}

/** A requested id with the service it names (undefined when the scenario has none): each id is looked up once. */
type Requested = { id: string; ref: ServiceRef | undefined };

/** Every rule a resource id breaks, so one answer names all of them. */
function problemsOf(requested: readonly Requested[], subscriptionId: string, region: string): string[] {
  const problems: string[] = [];
  for (const { id, ref } of requested) {
    const parsed = parseResourceId(id);
    if (parsed === undefined) {
      problems.push(`'${id}' is not a resource id`);
    } else if (parsed.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
      problems.push(`resource '${id}' is not in subscription '${subscriptionId}'`);
    } else if (parsed.type.toLowerCase() !== APIM_TYPE.toLowerCase()) {
      problems.push(`resource '${id}' is of type '${parsed.type}', not '${APIM_TYPE}'`);
    } else {
      const location = ref?.service.location;
      if (location !== undefined && location.toLowerCase() !== region.toLowerCase()) {
        problems.push(`resource '${id}' is in region ${location}, not ${region}`);
      }
    }
  }
  return problems;
}

/** What every item of one answer repeats: the window and namespace (formatted once per request, not per item). */
function itemHead(query: MetricQuery) {
  return {
    starttime: new Date(query.startMs).toISOString(),
    endtime: new Date(query.endMs).toISOString(),
    interval: query.interval,
    namespace: APIM_TYPE,
  };
}

/** One item of the answer as JSON text: the window and namespace, region, id, then its one metric. */
function batchItemJson(
  ctx: SandboxContext,
  { id, ref }: Requested,
  headJson: string,
  region: string,
  query: MetricQuery,
  filter: DimensionFilter | undefined,
  nowMs: number,
): string {
  const metric =
    ref === undefined ? JSON.stringify(missingResourceMetric(id)) : serviceMetricJson(ctx, ref, query, filter, nowMs);
  const where = JSON.stringify({
    resourceregion: ref?.service.location ?? region.toLowerCase(),
    resourceid: ref?.id ?? id,
  });
  return `${headJson.slice(0, -1)},${where.slice(1, -1)},"value":[${metric}]}`;
}

export const metricsBatchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/_regions/{region}/subscriptions/{subscriptionId}/metrics:getBatch',
    apiVersions: API_VERSIONS,
    // A POST, but a read: it changes nothing.
    quota: 'reads',
    handle: (req, ctx) => {
      const region = req.params.region ?? '';
      const subscriptionId = req.params.subscriptionId ?? '';
      requireSubscription(ctx, subscriptionId);
      if (!req.query.get('metricnamespace')) throw badRequest('The metricnamespace query parameter is required.');
      if (!req.query.get('metricnames')) throw badRequest('The metricnames query parameter is required.');
      const nowMs = ctx.nowMs();
      const window = windowFromStartEnd(req.query.get('starttime'), req.query.get('endtime'), nowMs);
      const query = metricQuery(window, req.query);
      const filter = parseDimensionFilter(req.query.get('filter'), req.query.get('top'));
      const requested = resourceIdsOf(req).map((id) => ({ id, ref: findServiceById(ctx, id) }));
      const problems = problemsOf(requested, subscriptionId, region);
      if (problems.length > 0) throw badRequest(`Invalid batch: ${problems.join('; ')}.`);
      const head = JSON.stringify(itemHead(query));
      const items = requested.map((r) => batchItemJson(ctx, r, head, region, query, filter, nowMs));
      return { body: new JsonText(`{"values":[${items.join(',')}]}`) };
    },
  },
];
