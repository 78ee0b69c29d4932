import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AlertSubscriptions } from '../../src/services/alert-subscriptions';
import { StoreContentionError, updateItem } from '../../src/storage/conditional-update';
import { FileStore } from '../../src/storage/file-store';
import type { KeyValueStore } from '../../src/storage/store';

const tempStore = async () => new FileStore(await mkdtemp(path.join(os.tmpdir(), 'update-')));

/** A store where another writer changes `key` right after each of the first `times` reads of it. */
function withInterleavedWriter(store: KeyValueStore, key: string, times: number, write: (n: number) => unknown) {
  let left = times;
  const racing: KeyValueStore = {
    put: (k, v, c) => store.put(k, v, c),
    delete: (k) => store.delete(k),
    list: (p) => store.list(p),
    get: async (k) => {
      const item = await store.get(k);
      if (k === key && left > 0) await store.put(k, write(times - left--));
      return item as never;
    },
  };
  return racing;
}

describe('the conditional update (read, apply, write with the ETag, again on a conflict)', () => {
  test('a write that happened between the read and the write is not lost: the change is applied on top of it', async () => {
    const store = await tempStore();
    await store.put('counter', { a: 0, b: 0 });
    const racing = withInterleavedWriter(store, 'counter', 2, (n) => ({ a: 0, b: n + 1 }));
    const result = await updateItem<{ a: number; b: number }>(racing, 'counter', (c) => ({ ...c!, a: c!.a + 1 }));
    expect(result?.value).toEqual({ a: 1, b: 2 });
    expect((await store.get('counter'))?.value).toEqual({ a: 1, b: 2 });
  });

  test('an item that keeps changing gives up with a contention error instead of looping forever', async () => {
    const store = await tempStore();
    await store.put('hot', { n: 0 });
    const racing = withInterleavedWriter(store, 'hot', 1_000, (n) => ({ n: n + 1 }));
    await expect(updateItem<{ n: number }>(racing, 'hot', (c) => ({ n: c!.n + 100 }))).rejects.toThrow(
      StoreContentionError,
    );
  });

  test('a snooze and a re-subscription at the same moment both survive', async () => {
    const store = await tempStore();
    const subscriptions = new AlertSubscriptions(store);
    const entry = {
      conversationId: 'c1',
      subscriptionId: 'S1',
      subscriptionName: 'Prod',
      subscribedBy: { name: 'Alex' },
      subscribedAt: '2026-11-01T00:00:00.000Z',
    };
    await subscriptions.add(entry);
    const key = (await store.list('alerts/subscriptions/'))[0] as string;
    // "alerts on" again (a new name) lands between the snooze's read and its write.
    const racing = withInterleavedWriter(store, key, 1, () => ({ ...entry, subscriptionName: 'Prod (renamed)' }));
    await new AlertSubscriptions(racing).snooze('c1', 'S1', new Date('2026-11-02T00:00:00Z'), { name: 'Megan' });
    expect(await subscriptions.get('c1', 'S1')).toMatchObject({
      subscriptionName: 'Prod (renamed)',
      snoozedUntil: '2026-11-02T00:00:00.000Z',
    });
  });
});
