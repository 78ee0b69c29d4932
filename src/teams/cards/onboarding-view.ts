import type { Subscription } from '../../domain/azure-types';
import type { ApiRef } from '../../domain/onboarding-types';
import type { OnboardingOverview } from '../../services/onboarding-service';
import { regionLabel } from './region-label';

/** APIs per card page: each row with its Fix button is ~0.7 KB of JSON, so 15 keeps every page well under 28 KB. */
export const APIS_PER_PAGE = 15;

function groupByService(apis: ApiRef[]) {
  const groups = new Map<string, ApiRef[]>();
  for (const api of apis) groups.set(api.serviceId, [...(groups.get(api.serviceId) ?? []), api]);
  return [...groups.values()];
}

/** Domain overview → cards/onboarding.json data for one page of unhealthy APIs. Pure. */
export function onboardingView(subscription: Subscription, overview: OnboardingOverview, page: number) {
  const { summary } = overview;
  const fixable = summary.unhealthyByService.flatMap((s) => s.apis);
  const lastPage = Math.max(0, Math.ceil(fixable.length / APIS_PER_PAGE) - 1);
  const current = Math.min(Math.max(0, page), lastPage);
  const slice = fixable.slice(current * APIS_PER_PAGE, (current + 1) * APIS_PER_PAGE);
  const perService = new Map(summary.unhealthyByService.map((s) => [s.serviceId, s.apis.length]));
  const planOff = overview.plan?.tier === 'Free';
  return {
    subscriptionName: subscription.name,
    subscriptionId: subscription.id,
    counts: [
      { title: 'Unhealthy (not onboarded)', value: String(summary.unhealthy) },
      { title: 'Healthy (onboarded)', value: String(summary.healthy) },
      { title: 'Not applicable', value: String(summary.notApplicable) },
    ],
    stoppedEarly: overview.stoppedEarly !== undefined,
    stoppedEarlyText: `I stopped reading at ${overview.stoppedEarly ?? ''}: the counts are at least these, and APIs after that are not listed.`,
    planOff,
    planOffText:
      'Defender for APIs is off on this subscription. Onboarded APIs are only protected (and billed) once a plan is enabled: compare the plans and enable one first, or together with the fix.',
    nothingToFix: fixable.length === 0,
    pageText: `${current * APIS_PER_PAGE + 1}–${current * APIS_PER_PAGE + slice.length} of ${fixable.length}`,
    services: groupByService(slice).map((apis) => {
      const first = apis[0] as ApiRef;
      return {
        serviceId: first.serviceId,
        header: `${first.serviceName} · ${regionLabel(first.region)} · ${first.sku}`,
        fixServiceTitle: `Fix all in ${first.serviceName} (${perService.get(first.serviceId) ?? apis.length})`,
        apis: apis.map((a) => ({
          name: a.displayName,
          path: a.path ? `/${a.path}` : a.apiName,
          apiName: a.apiName,
          serviceId: a.serviceId,
        })),
      };
    }),
    hasNotOnboardable: overview.notOnboardable.length > 0,
    notOnboardable: overview.notOnboardable.map((a) => ({
      line: `${a.displayName} on ${a.serviceName} (${a.sku} tier: Defender for APIs does not support it)`,
    })),
    hasNotApplicable: overview.notApplicable.length > 0,
    notApplicable: overview.notApplicable.map((i) => ({
      line: `${i.api ? `${i.api.displayName} on ${i.api.serviceName}` : i.resourceId}${i.description ? `: ${i.description}` : i.cause ? ` (${i.cause})` : ''}`,
    })),
    showFixAll: fixable.length > 0,
    fixAllTitle: `Fix all (${fixable.length})`,
    hasMore: current < lastPage,
    nextPage: current + 1,
  };
}
