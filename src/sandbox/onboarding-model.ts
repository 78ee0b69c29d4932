/**
 * Which APIs are onboarded to Defender for APIs and what status each has in the onboarding recommendation
 * (interfaces.md §3). The scenario's `onboarded` / `recommendation` are the starting point; onboard and offboard calls
 * made through the sandbox are kept in the sandbox state and win over them from then on.
 */
import type { SandboxContext } from './context';
import type { RecommendationStatus, ScenarioApi } from './scenario';
import type { ServiceRef } from './tenant';
import { isJsonObject } from './validation';

/** The persisted-state key (per subscription) under which onboard/offboard calls are kept. */
export const API_COLLECTIONS_STATE_KEY = 'apiCollections';

/** One API of one APIM service of the scenario. */
export interface ApiTarget {
  ref: ServiceRef;
  api: ScenarioApi;
}

interface OnboardingChange {
  onboarded: boolean;
  /** ISO instant on the scenario clock. */
  changedAt: string;
}

export interface RecommendationState {
  code: RecommendationStatus;
  cause?: string;
  description?: string;
  /** Epoch ms of the last change made through the sandbox; undefined when the status comes from the scenario. */
  changedAtMs?: number;
}

export const CONSUMPTION_NOT_SUPPORTED =
  'Defender for APIs does not support APIs of API Management services in the Consumption tier.';
const NOT_ELIGIBLE = 'This API is not eligible for Defender for APIs (for example a non-REST API or a workspace API).';

function keyOf({ ref, api }: ApiTarget): string {
  return `${ref.service.resourceGroup}/${ref.service.name}/${api.name}`.toLowerCase();
}

function changes(ctx: SandboxContext, target: ApiTarget): Record<string, unknown> {
  const saved = ctx.state.get(target.ref.subscription.subscriptionId, API_COLLECTIONS_STATE_KEY);
  return isJsonObject(saved) ? saved : {};
}

function changeOf(ctx: SandboxContext, target: ApiTarget): OnboardingChange | undefined {
  const change = changes(ctx, target)[keyOf(target)];
  if (!isJsonObject(change) || typeof change.onboarded !== 'boolean' || typeof change.changedAt !== 'string') {
    return undefined;
  }
  return { onboarded: change.onboarded, changedAt: change.changedAt };
}

export function isOnboarded(ctx: SandboxContext, target: ApiTarget): boolean {
  return changeOf(ctx, target)?.onboarded ?? target.api.onboarded ?? false;
}

/** Records an onboard or offboard; resolves once it is on disk. */
export function setOnboarded(ctx: SandboxContext, target: ApiTarget, onboarded: boolean): Promise<void> {
  const change: OnboardingChange = { onboarded, changedAt: new Date(ctx.nowMs()).toISOString() };
  const next = { ...changes(ctx, target), [keyOf(target)]: change };
  return ctx.state.set(target.ref.subscription.subscriptionId, API_COLLECTIONS_STATE_KEY, next);
}

export function recommendationOf(ctx: SandboxContext, target: ApiTarget): RecommendationState {
  const change = changeOf(ctx, target);
  const { api, ref } = target;
  if (change === undefined) {
    const declared = api.recommendation ?? (api.onboarded === true ? 'Healthy' : undefined);
    if (declared === 'Healthy' || declared === 'Unhealthy') return { code: declared };
  }
  if (change?.onboarded === true) return { code: 'Healthy', changedAtMs: Date.parse(change.changedAt) };
  const changedAtMs = change === undefined ? undefined : Date.parse(change.changedAt);
  // Offboarded through the sandbox, or no status declared: the defaults of interfaces.md §3.
  if (ref.service.sku === 'Consumption') {
    return { code: 'NotApplicable', cause: 'OffByPolicy', description: CONSUMPTION_NOT_SUPPORTED, changedAtMs };
  }
  if (api.recommendation === 'NotApplicable') {
    return { code: 'NotApplicable', cause: 'NotSupported', description: NOT_ELIGIBLE, changedAtMs };
  }
  return { code: 'Unhealthy', changedAtMs };
}

/** Why onboarding this API must be refused, or undefined when it may be onboarded. */
export function onboardingRefusal(ctx: SandboxContext, target: ApiTarget): string | undefined {
  if (target.ref.service.sku === 'Consumption') {
    return `The API '${target.api.name}' cannot be onboarded: ${CONSUMPTION_NOT_SUPPORTED}`;
  }
  if (recommendationOf(ctx, target).code === 'NotApplicable') {
    return `The API '${target.api.name}' cannot be onboarded: ${NOT_ELIGIBLE}`;
  }
  return undefined;
}
