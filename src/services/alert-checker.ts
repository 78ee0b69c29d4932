import type { Clock } from '../clock';
import type { AlertPlan } from '../domain/alerts';
import { alertId, collapseLevels, monthKey, projectionIsMeaningful, type UsageAlert } from '../domain/alerts';
import { levelsReached, type UsageLevel } from '../domain/usage';
import type { Logger } from '../logging/logger';
import type { AlertDelivery } from './alert-delivery';
import type { AlertOutbox } from './alert-outbox';
import type { AlertSubscription, AlertSubscriptions } from './alert-subscriptions';
import { settleBefore } from '../util/deadline';
import type { StatusService, SubscriptionStatus } from './status-service';

/** Default longest one subscription's check may take, in ms (ALERT_CHECK_TIMEOUT_SECONDS). */
export const DEFAULT_ALERT_CHECK_TIMEOUT_MS = 120_000;
/** After a check's time ran out, how long it may take to stop, in ms, before the sweep moves on without it. */
const CHECK_GRACE_MS = 1_000;

export interface AlertCheckerDeps {
  status: StatusService;
  subscriptions: AlertSubscriptions;
  outbox: AlertOutbox;
  delivery: AlertDelivery;
  clock: Clock;
  /** Percent of the entitlement at which alerts fire, e.g. [80, 100]. */
  thresholds: readonly number[];
  logger: Logger;
  /** Longest one subscription's check may take (ms); then the sweep goes on with the next one. */
  checkTimeoutMs?: number;
}

/** The alert a level makes of a status reading. Pure. */
export function alertOf(status: SubscriptionStatus, level: UsageLevel): UsageAlert {
  const month = monthKey(status.at);
  return {
    id: alertId(status.subscription.id.toLowerCase(), month, planOf(status), level),
    subscriptionId: status.subscription.id,
    subscriptionName: status.subscription.name,
    month,
    level,
    checkedAt: status.at.toISOString(),
    tier: status.plan?.tier ?? 'Unknown',
    entitlementPlanId: status.entitlementPlan.id,
    entitlement: status.entitlementPlan.entitlement,
    monthToDate: status.usage.monthToDate,
    projected: status.usage.projected,
    projectedCostMicroUsd: status.projectedCost.totalMicroUsd,
    bestPlanId: status.cheapest.plan.id,
    bestCostMicroUsd: status.cheapest.totalMicroUsd,
    complete: status.complete,
  };
}

/** The plan (and entitlement) an alert of this status is measured against: part of the alert's identity. */
export function planOf(status: SubscriptionStatus): AlertPlan {
  return { planId: status.entitlementPlan.id, entitlement: status.entitlementPlan.entitlement };
}

/** Levels that fire now. Free (and unreadable) plans are checked against Plan 1, the plan enabling would apply. */
export function levelsToAlert(status: SubscriptionStatus, thresholds: readonly number[]): UsageLevel[] {
  const levels = levelsReached(status.usage, status.entitlementPlan.entitlement, thresholds);
  return levels.filter((level) => level.kind !== 'projected' || projectionIsMeaningful(status.usage));
}

/**
 * One sweep: first finish what earlier sweeps (of any instance, before any restart) left in the outbox, then read
 * each watched subscription's month-to-date usage and claim and deliver the levels it reached.
 */
export class AlertChecker {
  /** Whether claims from before the open-claims index have been indexed in this process. */
  private indexed = false;

  constructor(private readonly deps: AlertCheckerDeps) {}

  async sweep(signal?: AbortSignal): Promise<void> {
    await this.drain();
    const watched = groupBySubscription(await this.deps.subscriptions.all());
    for (const [subscriptionId, watchers] of watched) {
      if (signal?.aborted) return;
      // Each subscription has its own deadline: one whose Azure never answers must not stop the others.
      const deadline = AbortSignal.timeout(this.deps.checkTimeoutMs ?? DEFAULT_ALERT_CHECK_TIMEOUT_MS);
      const checkSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
      try {
        await settleBefore(this.check(subscriptionId, watchers, checkSignal), checkSignal, CHECK_GRACE_MS, () =>
          Object.assign(new Error('the subscription check did not end after its deadline'), { name: 'TimeoutError' }),
        );
      } catch (error) {
        if (signal?.aborted) return;
        // One subscription failing (access removed, Azure down, no answer in time) must not stop the others.
        this.deps.logger.warn('alert check failed for a subscription', {
          subscriptionId,
          timedOut: deadline.aborted,
          error,
        });
      }
    }
  }

  /** Delivers pending claims: the outbox left by a crash, or deliveries deferred by throttling. */
  async drain(): Promise<void> {
    if (!this.indexed) {
      await this.deps.outbox.indexUnindexedClaims(this.deps.clock());
      this.indexed = true;
    }
    for (const claim of await this.deps.outbox.pendingClaims(this.deps.clock())) {
      try {
        await this.deps.delivery.deliver(claim);
      } catch (error) {
        this.deps.logger.error('alert outbox entry could not be delivered', { alertId: claim.value.alert.id, error });
      }
    }
  }

  private async check(subscriptionId: string, watchers: AlertSubscription[], signal?: AbortSignal): Promise<void> {
    const first = watchers[0] as AlertSubscription;
    const status = await this.deps.status.status({ id: subscriptionId, name: first.subscriptionName }, signal);
    if (!status.complete)
      this.deps.logger.warn('month-to-date usage incomplete; alerting on the lower bound', {
        subscriptionId,
        failures: status.failures.length,
      });
    const { post, covered } = collapseLevels(levelsToAlert(status, this.deps.thresholds));
    // Lower thresholds first, claimed with nobody to tell: the higher level's card says it all.
    for (const level of covered) await this.deps.outbox.claim(alertOf(status, level), [], this.deps.clock(), 'done');
    for (const level of post) {
      const alert = alertOf(status, level);
      const recipients = watchers.map((w) => w.conversationId);
      const claim = await this.deps.outbox.claim(alert, recipients, this.deps.clock());
      if (!claim) continue; // fired earlier this month (here, before a restart, or on another instance)
      this.deps.logger.info('alert level reached', { alertId: alert.id, recipients: recipients.length });
      await this.deps.delivery.deliver(claim);
    }
  }
}

function groupBySubscription(subscriptions: AlertSubscription[]): Map<string, AlertSubscription[]> {
  const groups = new Map<string, AlertSubscription[]>();
  for (const s of subscriptions) {
    const key = s.subscriptionId.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return groups;
}
