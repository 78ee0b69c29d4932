import { createRestError, getClient, type Client } from '@azure-rest/core-client';
import type { DefenderPlan } from '../domain/azure-types';
import { parsePlanId, type PlanId } from '../domain/plans';
import { commonClientOptions, type AzureConnection } from './connection';
import { failureOf } from './errors';

/** The Defender for Cloud pricing that holds the Defender for APIs plan. */
const API_PRICING = 'Api';
/**
 * Pricings api-version. @azure/arm-security 5 calls 2022-03-01, whose schema has no `enablementTime` (added in
 * 2023-01-01) or `enforce` (2024-01-01): "enabled since" could never be shown against Azure. 2024-01-01 is the
 * newest stable version and has both, so we call it through @azure-rest/core-client, as the modular SDKs do.
 */
export const PRICINGS_VERSION = '2024-01-01';
// One literal, so the REST client's types can count its {placeholders}. 2024-01-01 names the scope `scopeId`
// ("subscriptions/{id}", no leading slash); the template's own slash keeps the path single-slashed.
const PRICING_PATH = '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings/{pricingName}';

interface PricingWire {
  properties?: { pricingTier?: string; subPlan?: string; freeTrialRemainingTime?: string; enablementTime?: string };
}

/** Defender for APIs plan reads and changes (Microsoft.Security/pricings, api-version 2024-01-01). */
export class PricingApi {
  private readonly client: Client;

  constructor(connection: AzureConnection) {
    this.client = getClient(connection.armEndpoint, connection.credential, commonClientOptions(connection));
  }

  async getPlan(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPlan> {
    try {
      const response = await this.resource(subscriptionId).get({
        queryParameters: { 'api-version': PRICINGS_VERSION },
        abortSignal: signal,
      });
      if (response.status !== '200') throw createRestError(response);
      return toPlan(response.body as PricingWire);
    } catch (error) {
      throw failureOf(error, 'read the Defender for APIs plan', 'Security Reader', signal);
    }
  }

  /** PUT the Api pricing (not a long-running operation), then GET it: the caller reports what Azure says now. */
  async setPlan(subscriptionId: string, planId: PlanId, signal?: AbortSignal): Promise<DefenderPlan> {
    try {
      const response = await this.resource(subscriptionId).put({
        queryParameters: { 'api-version': PRICINGS_VERSION },
        body: { properties: { pricingTier: 'Standard', subPlan: planId } },
        abortSignal: signal,
      });
      if (response.status !== '200' && response.status !== '201') throw createRestError(response);
    } catch (error) {
      throw failureOf(error, `switch Defender for APIs to ${planId}`, 'Security Admin', signal);
    }
    return this.getPlan(subscriptionId, signal);
  }

  private resource(subscriptionId: string) {
    return this.client.pathUnchecked(PRICING_PATH, subscriptionId, API_PRICING);
  }
}

function toPlan(wire: PricingWire): DefenderPlan {
  const p = wire.properties ?? {};
  if (p.pricingTier !== 'Standard') return { tier: 'Free' };
  const since = p.enablementTime ? new Date(p.enablementTime) : undefined;
  return {
    tier: 'Standard',
    // Azure applies Plan 1 when Standard is set without a sub-plan.
    planId: parsePlanId(p.subPlan ?? '') ?? 'P1',
    freeTrialRemaining: p.freeTrialRemainingTime,
    enabledSince: since && !Number.isNaN(since.getTime()) ? since : undefined,
  };
}
