import type { Clock } from '../clock';
import type { Actor } from '../domain/approval';
import type { Subscription } from '../domain/azure-types';
import { alertId, collapseLevels, isSnoozed, monthKey } from '../domain/alerts';
import type { Logger } from '../logging/logger';
import type { AlertAudit, ConversationAddress } from './alert-ports';
import type { AlertOutbox } from './alert-outbox';
import type { AlertSubscription, AlertSubscriptions } from './alert-subscriptions';
import { levelsToAlert, planOf } from './alert-checker';
import type { ConversationRegistry } from './conversation-registry';
import type { StatusService, SubscriptionStatus } from './status-service';
import type { UsageLevel } from '../domain/usage';

export interface AlertServiceDeps {
  subscriptions: AlertSubscriptions;
  registry: ConversationRegistry;
  outbox: AlertOutbox;
  status: StatusService;
  audit: AlertAudit;
  clock: Clock;
  thresholds: readonly number[];
  checkIntervalSeconds: number;
  logger: Logger;
  /** Called when a conversation newly watches a subscription: check soon rather than a whole interval later. */
  onSubscribed?: () => void;
}

export interface AlertsTurnedOn {
  subscription: Subscription;
  /** False when this chat already watched it (the reference is refreshed anyway). */
  isNew: boolean;
  status: SubscriptionStatus;
  /** Levels reached now; each fires once a month, so those already fired this month will not repeat. */
  reached: { level: UsageLevel; alreadyFired: boolean }[];
  thresholds: readonly number[];
  checkIntervalSeconds: number;
}

/** `alerts on` / `alerts off` / `alerts status` and the install hook: who watches what, durably. */
export class AlertService {
  constructor(private readonly deps: AlertServiceDeps) {}

  get thresholds(): readonly number[] {
    return this.deps.thresholds;
  }

  get checkIntervalSeconds(): number {
    return this.deps.checkIntervalSeconds;
  }

  /** Stores where the conversation can be reached; does not subscribe it to anything. */
  rememberConversation(address: ConversationAddress): Promise<void> {
    return this.deps.registry.remember(address, this.deps.clock());
  }

  async turnOn(address: ConversationAddress, subscription: Subscription, actor: Actor): Promise<AlertsTurnedOn> {
    // Usage first: a subscription the bot cannot read fails here, before anything is stored.
    const status = await this.deps.status.status(subscription);
    await this.rememberConversation(address);
    const isNew = await this.deps.subscriptions.add({
      conversationId: address.conversationId,
      subscriptionId: subscription.id,
      subscriptionName: subscription.name,
      subscribedBy: actor,
      subscribedAt: this.deps.clock().toISOString(),
    });
    if (isNew) {
      await this.audit(actor, 'alerts.subscribed', subscription.id, address.conversationId);
      this.deps.onSubscribed?.();
    }
    return {
      subscription,
      isNew,
      status,
      reached: await this.reached(status),
      thresholds: this.deps.thresholds,
      checkIntervalSeconds: this.deps.checkIntervalSeconds,
    };
  }

  /** Stops every alert in the conversation; returns what it watched. */
  async turnOff(conversationId: string, actor: Actor): Promise<AlertSubscription[]> {
    const removed = await this.deps.subscriptions.removeConversation(conversationId);
    for (const s of removed) await this.audit(actor, 'alerts.unsubscribed', s.subscriptionId, conversationId);
    return removed;
  }

  /** Stops the conversation's alerts for one subscription (it was unbound from the conversation); true if it had any. */
  async turnOffFor(conversationId: string, subscriptionId: string, actor: Actor): Promise<boolean> {
    const removed = await this.deps.subscriptions.remove(conversationId, subscriptionId);
    if (removed) await this.audit(actor, 'alerts.unsubscribed', subscriptionId, conversationId);
    return removed;
  }

  /** What the conversation watches, each with whether it is snoozed now (by the process clock). */
  async watching(conversationId: string): Promise<(AlertSubscription & { snoozedNow: boolean })[]> {
    const now = this.deps.clock();
    const watched = await this.deps.subscriptions.forConversation(conversationId);
    return watched.map((s) => ({ ...s, snoozedNow: isSnoozed(s.snoozedUntil, now) }));
  }

  private async reached(status: SubscriptionStatus): Promise<AlertsTurnedOn['reached']> {
    const month = monthKey(status.at);
    const subscriptionId = status.subscription.id.toLowerCase();
    return Promise.all(
      // The levels a check would post (lower thresholds are covered by the highest one reached).
      collapseLevels(levelsToAlert(status, this.deps.thresholds)).post.map(async (level) => ({
        level,
        alreadyFired:
          (await this.deps.outbox.getClaim(alertId(subscriptionId, month, planOf(status), level))) !== undefined,
      })),
    );
  }

  private async audit(
    actor: Actor,
    action: 'alerts.subscribed' | 'alerts.unsubscribed',
    subscriptionId: string,
    conversationId: string,
  ) {
    try {
      await this.deps.audit.append({
        actor,
        action,
        subscriptionId,
        target: `conversation ${conversationId}`,
        outcome: 'ok',
        correlationId: conversationId,
      });
    } catch (error) {
      this.deps.logger.error('audit append failed', { action, subscriptionId, conversationId, error });
    }
  }
}
