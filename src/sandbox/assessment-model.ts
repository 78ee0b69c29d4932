/**
 * The assessments (Defender for Cloud recommendation results) of a subscription, per assessed resource (reference
 * §2.4): the onboarding recommendation for every APIM API, plus unrelated ones on services and on the subscription.
 */
import {
  APIM_MIN_VERSION_ASSESSMENT_KEY,
  APIM_VNET_ASSESSMENT_KEY,
  metadataOf,
  metadataProperties,
  ONBOARDING_ASSESSMENT_KEY,
  OWNER_MFA_ASSESSMENT_KEY,
  PLAN_ENABLED_ASSESSMENT_KEY,
} from './assessment-catalog';
import type { SandboxContext } from './context';
import { recommendationOf } from './onboarding-model';
import { currentPlan } from './pricing-model';
import type { RecommendationStatus, ScenarioSubscription } from './scenario';
import { servicesOf } from './tenant';
import { DAY_MS } from './time';

export const ASSESSMENTS_TYPE = 'Microsoft.Security/assessments';
/** Tiers that can be deployed into a virtual network. */
const VNET_TIERS = ['Developer', 'Premium', 'PremiumV2'];

export interface AssessmentRecord {
  /** ARM id of the assessed resource. */
  resourceId: string;
  key: string;
  code: RecommendationStatus;
  cause?: string;
  description?: string;
  /** Epoch ms of a change made through the sandbox, if any. */
  changedAtMs?: number;
}

export function assessmentsOf(ctx: SandboxContext, subscription: ScenarioSubscription): AssessmentRecord[] {
  const records: AssessmentRecord[] = [];
  for (const ref of servicesOf(subscription)) {
    const vnet = VNET_TIERS.includes(ref.service.sku);
    records.push({
      resourceId: ref.id,
      key: APIM_VNET_ASSESSMENT_KEY,
      ...(vnet
        ? { code: 'Unhealthy' as const }
        : { code: 'NotApplicable' as const, cause: 'NotSupported', description: 'This tier has no VNet injection.' }),
    });
    records.push({ resourceId: ref.id, key: APIM_MIN_VERSION_ASSESSMENT_KEY, code: 'Healthy' });
    for (const api of ref.service.apis ?? []) {
      const state = recommendationOf(ctx, { ref, api });
      records.push({ resourceId: `${ref.id}/apis/${api.name}`, key: ONBOARDING_ASSESSMENT_KEY, ...state });
    }
  }
  const subscriptionId = `/subscriptions/${subscription.subscriptionId}`;
  const plan = currentPlan(ctx, subscription, 'Api');
  records.push({
    resourceId: subscriptionId,
    key: PLAN_ENABLED_ASSESSMENT_KEY,
    code: plan.pricingTier === 'Standard' ? 'Healthy' : 'Unhealthy',
  });
  records.push({ resourceId: subscriptionId, key: OWNER_MFA_ASSESSMENT_KEY, code: 'Healthy' });
  return records;
}

export function assessmentId(record: AssessmentRecord): string {
  return `${record.resourceId}/providers/${ASSESSMENTS_TYPE}/${record.key}`;
}

export function assessmentBody(ctx: SandboxContext, record: AssessmentRecord, expandMetadata: boolean) {
  const metadata = metadataOf(record.key);
  // Evaluated first 45 days before the scenario starts; scenario statuses last changed a week before it.
  const firstEvaluationMs = ctx.scenarioStartMs - 45 * DAY_MS;
  const statusChangeMs = record.changedAtMs ?? ctx.scenarioStartMs - 7 * DAY_MS;
  return {
    id: assessmentId(record),
    name: record.key,
    type: ASSESSMENTS_TYPE,
    properties: {
      // Both casings: the REST spec examples use source/id, Microsoft's KQL and scripts read Source/Id (§2.4).
      resourceDetails: { Source: 'Azure', Id: record.resourceId, source: 'Azure', id: record.resourceId },
      displayName: metadata?.displayName ?? record.key,
      status: {
        code: record.code,
        ...(record.cause === undefined ? {} : { cause: record.cause }),
        ...(record.description === undefined ? {} : { description: record.description }),
        firstEvaluationDate: new Date(firstEvaluationMs).toISOString(),
        statusChangeDate: new Date(Math.max(firstEvaluationMs, statusChangeMs)).toISOString(),
      },
      additionalData: {},
      links: {
        azurePortalUri: `https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/${record.key}`,
      },
      ...(expandMetadata && metadata !== undefined ? { metadata: metadataProperties(metadata) } : {}),
    },
  };
}
