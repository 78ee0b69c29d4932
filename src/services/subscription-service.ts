import { AppError } from '../errors/app-error';
import { quoted } from '../util/text-limits';
import type { Subscription } from '../domain/azure-types';
import { updateItem } from '../storage/conditional-update';
import type { KeyValueStore } from '../storage/store';
import type { AzureReader } from './ports';

interface ConversationSettings {
  subscriptionId?: string;
}

const settingsKey = (conversationId: string): string => `conversations/${encodeURIComponent(conversationId)}/settings`;

/** Which of the subscriptions the bot sees a conversation may work on (the access policy decides). */
export interface SubscriptionScope {
  visible(conversationId: string, all: readonly Subscription[]): Promise<Subscription[]>;
}

/**
 * Which Azure subscriptions a conversation sees, and the one it works on (remembered durably). Every read and
 * request goes through here, so every one is limited to what the scope lets the conversation see.
 */
export class SubscriptionService {
  constructor(
    private readonly azure: AzureReader,
    private readonly store: KeyValueStore,
    private readonly scope: SubscriptionScope,
  ) {}

  /** Every subscription the bot's identity can read, whatever the conversation (for admins binding them). */
  async listAll(signal?: AbortSignal): Promise<Subscription[]> {
    const subscriptions = await this.azure.listSubscriptions(signal);
    return [...subscriptions].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The subscriptions this conversation may see. */
  async list(conversationId: string, signal?: AbortSignal): Promise<Subscription[]> {
    const all = await this.listAll(signal);
    return all.length === 0 ? [] : this.scope.visible(conversationId, all);
  }

  /** The conversation's chosen subscription; with exactly one visible subscription, that one. */
  async current(conversationId: string, signal?: AbortSignal): Promise<Subscription> {
    const all = await this.list(conversationId, signal);
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

  /** A subscription this conversation may see, by id (ids from card data are checked here, never trusted). */
  async byId(id: string, conversationId: string, signal?: AbortSignal): Promise<Subscription> {
    const match = (await this.list(conversationId, signal)).find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!match)
      throw new AppError(
        'subscription_not_found',
        'That card names a subscription I cannot see (any more). Type "subscriptions" to see the ones I can reach.',
      );
    return match;
  }

  /** Matches by id, exact name, or a unique part of the name (case-insensitive), and remembers it. */
  async use(conversationId: string, query: string, signal?: AbortSignal): Promise<Subscription> {
    const picked = find(await this.list(conversationId, signal), query);
    await updateItem<ConversationSettings>(this.store, settingsKey(conversationId), (current) => ({
      ...current,
      subscriptionId: picked.id,
    }));
    return picked;
  }

  /** Any subscription the bot sees, by id or name (for binding: the conversation cannot see it yet). */
  async findAny(query: string, signal?: AbortSignal): Promise<Subscription> {
    return find(await this.listAll(signal), query);
  }
}

/** Matches by id, exact name, or a unique part of the name (case-insensitive). */
function find(all: readonly Subscription[], query: string): Subscription {
  const q = query.trim().toLowerCase();
  const exact = all.filter((s) => s.id.toLowerCase() === q || s.name.toLowerCase() === q);
  const candidates = exact.length > 0 ? exact : all.filter((s) => s.name.toLowerCase().includes(q));
  if (candidates.length === 0)
    throw new AppError(
      'subscription_not_found',
      `No subscription matches "${quoted(query)}". Type "subscriptions" to see the ones I can reach.`,
    );
  if (candidates.length > 1)
    throw new AppError(
      'subscription_ambiguous',
      `"${quoted(query)}" matches ${candidates.map((s) => s.name).join(', ')}. Use the full name or the subscription id.`,
    );
  return candidates[0] as Subscription;
}
