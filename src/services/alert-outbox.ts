import { monthKey, previousMonthKey, type UsageAlert } from '../domain/alerts';
import { isStoreConflict, type KeyValueStore, type StoredItem } from '../storage/store';

/**
 * The claim that an alert level fired, and at the same time the outbox entry that holds it until every recipient
 * has been dealt with. Created with create-if-absent: among any number of bot instances sharing storage exactly one
 * wins, and the alert is on disk before anything is sent, so a crash before sending only delays it.
 */
export interface AlertClaim {
  alert: UsageAlert;
  /** Conversations watching the subscription when the level fired. */
  recipients: string[];
  state: 'pending' | 'done';
  claimedAt: string;
}

/** One recipient's delivery. `sending` is an attempt in flight (or a crash during one); the rest say why it ended. */
export type DeliveryState = 'sending' | 'deferred' | 'delivered' | 'skipped' | 'dropped' | 'failed';

export interface DeliveryRecord {
  state: DeliveryState;
  attempts: number;
  updatedAt: string;
  /** For `deferred`: not before this ISO instant. */
  nextAttemptAt?: string;
  activityId?: string;
  reason?: string;
}

export const TERMINAL: ReadonlySet<DeliveryState> = new Set(['delivered', 'skipped', 'dropped', 'failed']);

const CLAIMS = 'alerts/claims/';
/** alerts/claims/{subscriptionId}/{yyyy-mm}/{levelKey}: the alert id under the claims folder. */
export const claimKey = (alertId: string): string => `${CLAIMS}${alertId}`;
const deliveryKey = (alertId: string, conversationId: string): string =>
  `alerts/deliveries/${alertId}/${encodeURIComponent(conversationId)}`;

/** A claim or delivery record with the etag it was read or written with (the store's own item type). */
export type Held<T> = StoredItem<T>;

/** Storage of claims and delivery records; every state change is a conditional write. */
export class AlertOutbox {
  constructor(private readonly store: KeyValueStore) {}

  /** The new claim when this call created it (the level fires now); undefined when it already fired this month. */
  async claim(alert: UsageAlert, recipients: string[], at: Date): Promise<Held<AlertClaim> | undefined> {
    const value: AlertClaim = { alert, recipients, state: 'pending', claimedAt: at.toISOString() };
    try {
      return { value, etag: await this.store.put(claimKey(alert.id), value, { ifNoneMatch: '*' }) };
    } catch (error) {
      if (isStoreConflict(error)) return undefined;
      throw error;
    }
  }

  async getClaim(alertId: string): Promise<Held<AlertClaim> | undefined> {
    return this.store.get<AlertClaim>(claimKey(alertId));
  }

  /** Claims of this month and the last one not yet done (older ones are given up on: the month is billed). */
  async pendingClaims(now: Date): Promise<Held<AlertClaim>[]> {
    const months = new Set([monthKey(now), previousMonthKey(now)]);
    const keys = (await this.store.list(CLAIMS)).filter((key) => months.has(key.split('/')[3] ?? ''));
    const claims = await Promise.all(keys.map((key) => this.store.get<AlertClaim>(key)));
    return claims.flatMap((c) => (c && c.value.state === 'pending' ? [c] : []));
  }

  /** Marks the claim done; losing the race to another instance doing the same is fine. */
  async markDone(claim: Held<AlertClaim>): Promise<void> {
    try {
      await this.store.put(claimKey(claim.value.alert.id), { ...claim.value, state: 'done' }, { ifMatch: claim.etag });
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
  }

  getDelivery(alertId: string, conversationId: string): Promise<Held<DeliveryRecord> | undefined> {
    return this.store.get<DeliveryRecord>(deliveryKey(alertId, conversationId));
  }

  /**
   * Takes the right to attempt a delivery: creates the record (first attempt) or moves the one read from
   * `current` on (ifMatch). Undefined = another attempt (another instance) got there first.
   */
  async startAttempt(
    alertId: string,
    conversationId: string,
    current: Held<DeliveryRecord> | undefined,
    at: Date,
  ): Promise<Held<DeliveryRecord> | undefined> {
    const value: DeliveryRecord = {
      state: 'sending',
      attempts: (current?.value.attempts ?? 0) + 1,
      updatedAt: at.toISOString(),
    };
    try {
      const condition = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const };
      return { value, etag: await this.store.put(deliveryKey(alertId, conversationId), value, condition) };
    } catch (error) {
      if (isStoreConflict(error)) return undefined;
      throw error;
    }
  }

  /** Records how the attempt ended. False if someone took the record over meanwhile (their record stands). */
  async finishAttempt(
    alertId: string,
    conversationId: string,
    attempt: Held<DeliveryRecord>,
    next: Omit<DeliveryRecord, 'attempts'>,
  ): Promise<boolean> {
    try {
      const value = { ...next, attempts: attempt.value.attempts };
      await this.store.put(deliveryKey(alertId, conversationId), value, { ifMatch: attempt.etag });
      return true;
    } catch (error) {
      if (isStoreConflict(error)) return false;
      throw error;
    }
  }
}
