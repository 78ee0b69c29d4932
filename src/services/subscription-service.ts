import { AppError } from '../errors/app-error';
import type { Subscription } from '../domain/azure-types';
import type { KeyValueStore } from '../storage/store';
import type { AzureReader } from './ports';

interface ConversationSettings {
  subscriptionId?: string;
}

const settingsKey = (conversationId: string): string => `conversations/${encodeURIComponent(conversationId)}/settings`;

/** Which Azure subscriptions the bot sees, and the one each conversation works on (remembered durably). */
export class SubscriptionService {
  constructor(
    private readonly azure: AzureReader,
    private readonly store: KeyValueStore,
  ) {}

  async list(signal?: AbortSignal): Promise<Subscription[]> {
    const subscriptions = await this.azure.listSubscriptions(signal);
    return [...subscriptions].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The conversation's chosen subscription; with exactly one visible subscription, that one. */
  async current(conversationId: string, signal?: AbortSignal): Promise<Subscription> {
    const all = await this.list(signal);
    if (all.length === 0)
      throw new AppError(
        'no_subscriptions',
        "I can't see any Azure subscription. Give the bot's identity the Reader role on the subscriptions it should manage.",
      );
    const chosen = (await this.store.get<ConversationSettings>(settingsKey(conversationId)))?.value.subscriptionId;
    const match = chosen ? all.find((s) => s.id === chosen) : undefined;
    if (match) return match;
    if (all.length === 1) return all[0] as Subscription;
    throw new AppError(
      'subscription_ambiguous',
      `I can see ${all.length} subscriptions: ${all.map((s) => s.name).join(', ')}. Pick the one this chat works on: a button below, or "use subscription" and its name, e.g. "use subscription ${all[0]?.name ?? ''}".`,
    );
  }

  /** A subscription the bot can see, by id (ids from card data are checked here, never trusted). */
  async byId(id: string, signal?: AbortSignal): Promise<Subscription> {
    const match = (await this.list(signal)).find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!match)
      throw new AppError(
        'subscription_not_found',
        'That card names a subscription I cannot see (any more). Type "subscriptions" to see the ones I can reach.',
      );
    return match;
  }

  /** Matches by id, exact name, or a unique part of the name (case-insensitive), and remembers it. */
  async use(conversationId: string, query: string, signal?: AbortSignal): Promise<Subscription> {
    const all = await this.list(signal);
    const q = query.trim().toLowerCase();
    const exact = all.filter((s) => s.id.toLowerCase() === q || s.name.toLowerCase() === q);
    const candidates = exact.length > 0 ? exact : all.filter((s) => s.name.toLowerCase().includes(q));
    if (candidates.length === 0)
      throw new AppError(
        'subscription_not_found',
        `No subscription matches "${query}". Type "subscriptions" to see the ones I can reach.`,
      );
    if (candidates.length > 1)
      throw new AppError(
        'subscription_ambiguous',
        `"${query}" matches ${candidates.map((s) => s.name).join(', ')}. Use the full name or the subscription id.`,
      );
    const picked = candidates[0] as Subscription;
    const key = settingsKey(conversationId);
    const existing = await this.store.get<ConversationSettings>(key);
    await this.store.put(key, { ...existing?.value, subscriptionId: picked.id });
    return picked;
  }
}
