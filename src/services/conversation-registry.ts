import type { KeyValueStore } from '../storage/store';
import type { ConversationAddress } from './alert-ports';

const referenceKey = (conversationId: string): string =>
  `conversations/${encodeURIComponent(conversationId)}/reference`;

interface StoredAddress extends ConversationAddress {
  updatedAt: string;
}

/**
 * Conversation references, stored durably so the bot can post into a conversation later (proactive alerts).
 * Written when the bot is installed and whenever a conversation turns alerts on (the freshest serviceUrl wins).
 */
export class ConversationRegistry {
  constructor(private readonly store: KeyValueStore) {}

  async remember(address: ConversationAddress, at: Date): Promise<void> {
    const stored: StoredAddress = { ...address, updatedAt: at.toISOString() };
    await this.store.put(referenceKey(address.conversationId), stored);
  }

  async get(conversationId: string): Promise<ConversationAddress | undefined> {
    const item = await this.store.get<StoredAddress>(referenceKey(conversationId));
    if (!item) return undefined;
    const { conversationId: id, conversationType, reference } = item.value;
    return { conversationId: id, conversationType, reference };
  }
}
