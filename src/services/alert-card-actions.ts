import type { Clock } from '../clock';
import type { Actor } from '../domain/approval';
import { isSnoozed, parseAlertId, type UsageAlert } from '../domain/alerts';
import { AppError } from '../errors/app-error';
import { isStoreConflict, type KeyValueStore } from '../storage/store';
import type { AlertOutbox } from './alert-outbox';
import type { AlertSubscriptions } from './alert-subscriptions';

/** How long "Snooze 24 h" keeps a subscription's alerts out of a conversation (ms). */
export const SNOOZE_MS = 24 * 3_600_000;

export interface Acknowledgement {
  by: Actor;
  at: string;
}

/** What an alert card shows in one conversation: the alert, and who acknowledged or snoozed it there. */
export interface AlertCardState {
  alert: UsageAlert;
  acknowledged?: Acknowledgement;
  snoozed?: { until: string; by?: Actor };
}

const ackKey = (alertId: string, conversationId: string): string =>
  `alerts/acks/${alertId}/${encodeURIComponent(conversationId)}`;

/** The alert card's Acknowledge and Snooze 24 h buttons; both are persisted, per conversation. */
export class AlertCardActions {
  constructor(
    private readonly store: KeyValueStore,
    private readonly outbox: AlertOutbox,
    private readonly subscriptions: AlertSubscriptions,
    private readonly clock: Clock,
  ) {}

  /** The first acknowledgement stands; a second click shows it rather than overwriting it. */
  async acknowledge(alertId: string, conversationId: string, actor: Actor): Promise<AlertCardState> {
    const alert = await this.alert(alertId);
    const ack: Acknowledgement = { by: actor, at: this.clock().toISOString() };
    try {
      await this.store.put(ackKey(alert.id, conversationId), ack, { ifNoneMatch: '*' });
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
    return this.state(alert, conversationId);
  }

  /** No alerts for the alert's subscription in this conversation for 24 h (levels firing meanwhile are skipped). */
  async snooze(alertId: string, conversationId: string, actor: Actor): Promise<AlertCardState> {
    const alert = await this.alert(alertId);
    const until = new Date(this.clock().getTime() + SNOOZE_MS);
    const snoozed = await this.subscriptions.snooze(conversationId, alert.subscriptionId, until, actor);
    if (!snoozed)
      throw new AppError(
        'alerts_not_on',
        `Alerts for ${alert.subscriptionName} are not on in this chat, so there is nothing to snooze. Type "alerts status" to see what this chat watches.`,
      );
    return this.state(alert, conversationId);
  }

  /** The card as it should look now in this conversation ("Refresh card"). */
  async view(alertId: string, conversationId: string): Promise<AlertCardState> {
    return this.state(await this.alert(alertId), conversationId);
  }

  private async state(alert: UsageAlert, conversationId: string): Promise<AlertCardState> {
    const [ack, watching] = await Promise.all([
      this.store.get<Acknowledgement>(ackKey(alert.id, conversationId)),
      this.subscriptions.get(conversationId, alert.subscriptionId),
    ]);
    const snoozedUntil = watching?.snoozedUntil;
    return {
      alert,
      acknowledged: ack?.value,
      snoozed:
        snoozedUntil && isSnoozed(snoozedUntil, this.clock())
          ? { until: snoozedUntil, by: watching?.snoozedBy }
          : undefined,
    };
  }

  /** The alert behind a button, from storage (the card's data only names it). */
  private async alert(alertId: string): Promise<UsageAlert> {
    const parts = parseAlertId(alertId);
    const claim = parts && (await this.outbox.getClaim(alertId));
    if (!claim)
      throw new AppError(
        'forged_action',
        'I have no record of that alert (the card may be forged or from another bot).',
      );
    return claim.value.alert;
  }
}
