import { setMaxListeners } from 'node:events';
import type {
  ApimService,
  BoundedList,
  DefenderPlan,
  ServiceInventory,
  Subscription,
  TimeWindow,
} from '../domain/azure-types';
import type { ApiOnboardingStatus } from '../domain/onboarding-types';
import { last30CompleteDays } from '../domain/time-windows';
import { AppError, isAppError } from '../errors/app-error';
import type { Clock } from '../clock';
import { mapWithConcurrency } from '../util/concurrency';
import { settleBefore } from '../util/deadline';
import type { AzureReader, InventoryReader, OnboardingStatusReader, TrafficFeed, TrafficFeedReader } from './ports';

import { estimateFrom } from './estimate-figures';
import type { SubscriptionEstimate, TrafficEstimate } from './estimate-types';

export type { ServiceTraffic, SubscriptionEstimate, TrafficEstimate } from './estimate-types';

type Context = [DefenderPlan | undefined, ApiOnboardingStatus[] | undefined];
type Onboarding = Promise<Map<string, ApiOnboardingStatus[]> | undefined>;

/** Subscriptions read at once by `estimateMany`; each still reads its regions in parallel. */
const SUBSCRIPTION_CONCURRENCY = 20;
/** A subscription that takes longer is reported as timed out; the others are still answered. */
export const SUBSCRIPTION_TIMEOUT_MS = 20_000;

/**
 * Estimates monthly Defender for APIs traffic from 30 days of APIM `Requests`: all traffic as Microsoft does, and the
 * traffic Defender would monitor (onboarded and onboardable APIs, by the `ApiId` dimension), which plans are
 * compared on. Several subscriptions share one Resource Graph listing.
 */
export class EstimateService {
  constructor(
    private readonly azure: AzureReader & InventoryReader & Partial<TrafficFeedReader>,
    private readonly clock: Clock,
    private readonly onboarding?: OnboardingStatusReader,
  ) {}

  async estimate(subscription: Subscription, signal?: AbortSignal): Promise<TrafficEstimate> {
    const window = last30CompleteDays(this.clock());
    // The plan and the onboarding state do not depend on the service list: read them while it is listed.
    const context = this.readContext(subscription.id, this.readOnboarding([subscription.id], signal), signal);
    const inventory = await this.azure.listApimServicesAcross([subscription.id], signal);
    const failure = inventory.failures.get(subscription.id);
    if (failure !== undefined) throw new AppError('azure_unavailable', failure);
    const services = inventory.bySubscription.get(subscription.id) ?? [];
    return this.estimateOne(subscription, services, window, context, signal);
  }

  /** Every subscription's estimate; one that fails or times out is reported, never fails the others. */
  async estimateMany(
    subscriptions: readonly Subscription[],
    signal?: AbortSignal,
    timeoutMs = SUBSCRIPTION_TIMEOUT_MS,
  ): Promise<SubscriptionEstimate[]> {
    const window = last30CompleteDays(this.clock());
    const ids = subscriptions.map((s) => s.id);
    // Stops the traffic reads already started if the listing then fails (no estimate will read them).
    const listingFailed = new AbortController();
    const limits = subscriptions.map((subscription) => {
      const own = Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined;
      const combined = AbortSignal.any([listingFailed.signal, ...(own ? [own] : []), ...(signal ? [signal] : [])]);
      // Every Azure call of the subscription listens on it (dozens with many regions): not a leak.
      setMaxListeners(0, combined);
      return { subscription, own, combined };
    });
    // Traffic is read as services are listed (page by page), each subscription's reads under its own time limit.
    const signals = new Map(limits.map((s) => [s.subscription.id.toLowerCase(), s.combined]));
    const feed = this.azure.trafficFeed?.(window, (id) => signals.get(id) ?? signal);
    const listing = this.azure.listApimServicesAcross(ids, signal, feed && ((services) => feed.add(services)));
    // Asked right after the listing, which every batch waits on: the plans, and the onboarding state (one Resource
    // Graph query shared by their contexts).
    const onboarding = this.readOnboarding(ids, signal);
    const started = limits.map((l) => ({ ...l, context: this.readContext(l.subscription.id, onboarding, l.combined) }));
    let inventory: ServiceInventory;
    try {
      inventory = await listing;
    } catch (error) {
      listingFailed.abort();
      throw error;
    }
    feed?.finish();
    return mapWithConcurrency(started, SUBSCRIPTION_CONCURRENCY, async ({ subscription, own, combined, context }) => {
      const listFailure = inventory.failures.get(subscription.id);
      if (listFailure !== undefined) return { subscription, failure: listFailure };
      const services = inventory.bySubscription.get(subscription.id) ?? [];
      try {
        const estimate = await this.estimateOne(subscription, services, window, context, combined, feed);
        // Cut off by its own time limit: not part of the total (the turn's own budget keeps the partial answer).
        if (own?.aborted) return { subscription, failure: `no answer from Azure within ${timeoutMs / 1000} s` };
        return { subscription, estimate };
      } catch (error) {
        if (signal?.aborted) throw error;
        if (own?.aborted) return { subscription, failure: `no answer from Azure within ${timeoutMs / 1000} s` };
        return { subscription, failure: isAppError(error) ? error.userMessage : 'Azure did not answer properly.' };
      }
    });
  }

  /** Never rejects (it is started before it is awaited); undefined stands for "could not be read". */
  private readOnboarding(subscriptionIds: readonly string[], signal?: AbortSignal): Onboarding {
    if (!this.onboarding) return Promise.resolve(undefined);
    return this.onboarding.onboardingStatusesAcross(subscriptionIds, signal).catch(() => undefined);
  }

  /**
   * The plan and the onboarding state: context for the card, so not being allowed to read them must not block the
   * estimate. Never rejects; undefined stands for "could not be read", also once `signal` (the subscription's own
   * time limit) aborts while the shared onboarding read is still going.
   */
  private readContext(subscriptionId: string, onboarding: Onboarding, signal?: AbortSignal): Promise<Context> {
    const shared = signal ? settleBefore(onboarding, signal, 0, () => new Error('stopped')) : onboarding;
    return Promise.all([
      this.azure.getDefenderPlan(subscriptionId, signal).catch(() => undefined),
      shared.then((statuses) => statuses?.get(subscriptionId)).catch(() => undefined),
    ]);
  }

  private async estimateOne(
    subscription: Subscription,
    services: BoundedList<ApimService>,
    window: TimeWindow,
    context: Promise<Context>,
    signal?: AbortSignal,
    feed?: TrafficFeed,
  ): Promise<TrafficEstimate> {
    const [totals, [currentPlan, items]] = await Promise.all([
      feed ? feed.totals(services, signal) : this.azure.requestTotals(services, window, signal),
      context,
    ]);
    // No throwIfAborted here: a deadline leaves the services it cut off as failures, and the estimate (incomplete,
    // recommending nothing) names them; a stop (shutdown) has already ended the reads with an AbortError.
    return estimateFrom({ subscription, services, window, totals, currentPlan, items, now: this.clock() });
  }
}
