/** Microsoft.Security/assessmentMetadata at tenant and subscription scope: list (paged) and get by key. */
import { ArmError } from '../arm-errors';
import { ASSESSMENT_CATALOG, metadataOf, metadataProperties, type AssessmentMetadata } from '../assessment-catalog';
import type { ArmRequest, Route, SandboxContext } from '../context';
import { pageOf } from '../paging';
import { requireSubscription } from '../tenant';

const API_VERSIONS = ['2025-05-04', '2021-06-01', '2020-01-01'];
const TYPE = 'Microsoft.Security/assessmentMetadata';

/** `scope` is '' at tenant level or '/subscriptions/{id}'. */
function metadataBody(scope: string, entry: AssessmentMetadata) {
  return {
    id: `${scope}/providers/${TYPE}/${entry.key}`,
    name: entry.key,
    type: TYPE,
    properties: metadataProperties(entry),
  };
}

function scopeOf(req: ArmRequest, ctx: SandboxContext): string {
  const subscriptionId = req.params.subscriptionId;
  if (subscriptionId === undefined) return '';
  return `/subscriptions/${requireSubscription(ctx, subscriptionId).subscriptionId}`;
}

function one(req: ArmRequest, ctx: SandboxContext) {
  const scope = scopeOf(req, ctx);
  const key = req.params.assessmentKey ?? '';
  const entry = metadataOf(key);
  if (entry === undefined) throw new ArmError(404, 'NotFound', `The assessment metadata '${key}' was not found.`);
  return { body: metadataBody(scope, entry) };
}

function list(req: ArmRequest, ctx: SandboxContext) {
  const scope = scopeOf(req, ctx);
  return {
    body: pageOf(
      ASSESSMENT_CATALOG.map((entry) => metadataBody(scope, entry)),
      req,
      ctx,
    ),
  };
}

export const assessmentMetadataRoutes: Route[] = [
  { method: 'GET', pattern: `/providers/${TYPE}`, apiVersions: API_VERSIONS, handle: list },
  { method: 'GET', pattern: `/providers/${TYPE}/{assessmentKey}`, apiVersions: API_VERSIONS, handle: one },
  {
    method: 'GET',
    pattern: `/subscriptions/{subscriptionId}/providers/${TYPE}`,
    apiVersions: API_VERSIONS,
    handle: list,
  },
  {
    method: 'GET',
    pattern: `/subscriptions/{subscriptionId}/providers/${TYPE}/{assessmentKey}`,
    apiVersions: API_VERSIONS,
    handle: one,
  },
];
