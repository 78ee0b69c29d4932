import { isStoreConflict, type KeyValueStore } from '../storage/store';

const welcomedKey = (conversationId: string): string => `conversations/${encodeURIComponent(conversationId)}/welcomed`;

/**
 * Remembers which conversations got the welcome card, durably and across instances: Teams (and the Playground, on
 * every page load) sends "bot added" again, and a person should see the welcome once per chat or channel.
 */
export class WelcomeLedger {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => Date,
  ) {}

  /** True for the one caller that claims the conversation first (a create-if-absent write); false ever after. */
  async claim(conversationId: string): Promise<boolean> {
    try {
      await this.store.put(welcomedKey(conversationId), { at: this.clock().toISOString() }, { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      if (isStoreConflict(error)) return false;
      throw error;
    }
  }
}
