import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AlertSubscriptions } from '../../src/services/alert-subscriptions';
import { FileStore } from '../../src/storage/file-store';
import type { KeyValueStore, StoredItem } from '../../src/storage/store';

/** The real file store, counting how many reads are in flight at once. */
class CountingStore implements KeyValueStore {
  inFlight = 0;
  mostInFlight = 0;
  constructor(private readonly inner: KeyValueStore) {}
  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      return await this.inner.get<T>(key);
    } finally {
      this.inFlight--;
    }
  }
  put<T>(key: string, value: T, condition?: Parameters<KeyValueStore['put']>[2]): Promise<string> {
    return this.inner.put(key, value, condition);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }
}

describe('reading every alert subscription (the sweep)', () => {
  it('returns all of them with a bounded number of reads in flight, however many there are', async () => {
    const store = new CountingStore(new FileStore(await mkdtemp(path.join(os.tmpdir(), 'subs-'))));
    const subscriptions = new AlertSubscriptions(store);
    const count = 300;
    for (let i = 0; i < count; i++)
      await subscriptions.add({
        conversationId: `a:conversation-${i}`,
        subscriptionId: '44444444-4444-4444-8444-444444444444',
        subscriptionName: 'Bench',
        subscribedBy: { name: 'someone' },
        subscribedAt: '2026-11-20T12:00:00Z',
      });
    store.mostInFlight = 0;
    const all = await subscriptions.all();
    expect(all).toHaveLength(count);
    expect(new Set(all.map((s) => s.conversationId)).size).toBe(count);
    expect(store.mostInFlight).toBeGreaterThan(1); // still in parallel
    expect(store.mostInFlight).toBeLessThanOrEqual(32);
  });
});
