import type { Clock } from '../clock';
import { isSnoozed, redeliveryDelayMs } from '../domain/alerts';
import type { Logger } from '../logging/logger';
import { mapWithConcurrency } from '../util/concurrency';
import { ALERT_CHECKER, type AlertAudit, type AlertNotifier, type DeliveryOutcome } from './alert-ports';
import { TERMINAL, type AlertClaim, type AlertOutbox, type DeliveryRecord, type Held } from './alert-outbox';
import type { AlertSubscriptions } from './alert-subscriptions';
import type { ConversationRegistry } from './conversation-registry';

/** Attempts per recipient, counting those deferred by throttling, before the alert is given up there. */
export const MAX_ATTEMPTS = 5;
/**
 * A `sending` record older than this (ms) is taken to be an attempt that died with its process and is tried again
 * Longer than one attempt can take: at most 4 sends
 * of ≤ 5 s each (the Teams layer's connector timeout) and 3.5 s of backoff; the outbox is drained every
 * OUTBOX_DRAIN_MS, so a dead instance's send is taken up again within a minute. A crash after Teams took the
 * message but before `delivered` was written repeats it once: the Bot Connector has no idempotency key.
 */
export const SENDING_LEASE_MS = 40_000;
/** How often the outbox is drained between usage checks (ms). */
export const OUTBOX_DRAIN_MS = 15_000;
/** Conversations sent to in parallel; the Teams layer's rate limiter keeps them within Teams limits. */
const PARALLEL_SENDS = 4;

export interface AlertDeliveryDeps {
  outbox: AlertOutbox;
  subscriptions: AlertSubscriptions;
  registry: ConversationRegistry;
  notifier: AlertNotifier;
  audit: AlertAudit;
  clock: Clock;
  logger: Logger;
  /** This process, in the `sending` records of its attempts (a nonce per start). */
  sender?: string;
}

/** Delivers a claimed alert to its recipients: claim-then-send per recipient, each outcome recorded. */
export class AlertDelivery {
  constructor(private readonly deps: AlertDeliveryDeps) {}

  /** Works through every recipient that is not settled; marks the claim done when all are. */
  async deliver(claim: Held<AlertClaim>): Promise<void> {
    const alertId = claim.value.alert.id;
    const settled = await mapWithConcurrency(claim.value.recipients, PARALLEL_SENDS, (conversationId) =>
      this.deliverTo(claim.value, conversationId).catch((error: unknown) => {
        this.deps.logger.error('alert delivery failed', { alertId, conversationId, error });
        return false;
      }),
    );
    if (settled.every(Boolean)) await this.deps.outbox.markDone(claim);
  }

  /** True when this recipient is settled (delivered, skipped, dropped or failed for good). */
  private async deliverTo(claim: AlertClaim, conversationId: string): Promise<boolean> {
    const { outbox, clock } = this.deps;
    const alertId = claim.alert.id;
    const current = await outbox.getDelivery(alertId, conversationId);
    const now = clock();
    if (current && TERMINAL.has(current.value.state)) return true;
    if (current?.value.state === 'deferred' && Date.parse(current.value.nextAttemptAt ?? '') > now.getTime())
      return false;
    if (current?.value.state === 'sending' && this.mayStillBeSending(current.value, now)) return false; // another instance (or this one) is sending right now
    const attempt = await outbox.startAttempt(alertId, conversationId, current, now, this.deps.sender);
    if (!attempt) return false;
    const next = await this.attempt(claim, conversationId, attempt.value.attempts);
    const recorded = await outbox.finishAttempt(alertId, conversationId, attempt, next);
    if (!recorded) this.deps.logger.warn('alert delivery record taken over meanwhile', { alertId, conversationId });
    return TERMINAL.has(next.state);
  }

  /** A `sending` record of a live attempt: this process's own (in flight here), or another's within its lease. */
  private mayStillBeSending(record: DeliveryRecord, now: Date): boolean {
    if (record.sender !== undefined && record.sender === this.deps.sender) return true;
    return now.getTime() - Date.parse(record.updatedAt) < SENDING_LEASE_MS;
  }

