import type { Subscription } from '../../domain/azure-types';
import type { ApiRef } from '../../domain/onboarding-types';
import type { OnboardingOverview } from '../../services/onboarding-service';
import { donutChart } from './charts';
import { regionLabel } from './region-label';

/** APIs per card page: each row with its Fix button is ~0.7 KB of JSON, so 15 keeps every page well under 28 KB. */
export const APIS_PER_PAGE = 15;

function groupByService(apis: ApiRef[]) {
  const groups = new Map<string, ApiRef[]>();
  for (const api of apis) groups.set(api.serviceId, [...(groups.get(api.serviceId) ?? []), api]);
  return [...groups.values()];
}

/** Lines that share a reason are said once: "Legacy POS on apim-a, EDI on apim-b: This API is not eligible …". */
function groupedByReason(
  entries: { name: string; reason: string }[],
  join: (names: string, reason: string) => string,
): { line: string }[] {
  const byReason = new Map<string, string[]>();
  for (const e of entries) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e.name]);
  return [...byReason].map(([reason, names]) => ({ line: reason ? join(names.join(', '), reason) : names.join(', ') }));
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Domain overview → cards/onboarding.json data for one page of unhealthy APIs. Pure. */
export function onboardingView(subscription: Subscription, overview: OnboardingOverview, page: number) {
  const { summary } = overview;
  const fixable = summary.unhealthyByService.flatMap((s) => s.apis);
  const lastPage = Math.max(0, Math.ceil(fixable.length / APIS_PER_PAGE) - 1);
  const current = Math.min(Math.max(0, page), lastPage);
  const slice = fixable.slice(current * APIS_PER_PAGE, (current + 1) * APIS_PER_PAGE);
  const perService = new Map(summary.unhealthyByService.map((s) => [s.serviceId, s.apis.length]));
  const planOff = overview.plan?.tier === 'Free';
  const cannot = overview.notOnboardable.length + overview.notApplicable.length;
  const answerText =
    fixable.length === 0
      ? 'Nothing to fix: every API that Defender for APIs can protect is onboarded'
      : `${plural(fixable.length, 'API')} to onboard to Defender for APIs in ${subscription.name}`;
  return {
    subscriptionName: subscription.name,
    subscriptionId: subscription.id,
    answerText,
    answerColor: fixable.length === 0 ? 'Good' : 'Attention',
    summaryText: `${plural(summary.healthy, 'API')} onboarded, ${fixable.length} to fix${cannot > 0 ? `, ${cannot} that cannot be onboarded` : ''}.`,
    onboardingChart: donutChart('APIs by onboarding state', [
      { label: 'To fix', value: fixable.length, text: String(fixable.length), color: 'attention' },
      { label: 'Onboarded', value: summary.healthy, text: String(summary.healthy), color: 'good' },
      { label: 'Cannot be onboarded', value: cannot, text: String(cannot), color: 'neutral' },
    ]),
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
      const total = perService.get(first.serviceId) ?? apis.length;
      // The button fixes every API of the service; when a page shows only some of them, the header says so.
      const shown = total > apis.length ? ` · ${apis.length} of its ${total} APIs on this page` : '';
      return {
        serviceId: first.serviceId,
        header: `${first.serviceName} · ${regionLabel(first.region)} · ${first.sku}${shown}`,
        fixServiceTitle: `Fix all in ${first.serviceName} (${total})`,
        apis: apis.map((a) => ({
          name: a.displayName,
          path: a.path ? `/${a.path}` : a.apiName,
          apiName: a.apiName,
          serviceId: a.serviceId,
        })),
      };
    }),
    hasCannot: cannot > 0,
    cannotToggleTitle: `Cannot be onboarded (${cannot})`,
    hasNotOnboardable: overview.notOnboardable.length > 0,
    notOnboardable: groupedByReason(
      overview.notOnboardable.map((a) => ({
        name: `${a.displayName} on ${a.serviceName}`,
        reason: `${a.sku} tier: Defender for APIs does not support it`,
      })),
      (names, reason) => `${names} (${reason})`,
    ),
    hasNotApplicable: overview.notApplicable.length > 0,
    notApplicable: groupedByReason(
      overview.notApplicable.map((i) => ({
        name: i.api ? `${i.api.displayName} on ${i.api.serviceName}` : i.resourceId,
        reason: i.description ?? i.cause ?? '',
      })),
      (names, reason) => `${names}: ${reason}`,
    ),
    showFixAll: fixable.length > 0,
    fixAllTitle: `Fix all (${fixable.length})`,
    hasMore: current < lastPage,
    nextPage: current + 1,
    hasPrevious: current > 0,
    previousPage: current - 1,
  };
}
