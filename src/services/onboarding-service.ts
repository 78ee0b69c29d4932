import type { Actor, Approval, CardLocation } from '../domain/approval';
import type { DefenderPlan, Subscription } from '../domain/azure-types';
import { isOnboardable } from '../domain/onboarding-operation';
import type { ApiCollection, ApiRef, RecommendationItem } from '../domain/onboarding-types';
import { summarizeRecommendation, type RecommendationSummary } from '../domain/recommendation-summary';
import { riskOrder } from '../domain/risk-order';
import { AppError } from '../errors/app-error';
import type { ApprovalService } from './approval-service';
import type { OnboardingAzure } from './onboarding-ports';
import type { AzureReader } from './ports';
import type { OnboardingCoverage } from './status-service';

export interface OnboardingOverview {
  summary: RecommendationSummary;
  /** Unhealthy APIs Defender for APIs cannot protect (Consumption tier): listed without a Fix button. */
  notOnboardable: ApiRef[];
  /** NotApplicable items with Azure's reason. */
  notApplicable: RecommendationItem[];
  /** Undefined when the plan could not be read. */
  plan?: DefenderPlan;
  /** Set when reading the recommendation stopped at a bound: which one. The counts are then lower bounds. */
  stoppedEarly?: string;
}

/** Which APIs a Fix button means; always re-checked against the recommendation as Azure reports it now. */
export type FixSelection =
  { kind: 'all' } | { kind: 'service'; serviceId: string } | { kind: 'api'; serviceId: string; apiName: string };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The onboarding recommendation, Fix requests (through approvals) and the onboarded APIs' insights. */
export class OnboardingService {
  constructor(
    private readonly azure: OnboardingAzure,
    private readonly reader: AzureReader,
    private readonly approvals: ApprovalService,
  ) {}

  async overview(subscription: Subscription, signal?: AbortSignal): Promise<OnboardingOverview> {
    const [items, plan] = await Promise.all([
      this.azure.getRecommendation(subscription.id, signal),
      this.reader.getDefenderPlan(subscription.id, signal).catch(() => undefined),
    ]);
    const summary = summarizeRecommendation(items);
    const notOnboardable = summary.unhealthyByService.flatMap((s) => s.apis.filter((a) => !isOnboardable(a)));
    summary.unhealthyByService = summary.unhealthyByService
      .map((s) => ({ ...s, apis: s.apis.filter(isOnboardable) }))
      .filter((s) => s.apis.length > 0);
    const notApplicable = items.filter((i) => i.status === 'NotApplicable');
    const stoppedEarly = items.stoppedEarly === undefined ? {} : { stoppedEarly: items.stoppedEarly };
    return { summary, notOnboardable, notApplicable, plan, ...stoppedEarly };
  }

  /** The APIs a selection means right now: unhealthy and onboardable only (a stale or forged card gets nothing more). */
  async select(
    subscription: Subscription,
    selection: FixSelection,
    signal?: AbortSignal,
  ): Promise<{ apis: ApiRef[]; overview: OnboardingOverview }> {
    const overview = await this.overview(subscription, signal);
    const all = overview.summary.unhealthyByService.flatMap((s) => s.apis);
    const apis =
      selection.kind === 'all'
        ? all
        : all.filter(
            (a) =>
              same(a.serviceId, selection.serviceId) &&
              (selection.kind === 'service' || same(a.apiName, selection.apiName)),
          );
    if (apis.length === 0)
      throw new AppError(
        'nothing_to_fix',
        'There is nothing to fix there any more: those APIs are onboarded, not applicable, or gone. Type "onboard unhealthy APIs" for the current list.',
      );
    return { apis, overview };
  }

  async request(
    subscription: Subscription,
    selection: FixSelection,
    requester: Actor,
    card?: CardLocation,
  ): Promise<Approval> {
    this.approvals.assertApprovable(requester);
    const { apis, overview } = await this.select(subscription, selection);
    return this.requestFor(subscription, apis, overview.plan, requester, card);
  }

  /** A fresh approval for given APIs (e.g. "Retry failed"), re-checked like any Fix. */
  async requestFor(
    subscription: Subscription,
    apis: ApiRef[],
    plan: DefenderPlan | undefined,
    requester: Actor,
    card?: CardLocation,
  ): Promise<Approval> {
    return this.approvals.request(
      { kind: 'onboardApis', apis, planTier: plan?.tier ?? 'Unknown' },
      subscription,
      requester,
      card,
    );
  }

  /** How much of the subscription's APIs is onboarded, for the status card; undefined when it cannot be read. */
  async coverage(subscription: Subscription, signal?: AbortSignal): Promise<OnboardingCoverage | undefined> {
    try {
      const summary = summarizeRecommendation(await this.azure.getRecommendation(subscription.id, signal));
      return { onboarded: summary.healthy, notOnboarded: summary.unhealthy, notApplicable: summary.notApplicable };
    } catch {
      return undefined;
    }
  }

  /** Onboarded APIs with their security insights, riskiest first. */
  async collections(subscription: Subscription, signal?: AbortSignal): Promise<ApiCollection[]> {
    return riskOrder(await this.azure.listCollections(subscription.id, signal));
  }
}
