import type { Clock } from '../clock';
import type { Subscription } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import type { EstimateService, SubscriptionEstimate, TrafficEstimate } from './estimate-service';
import { BoundedMap } from '../util/bounded-map';

/** How long an estimate is reused before Azure is read again (it is shown with its time and a Refresh button). */
export const REUSE_MS = 5 * 60_000;
/** A Refresh sooner than this after the last read of the same estimate is answered from the cache. */
export const MIN_REFRESH_MS = 60_000;
/** Fresh (Azure-reading) estimates a conversation may ask for in QUOTA_WINDOW_MS; `estimate all` counts as one. */
export const FRESH_READS_PER_WINDOW = 10;
export const QUOTA_WINDOW_MS = 10 * 60_000;
/** Entries kept at most (oldest dropped first), so a busy tenant cannot grow the cache without bound. */
const MAX_ENTRIES = 2_000;

export interface CachedEstimate {
  estimate: TrafficEstimate;
  /** True when this answer was read from Azure earlier and reused. */
  reused: boolean;
  /** The clock's now when it was answered (the card says how old the figures are). */
  now: Date;
}

/**
 * Recent estimates per conversation and subscription, reused for a few minutes; also the per-conversation quota on
 * expensive reads: a chat can force at most FRESH_READS_PER_WINDOW fresh reads per QUOTA_WINDOW_MS, and a Refresh
 * within MIN_REFRESH_MS of the last read gets the same figures. In memory, per bot instance.
 */
export class EstimateCache {
  private readonly entries = new BoundedMap<string, TrafficEstimate>(MAX_ENTRIES);
  private readonly freshReads = new Map<string, number[]>();

  constructor(
    private readonly estimates: EstimateService,
    private readonly clock: Clock,
  ) {}

  async estimate(
    conversationId: string,
    subscription: Subscription,
    refresh = false,
    signal?: AbortSignal,
  ): Promise<CachedEstimate> {
    const cached = this.reusable(conversationId, subscription.id, refresh);
    if (cached) return { estimate: cached, reused: true, now: this.clock() };
    this.spendQuota(conversationId);
    const estimate = await this.estimates.estimate(subscription, signal);
    this.remember(conversationId, estimate);
    return { estimate, reused: false, now: this.clock() };
  }

  /** Every subscription; cached ones are reused, the rest read together (one quota unit). */
  async estimateMany(
    conversationId: string,
    subscriptions: readonly Subscription[],
    refresh = false,
    signal?: AbortSignal,
  ): Promise<(SubscriptionEstimate & { reused: boolean })[]> {
    const cached = new Map(subscriptions.map((s) => [s.id, this.reusable(conversationId, s.id, refresh)]));
    const missing = subscriptions.filter((s) => !cached.get(s.id));
    const fresh = new Map<string, SubscriptionEstimate>();
    if (missing.length > 0) {
      this.spendQuota(conversationId);
      for (const result of await this.estimates.estimateMany(missing, signal)) {
        fresh.set(result.subscription.id, result);
        if (result.estimate) this.remember(conversationId, result.estimate);
      }
    }
    return subscriptions.map((subscription) => {
      const hit = cached.get(subscription.id);
      if (hit) return { subscription, estimate: hit, reused: true };
      const result = fresh.get(subscription.id) ?? { subscription, failure: 'not read' };
      return { ...result, reused: false };
    });
  }

  /** The clock's now (cards say how old reused figures are). */
  now(): Date {
    return this.clock();
  }

  /** Drops every conversation's estimate of a subscription (after its plan changed). */
  forget(subscriptionId: string): void {
    const suffix = `|${subscriptionId.toLowerCase()}`;
    for (const key of [...this.entries.keys()]) if (key.endsWith(suffix)) this.entries.delete(key);
  }

  private reusable(conversationId: string, subscriptionId: string, refresh: boolean): TrafficEstimate | undefined {
    const entry = this.entries.get(keyOf(conversationId, subscriptionId));
    if (!entry) return undefined;
    const age = this.clock().getTime() - entry.at.getTime();
    return age < (refresh ? MIN_REFRESH_MS : REUSE_MS) ? entry : undefined;
  }

  private remember(conversationId: string, estimate: TrafficEstimate): void {
    const key = keyOf(conversationId, estimate.subscription.id);
    this.entries.set(key, estimate);
  }

  private spendQuota(conversationId: string): void {
    const now = this.clock().getTime();
    const recent = (this.freshReads.get(conversationId) ?? []).filter((t) => now - t < QUOTA_WINDOW_MS);
    if (recent.length >= FRESH_READS_PER_WINDOW) {
      const waitMinutes = Math.ceil((QUOTA_WINDOW_MS - (now - (recent[0] ?? now))) / 60_000);
      throw new AppError(
        'quota_exceeded',
        `This chat asked Azure for ${recent.length} fresh estimates in the last ${QUOTA_WINDOW_MS / 60_000} minutes, the most I allow. Try again in ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}.`,
      );
    }
    recent.push(now);
    this.freshReads.set(conversationId, recent);
    if (this.freshReads.size > MAX_ENTRIES) this.freshReads.delete(this.freshReads.keys().next().value as string);
  }
}

const keyOf = (conversationId: string, subscriptionId: string): string =>
  `${conversationId}|${subscriptionId.toLowerCase()}`;
