import type { Actor } from '../domain/approval';
import { updateExisting, updateItem } from '../storage/conditional-update';
import type { KeyValueStore } from '../storage/store';
import { mapWithConcurrency } from '../util/concurrency';

/** One conversation watching one Azure subscription. Snooze is per conversation and subscription. */
export interface AlertSubscription {
  conversationId: string;
  subscriptionId: string;
  subscriptionName: string;
  subscribedBy: Actor;
  subscribedAt: string;
  /** ISO instant; no alerts for this subscription in this conversation until then. */
  snoozedUntil?: string;
  snoozedBy?: Actor;
}

const PREFIX = 'alerts/subscriptions/';
/** Store reads in flight while listing subscriptions. */
const READS_IN_FLIGHT = 32;
const conversationPrefix = (conversationId: string): string => `${PREFIX}${encodeURIComponent(conversationId)}/`;
const keyOf = (conversationId: string, subscriptionId: string): string =>
  `${conversationPrefix(conversationId)}${subscriptionId.toLowerCase()}`;

/** Which conversations watch which subscriptions: alerts/subscriptions/{conversation}/{subscriptionId}. */
export class AlertSubscriptions {
  constructor(private readonly store: KeyValueStore) {}

  /** Creates or refreshes the subscription; an existing snooze is kept. Returns true when it is new. */
  async add(entry: Omit<AlertSubscription, 'snoozedUntil' | 'snoozedBy'>): Promise<boolean> {
    let created = false;
    await updateItem<AlertSubscription>(this.store, keyOf(entry.conversationId, entry.subscriptionId), (current) => {
      created = current === undefined;
      return { ...current, ...entry };
    });
    return created;
  }

  get(conversationId: string, subscriptionId: string): Promise<AlertSubscription | undefined> {
    return this.store.get<AlertSubscription>(keyOf(conversationId, subscriptionId)).then((item) => item?.value);
  }

  async forConversation(conversationId: string): Promise<AlertSubscription[]> {
    return this.read(await this.store.list(conversationPrefix(conversationId)));
  }

  async all(): Promise<AlertSubscription[]> {
    return this.read(await this.store.list(PREFIX));
  }

  /** Removes every subscription of the conversation ("alerts off", or the bot was removed); returns them. */
  async removeConversation(conversationId: string): Promise<AlertSubscription[]> {
    const removed = await this.forConversation(conversationId);
    await Promise.all(removed.map((s) => this.store.delete(keyOf(s.conversationId, s.subscriptionId))));
    return removed;
  }

  /** Removes one subscription of the conversation; returns whether it existed. */
  async remove(conversationId: string, subscriptionId: string): Promise<boolean> {
    const key = keyOf(conversationId, subscriptionId);
    if (!(await this.store.get(key))) return false;
    await this.store.delete(key);
    return true;
  }

  /** Sets the snooze; returns undefined when the conversation does not watch that subscription. */
  async snooze(
    conversationId: string,
    subscriptionId: string,
    until: Date,
    by: Actor,
  ): Promise<AlertSubscription | undefined> {
    // Two people snoozing at once both mean "quiet for a day": the later snooze stands, nothing else is lost.
    const snoozed = await updateExisting<AlertSubscription>(this.store, keyOf(conversationId, subscriptionId), (s) => ({
      ...s,
      snoozedUntil: until.toISOString(),
      snoozedBy: by,
    }));
    return snoozed?.value;
  }

  private async read(keys: string[]): Promise<AlertSubscription[]> {
    // Bounded: a sweep reads every subscription (10,000 and more), and all reads at once held every file's buffer
    // and promise together (about 40 MB at 10,000), for no gain in time over a few dozen in flight.
    const items = await mapWithConcurrency(keys, READS_IN_FLIGHT, (key) => this.store.get<AlertSubscription>(key));
    return items.flatMap((item) => (item ? [item.value] : []));
  }
}
