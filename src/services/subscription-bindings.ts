import type { Clock } from '../clock';
import type { Actor } from '../domain/approval';
import type { Subscription } from '../domain/azure-types';
import { AppError } from '../errors/app-error';
import { isStoreConflict, type KeyValueStore } from '../storage/store';
import type { AuditLog } from './audit-log';

/** The subscriptions a conversation may work on (ACCESS_MODE=bound), as an admin bound them. */
export interface Binding {
  subscriptions: { id: string; name: string; boundBy: Actor; boundAt: string }[];
}

const keyOf = (conversationId: string): string => `bindings/${encodeURIComponent(conversationId)}`;
const MAX_RACE_RETRIES = 10;

/** Durable bindings of conversations to subscriptions; every change is a conditional write, and audited. */
export class SubscriptionBindings {
  constructor(
    private readonly store: KeyValueStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async boundIds(conversationId: string): Promise<Set<string>> {
    const binding = (await this.store.get<Binding>(keyOf(conversationId)))?.value;
    return new Set((binding?.subscriptions ?? []).map((s) => s.id.toLowerCase()));
  }

  async get(conversationId: string): Promise<Binding> {
    return (await this.store.get<Binding>(keyOf(conversationId)))?.value ?? { subscriptions: [] };
  }

  /** Returns false when it was bound already. */
  async bind(conversationId: string, subscription: Subscription, actor: Actor): Promise<boolean> {
    const added = await this.update(conversationId, (binding) => {
      if (binding.subscriptions.some((s) => s.id.toLowerCase() === subscription.id.toLowerCase())) return undefined;
      const entry = {
        id: subscription.id,
        name: subscription.name,
        boundBy: actor,
        boundAt: this.clock().toISOString(),
      };
      return { subscriptions: [...binding.subscriptions, entry] };
    });
    if (added) await this.record(conversationId, subscription.id, subscription.name, actor, 'binding.added');
    return added;
  }

  /** Returns false when it was not bound. */
  async unbind(conversationId: string, subscriptionId: string, name: string, actor: Actor): Promise<boolean> {
    const removed = await this.update(conversationId, (binding) => {
      const rest = binding.subscriptions.filter((s) => s.id.toLowerCase() !== subscriptionId.toLowerCase());
      return rest.length === binding.subscriptions.length ? undefined : { subscriptions: rest };
    });
    if (removed) await this.record(conversationId, subscriptionId, name, actor, 'binding.removed');
    return removed;
  }

  /** Read, change, write if nobody wrote in between (ETag); retried on a lost race. undefined change = no write. */
  private async update(conversationId: string, change: (binding: Binding) => Binding | undefined): Promise<boolean> {
    const key = keyOf(conversationId);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const item = await this.store.get<Binding>(key);
      const next = change(item?.value ?? { subscriptions: [] });
      if (!next) return false;
      try {
        await this.store.put(key, next, item ? { ifMatch: item.etag } : { ifNoneMatch: '*' });
        return true;
      } catch (error) {
        if (!isStoreConflict(error)) throw error;
      }
    }
    throw new AppError('internal', 'The bindings of this chat kept changing while I tried to save yours. Try again.');
  }

  private async record(
    conversationId: string,
    id: string,
    name: string,
    actor: Actor,
    action: 'binding.added' | 'binding.removed',
  ) {
    await this.audit.append({
      actor,
      action,
      subscriptionId: id,
      target: `${name} ${action === 'binding.added' ? '→' : '✕'} conversation`,
      outcome: 'ok',
      correlationId: conversationId,
    });
  }
}
