/**
 * Microsoft.Security/assessments: list at a scope (subscription, resource group or resource; paged) and get one by
 * assessed resource id and key (reference §2.4). The scope is everything before /providers/Microsoft.Security.
 */
import { ArmError, badRequest } from '../arm-errors';
import { assessmentBody, assessmentId, assessmentsOf, ASSESSMENTS_TYPE } from '../assessment-model';
import type { ArmRequest, Route, SandboxContext } from '../context';
import { pageOf } from '../paging';
import { requireSubscription } from '../tenant';

const API_VERSIONS = ['2025-05-04', '2021-06-01', '2020-01-01'];

/** Every assessment of the subscription the scope is in. */
function assessmentsUnder(ctx: SandboxContext, scope: string) {
  const m = /^\/subscriptions\/([^/]+)/i.exec(scope);
  if (m === null) throw badRequest(`The scope '${scope}' is not a subscription, resource group or resource.`);
  return assessmentsOf(ctx, requireSubscription(ctx, m[1] ?? ''));
}

const expandsMetadata = (req: ArmRequest): boolean => /metadata/i.test(req.query.get('$expand') ?? '');

function isWithin(resourceId: string, scope: string): boolean {
  const id = resourceId.toLowerCase();
  const prefix = scope.toLowerCase();
  return id === prefix || id.startsWith(`${prefix}/`);
}

export const assessmentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `{*scope}/providers/${ASSESSMENTS_TYPE}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const scope = req.params.scope ?? '';
      const records = assessmentsUnder(ctx, scope).filter((record) => isWithin(record.resourceId, scope));
      const bodies = records.map((record) => assessmentBody(ctx, record, expandsMetadata(req)));
      return { body: pageOf(bodies, req, ctx) };
    },
  },
  {
    method: 'GET',
    pattern: `{*resourceId}/providers/${ASSESSMENTS_TYPE}/{assessmentKey}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const resourceId = req.params.resourceId ?? '';
      const key = req.params.assessmentKey ?? '';
      const wanted = `${resourceId}/providers/${ASSESSMENTS_TYPE}/${key}`.toLowerCase();
      const found = assessmentsUnder(ctx, resourceId).find((record) => assessmentId(record).toLowerCase() === wanted);
      if (found === undefined) {
        throw new ArmError(404, 'NotFound', `The assessment '${key}' was not found on '${resourceId}'.`);
      }
      return { body: assessmentBody(ctx, found, expandsMetadata(req)) };
    },
  },
];
