import { SecurityCenter } from '@azure/arm-security';
import type { DefenderPlan } from '../domain/azure-types';
import { parsePlanId, type PlanId } from '../domain/plans';
import { commonClientOptions, type AzureConnection } from './connection';
import { toAppError } from './errors';

/** The Defender for Cloud pricing that holds the Defender for APIs plan. */
const API_PRICING = 'Api';

/** Defender for APIs plan reads through @azure/arm-security 5.0.0 (pricings api-version 2022-03-01). */
export class PricingApi {
  constructor(private readonly connection: AzureConnection) {}

  private client(subscriptionId: string): SecurityCenter {
    return new SecurityCenter(this.connection.credential, subscriptionId, commonClientOptions(this.connection));
  }

  async getPlan(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPlan> {
    // enablementTime is on the wire from api-version 2023-01-01 on but not in this SDK's model: read the raw body.
    let enablementTime: string | undefined;
    try {
      const pricing = await this.client(subscriptionId).pricings.get(API_PRICING, {
        abortSignal: signal,
        // parsedBody has been through the SDK's model mapper by now (unknown properties dropped): parse the text.
        onResponse: (raw) => {
          enablementTime = enablementTimeOf(raw.bodyAsText);
        },
      });
      return toPlan(pricing.pricingTier, pricing.subPlan, pricing.freeTrialRemainingTime, enablementTime);
    } catch (error) {
      throw toAppError(error, 'read the Defender for APIs plan', 'Security Reader');
    }
  }

  /** PUT the Api pricing (not a long-running operation), then GET it: the caller reports what Azure says now. */
  async setPlan(subscriptionId: string, planId: PlanId, signal?: AbortSignal): Promise<DefenderPlan> {
    try {
      await this.client(subscriptionId).pricings.update(
        API_PRICING,
        { pricingTier: 'Standard', subPlan: planId },
        { abortSignal: signal },
      );
    } catch (error) {
      throw toAppError(error, `switch Defender for APIs to ${planId}`, 'Security Admin');
    }
    return this.getPlan(subscriptionId, signal);
  }
}

function toPlan(tier?: string, subPlan?: string, trial?: string, enablementTime?: string): DefenderPlan {
  if (tier !== 'Standard') return { tier: 'Free' };
  return {
    tier: 'Standard',
    // Azure applies Plan 1 when Standard is set without a sub-plan.
    planId: parsePlanId(subPlan ?? '') ?? 'P1',
    freeTrialRemaining: trial,
    enabledSince: enablementTime ? new Date(enablementTime) : undefined,
  };
}

function enablementTimeOf(body: string | null | undefined): string | undefined {
  try {
    const value = (JSON.parse(body ?? '') as { properties?: { enablementTime?: unknown } }).properties?.enablementTime;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
