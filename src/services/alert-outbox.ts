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
  /** For `sending`: the process making the attempt (a nonce per start), so a restarted one knows it died. */
  sender?: string;
}

export const TERMINAL: ReadonlySet<DeliveryState> = new Set(['delivered', 'skipped', 'dropped', 'failed']);

const CLAIMS = 'alerts/claims/';
/** alerts/claims/{subscriptionId}/{yyyy-mm}/{plan}/{levelKey}: the alert id under the claims folder. */
export const claimKey = (alertId: string): string => `${CLAIMS}${alertId}`;
/**
 * Index of claims not yet done (one marker each, the alert id encoded as one part), so a drain reads only those,
 * not every claim ever made; and of the claims of each month, so retention finds a month's claims without a scan.
 */
const OPEN = 'alerts/open-claims/';
const openKey = (alertId: string): string => `${OPEN}${encodeURIComponent(alertId)}`;
const MONTHS = 'alerts/claims-by-month/';
export const monthIndexKey = (month: string, alertId: string): string =>
  `${MONTHS}${month}/${encodeURIComponent(alertId)}`;
export const monthIndexPrefix = (month: string): string => `${MONTHS}${month}/`;
export const deliveriesPrefix = (alertId: string): string => `alerts/deliveries/${alertId}/`;
const deliveryKey = (alertId: string, conversationId: string): string =>
  `alerts/deliveries/${alertId}/${encodeURIComponent(conversationId)}`;

/** A claim or delivery record with the etag it was read or written with (the store's own item type). */
export type Held<T> = StoredItem<T>;

/** Storage of claims and delivery records; every state change is a conditional write. */
export class AlertOutbox {
  constructor(private readonly store: KeyValueStore) {}

  /**
   * The new claim when this call created it (the level fires now); undefined when it already fired this month.
   * `state: 'done'` claims a level nobody is told about (covered by a higher one posted at the same time).
   */
  async claim(
    alert: UsageAlert,
    recipients: string[],
    at: Date,
    state: AlertClaim['state'] = 'pending',
  ): Promise<Held<AlertClaim> | undefined> {
    const value: AlertClaim = { alert, recipients, state, claimedAt: at.toISOString() };
    // The index markers first, so no claim is ever missing from them (a marker without its claim is harmless).
    await this.store.put(monthIndexKey(alert.month, alert.id), {});
    if (state === 'pending') await this.store.put(openKey(alert.id), {});
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

  /**
   * Claims of this month and the last one not yet done (older ones are given up on: the month is billed). Reads
   * only the open-claims index; markers of claims that are done or too old are dropped on the way.
   */
  async pendingClaims(now: Date): Promise<Held<AlertClaim>[]> {
    const months = new Set([monthKey(now), previousMonthKey(now)]);
    const markers = await this.store.list(OPEN);
    const pending: Held<AlertClaim>[] = [];
    for (const marker of markers) {
      const alertId = decodeURIComponent(marker.slice(OPEN.length));
      const claim = await this.store.get<AlertClaim>(claimKey(alertId));
      if (!claim) continue; // a claim being written (or whose write failed): harmless, looked at again next time
      if (claim.value.state === 'pending' && months.has(claim.value.alert.month)) pending.push(claim);
      else await this.store.delete(marker);
    }
    return pending;
  }

  /**
   * Claims written before the indexes existed: pending ones of this month and the last get their markers. Run once
   * per start (it reads every claim, which retention keeps to a few months).
   */
  async indexUnindexedClaims(now: Date): Promise<number> {
    const months = new Set([monthKey(now), previousMonthKey(now)]);
    let indexed = 0;
    for (const key of await this.store.list(CLAIMS)) {
      if (!months.has(key.split('/')[3] ?? '')) continue;
      const claim = await this.store.get<AlertClaim>(key);
      if (claim?.value.state !== 'pending') continue;
      await this.store.put(monthIndexKey(claim.value.alert.month, claim.value.alert.id), {});
      await this.store.put(openKey(claim.value.alert.id), {});
      indexed++;
    }
    return indexed;
  }

  /** Marks the claim done; losing the race to another instance doing the same is fine. */
  async markDone(claim: Held<AlertClaim>): Promise<void> {
    try {
      await this.store.put(claimKey(claim.value.alert.id), { ...claim.value, state: 'done' }, { ifMatch: claim.etag });
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
    await this.store.delete(openKey(claim.value.alert.id));
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
    sender?: string,
  ): Promise<Held<DeliveryRecord> | undefined> {
    const value: DeliveryRecord = {
      state: 'sending',
      attempts: (current?.value.attempts ?? 0) + 1,
      updatedAt: at.toISOString(),
      sender,
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