  private async attempt(
    claim: AlertClaim,
    conversationId: string,
    attempts: number,
  ): Promise<Omit<DeliveryRecord, 'attempts'>> {
    const { alert } = claim;
    const at = (): string => this.deps.clock().toISOString();
    const watching = await this.deps.subscriptions.get(conversationId, alert.subscriptionId);
    if (!watching) return { state: 'skipped', reason: 'alerts turned off', updatedAt: at() };
    // Snoozed: skipped for good, not delivered after the snooze (the level's claim is for the month).
    if (isSnoozed(watching.snoozedUntil, this.deps.clock()))
      return { state: 'skipped', reason: `snoozed until ${watching.snoozedUntil}`, updatedAt: at() };
    const address = await this.deps.registry.get(conversationId);
    if (!address) return this.fail(claim, conversationId, 'no stored conversation reference');
    const outcome = await this.deps.notifier.deliver(address, alert);
    return this.settle(claim, conversationId, attempts, outcome);
  }

  private async settle(
    claim: AlertClaim,
    conversationId: string,
    attempts: number,
    outcome: DeliveryOutcome,
  ): Promise<Omit<DeliveryRecord, 'attempts'>> {
    const { alert } = claim;
    const now = this.deps.clock();
    const log = { alertId: alert.id, conversationId, attempts };
    switch (outcome.kind) {
      case 'delivered':
        this.deps.logger.info('alert delivered', log);
        await this.audit(claim, conversationId, 'alert.sent', 'ok');
        return { state: 'delivered', activityId: outcome.activityId, updatedAt: now.toISOString() };
      case 'gone': {
        const removed = await this.deps.subscriptions.removeConversation(conversationId);
        this.deps.logger.warn('bot removed or blocked: alert subscription dropped', { ...log, status: outcome.status });
        const detail = `bot removed or blocked (${outcome.detail}); ${removed.length} alert subscription(s) removed`;
        await this.audit(claim, conversationId, 'alert.dropped', `dropped: HTTP ${outcome.status}`, detail);
        return { state: 'dropped', reason: `HTTP ${outcome.status}`, updatedAt: now.toISOString() };
      }
      case 'retryLater': {
        if (attempts >= MAX_ATTEMPTS)
          return this.fail(claim, conversationId, `gave up after ${attempts} attempts: ${outcome.detail}`);
        const nextAttemptAt = new Date(now.getTime() + redeliveryDelayMs(attempts, outcome.retryAfterMs));
        this.deps.logger.warn('alert delivery deferred', { ...log, status: outcome.status, nextAttemptAt });
        return {
          state: 'deferred',
          reason: outcome.detail,
          nextAttemptAt: nextAttemptAt.toISOString(),
          updatedAt: now.toISOString(),
        };
      }
      case 'failed':
        return this.fail(claim, conversationId, outcome.detail);
    }
  }

  private async fail(
    claim: AlertClaim,
    conversationId: string,
    reason: string,
  ): Promise<Omit<DeliveryRecord, 'attempts'>> {
    this.deps.logger.error('alert not delivered', { alertId: claim.alert.id, conversationId, reason });
    await this.audit(claim, conversationId, 'alert.sent', `failed: ${reason}`);
    return { state: 'failed', reason, updatedAt: this.deps.clock().toISOString() };
  }

  private async audit(
    claim: AlertClaim,
    conversationId: string,
    action: 'alert.sent' | 'alert.dropped',
    outcome: string,
    detail?: string,
  ): Promise<void> {
    const { alert } = claim;
    const target = `conversation ${conversationId}`;
    try {
      const entry = { actor: ALERT_CHECKER, action, subscriptionId: alert.subscriptionId, target, outcome };
      await this.deps.audit.append({ ...entry, correlationId: alert.id, detail });
    } catch (error) {
      // The audit log failing must not turn a delivered alert into a resend.
      this.deps.logger.error('audit append failed', { alertId: alert.id, conversationId, error });
    }
  }
}
