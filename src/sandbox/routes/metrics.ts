/** Azure Monitor per-resource metrics: GET /{resourceUri}/providers/Microsoft.Insights/metrics (reference §2.2a). */
import { badRequest, resourceNotFound } from '../arm-errors';
import type { Route, SandboxContext } from '../context';
import { serviceMetric } from '../metric-body';
import { parseDimensionFilter } from '../metric-filter';
import { metricQuery, windowFromTimespan } from '../metric-query';
import { formatInstant } from '../time';
import { APIM_TYPE, findServiceById, parseResourceId, requireSubscription, type ServiceRef } from '../tenant';

const API_VERSIONS = ['2024-02-01', '2023-10-01', '2021-05-01', '2019-07-01', '2018-01-01'];

/** The APIM service the URI names, or the 404 ARM would give (unknown subscription, or an unknown resource). */
function requireServiceByUri(ctx: SandboxContext, resourceUri: string): ServiceRef {
  if (/^\/subscriptions\/[^/]+$/i.test(resourceUri)) {
    throw badRequest(
      'The sandbox does not simulate subscription-scope metrics; query each service or use metrics:getBatch.',
    );
  }
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(resourceUri)?.[1];
  if (subscriptionId !== undefined) requireSubscription(ctx, subscriptionId);
  const ref = findServiceById(ctx, resourceUri);
  if (ref !== undefined) return ref;
  const parsed = parseResourceId(resourceUri);
  throw resourceNotFound(parsed?.type ?? APIM_TYPE, parsed?.name ?? resourceUri, parsed?.resourceGroup);
}

export const metricsRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/{*resourceUri}/providers/Microsoft.Insights/metrics',
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const ref = requireServiceByUri(ctx, req.params.resourceUri ?? '');
      const nowMs = ctx.nowMs();
      const query = metricQuery(windowFromTimespan(req.query.get('timespan'), nowMs), req.query);
      const filter = parseDimensionFilter(req.query.get('$filter'), req.query.get('top'));
      return {
        body: {
          cost: 0,
          timespan: `${formatInstant(query.startMs)}/${formatInstant(query.endMs)}`,
          interval: query.interval,
          namespace: APIM_TYPE,
          resourceregion: ref.service.location,
          value: [serviceMetric(ctx, ref, query, filter, nowMs)],
        },
      };
    },
  },
];
