/**
 * Defender for Cloud pricings (reference §2.3): what each plan is (scenario, layered under persisted PUTs) and the
 * wire body. The Defender for APIs plan is the pricing named `Api`; the others are listed as Free for realism.
 */
import { badRequest } from './arm-errors';
import type { SandboxContext } from './context';
import { API_SUB_PLANS, type PricingTier, type ScenarioSubscription } from './scenario';
import { DAY_MS, formatDuration } from './time';
import { isJsonObject } from './validation';

export const PRICING_NAMES = [
  'VirtualMachines',
  'SqlServers',
  'AppServices',
  'StorageAccounts',
  'SqlServerVirtualMachines',
  'KeyVaults',
  'Arm',
  'OpenSourceRelationalDatabases',
  'CosmosDbs',
  'Containers',
  'CloudPosture',
  'Api',
] as const;
const API = 'Api';
const TRIAL_MS = 30 * DAY_MS;
/** A plan the scenario declares Standard was enabled this long before the scenario starts, so no trial is left. */
const SCENARIO_PLAN_AGE_MS = 60 * DAY_MS;
/** The persisted-state key (per subscription) under which PUT pricings are kept. */
export const PRICINGS_STATE_KEY = 'pricings';

export interface PricingPlan {
  pricingTier: PricingTier;
  subPlan?: string;
  /** ISO instant the plan last went from Free to Standard; only with Standard. A sub-plan change keeps it. */
  enablementTime?: string;
  /**
   * ISO instant the subscription's free trial of this plan began: the first time it was ever Standard. Kept through
   * sub-plan changes and through Free, so the 30-day trial is given once, as Defender for Cloud gives it.
   */
  trialStartTime?: string;
}

/** The fields each pricings api-version has (pricings.json of that version): older versions answer fewer. */
const FIELDS_BY_VERSION: Record<string, { enablementTime: boolean; enforce: boolean }> = {
  '2022-03-01': { enablementTime: false, enforce: false },
  '2023-01-01': { enablementTime: true, enforce: false },
  '2024-01-01': { enablementTime: true, enforce: true },
};

/** The canonical spelling of a pricing name (ARM matches names case-insensitively), or undefined if unknown. */
export function canonicalPricingName(name: string): string | undefined {
  return PRICING_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
}

export function currentPlan(ctx: SandboxContext, subscription: ScenarioSubscription, name: string): PricingPlan {
  const saved = ctx.state.get(subscription.subscriptionId, PRICINGS_STATE_KEY);
  const override = isJsonObject(saved) ? saved[name] : undefined;
  if (isPlan(override)) return override;
  const declared = name === API ? subscription.defenderForApis : undefined;
  if (declared?.pricingTier !== 'Standard') return { pricingTier: 'Free' };
  const enablementTime = new Date(ctx.scenarioStartMs - SCENARIO_PLAN_AGE_MS).toISOString();
  return { pricingTier: 'Standard', subPlan: declared.subPlan ?? 'P1', enablementTime, trialStartTime: enablementTime };
}

function isPlan(value: unknown): value is PricingPlan {
  return isJsonObject(value) && (value.pricingTier === 'Free' || value.pricingTier === 'Standard');
}

export function pricingBody(
  subscriptionId: string,
  name: string,
  plan: PricingPlan,
  nowMs: number,
  apiVersion: string,
) {
  const fields = FIELDS_BY_VERSION[apiVersion.toLowerCase()] ?? { enablementTime: true, enforce: true };
  const trialStartMs = plan.trialStartTime === undefined ? undefined : Date.parse(plan.trialStartTime);
  const trialLeftMs =
    plan.pricingTier === 'Standard' && trialStartMs !== undefined ? trialStartMs + TRIAL_MS - nowMs : 0;
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${name}`,
    name,
    type: 'Microsoft.Security/pricings',
    properties: {
      pricingTier: plan.pricingTier,
      ...(plan.pricingTier === 'Standard' && plan.subPlan !== undefined ? { subPlan: plan.subPlan } : {}),
      freeTrialRemainingTime: formatDuration(Math.min(TRIAL_MS, Math.max(0, trialLeftMs))),
      ...(fields.enablementTime && plan.pricingTier === 'Standard' ? { enablementTime: plan.enablementTime } : {}),
      ...(fields.enforce ? { enforce: 'False' } : {}),
    },
  };
}

/** The plan a PUT body asks for, given the current one; 400 with a message for a body ARM would refuse. */
export function planFromPut(name: string, bodyText: string, current: PricingPlan, nowMs: number): PricingPlan {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw badRequest('The request body must be JSON: {"properties":{"pricingTier":"Standard","subPlan":"P1"}}.');
  }
  const properties = isJsonObject(body) ? body.properties : undefined;
  if (!isJsonObject(properties)) throw badRequest('The request body must have a "properties" object.');
  const tierText = typeof properties.pricingTier === 'string' ? properties.pricingTier.toLowerCase() : '';
  if (tierText !== 'free' && tierText !== 'standard') {
    throw badRequest(
      `properties.pricingTier must be 'Free' or 'Standard', got ${JSON.stringify(properties.pricingTier)}.`,
    );
  }
  const trial = current.trialStartTime === undefined ? {} : { trialStartTime: current.trialStartTime };
  if (tierText === 'free') return { pricingTier: 'Free', ...trial };
  const subPlan = subPlanOf(name, properties.subPlan);
  const wasStandard = current.pricingTier === 'Standard';
  const now = new Date(nowMs).toISOString();
  return {
    pricingTier: 'Standard',
    ...(subPlan === undefined ? {} : { subPlan }),
    enablementTime: wasStandard ? (current.enablementTime ?? now) : now,
    trialStartTime: current.trialStartTime ?? now,
  };
}

function subPlanOf(name: string, value: unknown): string | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw badRequest(`properties.subPlan must be a string, got ${JSON.stringify(value)}.`);
  }
  if (name !== API) return value ?? undefined;
  // Defender for APIs: no sub-plan means Plan 1, as in the portal.
  if (value === undefined || value === null) return 'P1';
  const plan = API_SUB_PLANS.find((p) => p.toLowerCase() === value.toLowerCase());
  if (plan === undefined) {
    throw badRequest(
      `properties.subPlan '${value}' is not valid for pricing 'Api': use one of ${API_SUB_PLANS.join(', ')}.`,
    );
  }
  return plan;
}
