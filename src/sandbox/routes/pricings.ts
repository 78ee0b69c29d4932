/**
 * Microsoft.Security pricings: list (one page), get and PUT (reference §2.3), each answering the fields of the
 * api-version asked for. PUTs are persisted.
 */
import { ArmError } from '../arm-errors';
import type { ArmRequest, Route, SandboxContext } from '../context';
import {
  canonicalPricingName,
  currentPlan,
  planFromPut,
  PRICING_NAMES,
  PRICINGS_STATE_KEY,
  pricingBody,
} from '../pricing-model';
import { requireSubscription } from '../tenant';
import { isJsonObject } from '../validation';

const API_VERSIONS = ['2024-01-01', '2023-01-01', '2022-03-01'];
const BASE = '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings';

/** The router has checked the api-version against API_VERSIONS by now. */
const versionOf = (req: ArmRequest): string => req.query.get('api-version') ?? '';

function target(req: ArmRequest, ctx: SandboxContext) {
  const subscription = requireSubscription(ctx, req.params.subscriptionId ?? '');
  const asked = req.params.pricingName ?? '';
  const name = canonicalPricingName(asked);
  if (name === undefined) {
    throw new ArmError(
      404,
      'ResourceNotFound',
      `The pricing '${asked}' was not found. Known: ${PRICING_NAMES.join(', ')}.`,
    );
  }
  return { subscription, name };
}

export const pricingRoutes: Route[] = [
  {
    method: 'GET',
    pattern: BASE,
    apiVersions: API_VERSIONS,
    // Not paged in ARM: one `value` array. $filter is accepted and ignored.
    handle: (req, ctx) => {
      const subscription = requireSubscription(ctx, req.params.subscriptionId ?? '');
      const nowMs = ctx.nowMs();
      const value = PRICING_NAMES.map((name) =>
        pricingBody(subscription.subscriptionId, name, currentPlan(ctx, subscription, name), nowMs, versionOf(req)),
      );
      return { body: { value } };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{pricingName}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const { subscription, name } = target(req, ctx);
      return {
        body: pricingBody(
          subscription.subscriptionId,
          name,
          currentPlan(ctx, subscription, name),
          ctx.nowMs(),
          versionOf(req),
        ),
      };
    },
  },
  {
    method: 'PUT',
    pattern: `${BASE}/{pricingName}`,
    apiVersions: API_VERSIONS,
    handle: async (req, ctx) => {
      const { subscription, name } = target(req, ctx);
      const nowMs = ctx.nowMs();
      const plan = planFromPut(name, req.body, currentPlan(ctx, subscription, name), nowMs);
      const saved = ctx.state.get(subscription.subscriptionId, PRICINGS_STATE_KEY);
      const pricings = { ...(isJsonObject(saved) ? saved : {}), [name]: plan };
      await ctx.state.set(subscription.subscriptionId, PRICINGS_STATE_KEY, pricings);
      return { body: pricingBody(subscription.subscriptionId, name, plan, nowMs, versionOf(req)) };
    },
  },
];
