/**
 * The behaviour every KeyValueStore backend must have, run unchanged against each of them.
 *
 * `makeStore` must return a NEW store instance over the SAME underlying storage on every call (same folder, same
 * container): the restart test relies on it. Each test therefore works under its own random key namespace, so tests
 * never see each other's keys.
 */
import { randomUUID } from 'node:crypto';
import { isStoreConflict, type KeyValueStore, StoreConflictError } from '../../../src/storage/store';

const RACE_ROUNDS = 5;

/** Keys a Teams bot really produces, plus characters that break naive encodings. */
const ODD_PARTS = [
  '19:abc123@thread.tacv2;messageid=1712345678901',
  'a:b;c@d=e',
  '100% done',
  '%2F looks encoded %41',
  'with space',
  'ünïcödé 日本語 🎉',
  '.',
  '..',
  'trailing.',
  'back\\slash',
  '+plus&amp?q#frag',
];

export function describeStoreContract(name: string, makeStore: () => Promise<KeyValueStore>): void {
  describe(`${name} (KeyValueStore contract)`, () => {
    let store: KeyValueStore;
    /** This test's own namespace; ends with '/'. */
    let ns: string;

    beforeEach(async () => {
      store = await makeStore();
      ns = `contract-${randomUUID()}/`;
    });

    test('a written value reads back with an etag', async () => {
      const value = { subscriptionId: 'sub-1', nested: { list: [1, 'two', null], flag: true } };
      const etag = await store.put(`${ns}settings`, value);
      expect(etag).toEqual(expect.any(String));
      expect(etag).not.toBe('');
      expect(await store.get(`${ns}settings`)).toEqual({ value, etag });
    });

    test('a missing key reads as undefined', async () => {
      expect(await store.get(`${ns}nothing/here`)).toBeUndefined();
    });

    test('a write with a stale etag is refused and the newer value stays', async () => {
      const first = await store.put(`${ns}k`, { n: 1 });
      const second = await store.put(`${ns}k`, { n: 2 }, { ifMatch: first });
      expect(second).not.toBe(first);
      await expect(store.put(`${ns}k`, { n: 3 }, { ifMatch: first })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.get(`${ns}k`)).toEqual({ value: { n: 2 }, etag: second });
    });

    test('a write with ifMatch on a missing key is refused', async () => {
      const elsewhere = await store.put(`${ns}other`, { n: 1 });
      await expect(store.put(`${ns}missing`, { n: 1 }, { ifMatch: elsewhere })).rejects.toEqual(
        new StoreConflictError(`${ns}missing`),
      );
      expect(await store.get(`${ns}missing`)).toBeUndefined();
    });

    test('a create with ifNoneMatch on an existing key is refused and the value stays', async () => {
      const etag = await store.put(`${ns}claim`, { by: 'first' });
      await expect(store.put(`${ns}claim`, { by: 'second' }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.get(`${ns}claim`)).toEqual({ value: { by: 'first' }, etag });
    });

    test('of two writers racing to create the same key with ifNoneMatch, exactly one wins', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const key = `${ns}claims/${round}`;
        const results = await Promise.allSettled(['a', 'b'].map((by) => store.put(key, { by }, { ifNoneMatch: '*' })));
        const winners = results.flatMap((r, i) =>
          r.status === 'fulfilled' ? [{ by: ['a', 'b'][i], etag: r.value }] : [],
        );
        const losers = results.filter((r) => r.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers.every((r) => isStoreConflict(r.reason))).toBe(true);
        expect(await store.get(key)).toEqual({ value: { by: winners[0]?.by }, etag: winners[0]?.etag });
      }
    });

    test('of two read-modify-write updaters holding the same etag, exactly one wins', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const key = `${ns}counter/${round}`;
        await store.put(key, { count: 0, by: [] as string[] });
        // Both read before either writes, so both hold the same etag; then both write at once.
        const readers = await Promise.all(['a', 'b'].map(() => readBack<{ count: number; by: string[] }>(store, key)));
        expect(readers[0]?.etag).toBe(readers[1]?.etag);
        const results = await Promise.allSettled(
          readers.map(({ value, etag }, i) =>
            store.put(key, { count: value.count + 1, by: [...value.by, ['a', 'b'][i]] }, { ifMatch: etag }),
          ),
        );
        const winners = results.flatMap((r, i) =>
          r.status === 'fulfilled' ? [{ who: ['a', 'b'][i], etag: r.value }] : [],
        );
        const losers = results.filter((r) => r.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers.every((r) => isStoreConflict(r.reason))).toBe(true);
        expect(await store.get(key)).toEqual({ value: { count: 1, by: [winners[0]?.who] }, etag: winners[0]?.etag });
      }
    });

    test('keys with : ; @ = % spaces, dots and unicode round-trip through put, get and list', async () => {
      const keys = ODD_PARTS.map((part, i) => `${ns}odd/${part}/${i}`);
      keys.push(`${ns}conversations/${ODD_PARTS[0]}`);
      for (const [i, key] of keys.entries()) await store.put(key, { i, key });
      for (const [i, key] of keys.entries()) expect((await store.get(key))?.value).toEqual({ i, key });
      expect(await store.list(ns)).toEqual([...keys].sort());
    });

    test('list by prefix returns only the matching keys, sorted, also for a partial last part', async () => {
      const keys = [
        'audit/2026-11/b',
        'audit/2026-11/a;messageid=1',
        'audit/2026-10/z',
        'audit/2026-1',
        'audit/2026-2/x',
        'audit/2026/y',
        'auditor/x',
        'conv/19:abc@thread.tacv2/ref',
        'conv/19:abd/ref',
        'conv/19%3Aabc/ref',
        'conv/x.y/1',
        'conv/x.z/1',
        'emoji/🎉x',
        'emoji/😀y',
      ];
      await Promise.all(keys.map((key, i) => store.put(`${ns}${key}`, i)));
      const list = async (prefix: string): Promise<string[]> =>
        (await store.list(`${ns}${prefix}`)).map((k) => k.slice(ns.length));

      expect(await list('audit/2026-11/')).toEqual(['audit/2026-11/a;messageid=1', 'audit/2026-11/b']);
      expect(await list('audit/2026-1')).toEqual([
        'audit/2026-1',
        'audit/2026-10/z',
        'audit/2026-11/a;messageid=1',
        'audit/2026-11/b',
      ]);
      expect(await list('audit/')).toEqual([...keys].filter((k) => k.startsWith('audit/')).sort());
      expect(await list('audit')).toEqual([...keys].filter((k) => k.startsWith('audit')).sort());
      expect(await list('conv/19:ab')).toEqual(['conv/19:abc@thread.tacv2/ref', 'conv/19:abd/ref']);
      expect(await list('conv/19:abc@')).toEqual(['conv/19:abc@thread.tacv2/ref']);
      expect(await list('conv/19%')).toEqual(['conv/19%3Aabc/ref']);
      expect(await list('conv/x.')).toEqual(['conv/x.y/1', 'conv/x.z/1']);
      // A prefix may even end in the first half of a surrogate pair ('🎉' is \uD83C\uDF89, '😀' is \uD83D\uDE00).
      expect(await list('emoji/\uD83C')).toEqual(['emoji/🎉x']);
      expect(await list('nothing')).toEqual([]);
      expect(await list('')).toEqual([...keys].sort());
    });

    test('a deleted key is gone, from get and from list, and deleting it again is harmless', async () => {
      await store.put(`${ns}keep`, 1);
      await store.put(`${ns}drop`, 2);
      await store.delete(`${ns}drop`);
      expect(await store.get(`${ns}drop`)).toBeUndefined();
      expect(await store.list(ns)).toEqual([`${ns}keep`]);
      await expect(store.delete(`${ns}drop`)).resolves.toBeUndefined();
      await expect(store.delete(`${ns}never-existed`)).resolves.toBeUndefined();
    });

    test('a deleted key can be created again with ifNoneMatch', async () => {
      await store.put(`${ns}claim`, 1);
      await store.delete(`${ns}claim`);
      const etag = await store.put(`${ns}claim`, 2, { ifNoneMatch: '*' });
      expect(await store.get(`${ns}claim`)).toEqual({ value: 2, etag });
    });

    test('values survive a new store instance on the same storage (a restart)', async () => {
      const key = `${ns}conversations/${ODD_PARTS[0]}/settings`;
      const etag = await store.put(key, { subscriptionId: 'sub-1' });
      const restarted = await makeStore();
      expect(restarted).not.toBe(store);
      expect(await restarted.get(key)).toEqual({ value: { subscriptionId: 'sub-1' }, etag });
      expect(await restarted.list(ns)).toEqual([key]);
      // The etag from before the restart is still good for a conditional write.
      await expect(restarted.put(key, { subscriptionId: 'sub-2' }, { ifMatch: etag })).resolves.toEqual(
        expect.any(String),
      );
    });
  });
}

async function readBack<T>(store: KeyValueStore, key: string): Promise<{ value: T; etag: string }> {
  const item = await store.get<T>(key);
  if (!item) throw new Error(`expected ${key} to exist`);
  return item;
}
