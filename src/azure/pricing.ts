import { SecurityCenter } from '@azure/arm-security';
import type { DefenderPlan } from '../domain/azure-types';
import { parsePlanId } from '../domain/plans';
import { commonClientOptions, type AzureConnection } from './connection';
import { toAppError } from './errors';

/** The Defender for Cloud pricing that holds the Defender for APIs plan. */
const API_PRICING = 'Api';

/** Defender for APIs plan reads through @azure/arm-security 5.0.0 (pricings api-version 2022-03-01). */
export class PricingApi {
  constructor(private readonly connection: AzureConnection) {}

  async getPlan(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPlan> {
    const client = new SecurityCenter(this.connection.credential, subscriptionId, commonClientOptions(this.connection));
    try {
      const pricing = await client.pricings.get(API_PRICING, { abortSignal: signal });
      if (pricing.pricingTier !== 'Standard') return { tier: 'Free' };
      return {
        tier: 'Standard',
        // Azure applies Plan 1 when Standard is set without a sub-plan.
        planId: parsePlanId(pricing.subPlan ?? '') ?? 'P1',
        freeTrialRemaining: pricing.freeTrialRemainingTime,
      };
    } catch (error) {
      throw toAppError(error, 'read the Defender for APIs plan', 'Security Reader');
    }
  }
}
