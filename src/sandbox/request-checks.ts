/** What ARM (and the metrics batch host) check before routing: the path's shape and the bearer token's audience. */
import { ArmError, badRequest } from './arm-errors';
import { ARM_AUDIENCES, audienceOf, GRAPH_AUDIENCES, METRICS_AUDIENCES } from './tokens';

/** Paths under this prefix stand for the regional metrics host https://{region}.metrics.monitor.azure.com. */
const METRICS_HOST_PREFIX = /^\/_regions\//i;
/** Microsoft Graph (graph.microsoft.com/v1.0/…) is served on the sandbox's own host under its version prefix. */
const GRAPH_PREFIX = /^\/v1\.0\//i;

/**
 * An empty path segment ("//subscriptions/…", "…/providers//…") is refused. Nothing Microsoft publishes says ARM
 * accepts one (its examples and SDK samples never send it), so the sandbox does not forgive it either.
 */
export function checkPath(rawUrl: string): void {
  const path = rawUrl.split('?')[0] ?? '';
  if (path.includes('//')) {
    throw badRequest(
      `The request URI '${path}' is not valid: it has an empty path segment ('//').`,
      'InvalidRequestUri',
    );
  }
}

/** 401 unless the token was issued for this host (ARM, the metrics batch host, or Microsoft Graph). */
export function checkAudience(rawUrl: string, token: string): void {
  const audience = audienceOf(token);
  if (audience === undefined) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  const allowed = METRICS_HOST_PREFIX.test(rawUrl)
    ? METRICS_AUDIENCES
    : GRAPH_PREFIX.test(rawUrl)
      ? GRAPH_AUDIENCES
      : ARM_AUDIENCES;
  if (!allowed.includes(audience)) {
    throw new ArmError(
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${audience}'. It should exactly match with one of the allowed audiences ${allowed.map((a) => `'${a}'`).join(',')}.`,
    );
  }
}
