import { promises as fsPromises } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '../../src/storage/file-store';
import { isStoreConflict, StoreConflictError } from '../../src/storage/store';

const freshStore = async (): Promise<{ store: FileStore; dir: string }> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'file-store-'));
  return { store: new FileStore(dir), dir };
};

describe('embedded file storage', () => {
  test('a value written is read back with an etag, also by a new store on the same folder', async () => {
    const { store, dir } = await freshStore();
    const etag = await store.put('conversations/a:1/settings', { subscriptionId: 'sub-1' });
    expect(await store.get('conversations/a:1/settings')).toEqual({ value: { subscriptionId: 'sub-1' }, etag });
    expect(await new FileStore(dir).get('conversations/a:1/settings')).toEqual({
      value: { subscriptionId: 'sub-1' },
      etag,
    });
  });

  test('a missing key reads as undefined', async () => {
    const { store } = await freshStore();
    expect(await store.get('nothing/here')).toBeUndefined();
  });

  test('a write with a stale etag is refused and the newer value stays', async () => {
    const { store } = await freshStore();
    const first = await store.put('k', { n: 1 });
    await store.put('k', { n: 2 }, { ifMatch: first });
    await expect(store.put('k', { n: 3 }, { ifMatch: first })).rejects.toBeInstanceOf(StoreConflictError);
    expect((await store.get<{ n: number }>('k'))?.value.n).toBe(2);
  });

  test('of two writers racing to create the same key, exactly one wins', async () => {
    const { store } = await freshStore();
    const results = await Promise.allSettled([
      store.put('claims/x', { by: 'a' }, { ifNoneMatch: '*' }),
      store.put('claims/x', { by: 'b' }, { ifNoneMatch: '*' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && isStoreConflict(r.reason))).toHaveLength(1);
  });

  test('keys with odd characters list back exactly, by prefix and sorted', async () => {
    const { store } = await freshStore();
    await store.put('audit/2026-11/b', 1);
    await store.put('audit/2026-11/a;messageid=1', 2);
    await store.put('audit/2026-12/c', 3);
    await store.put('other/..', 4);
    expect(await store.list('audit/2026-11/')).toEqual(['audit/2026-11/a;messageid=1', 'audit/2026-11/b']);
    expect(await store.get('other/..')).toEqual({ value: 4, etag: expect.any(String) });
  });

  test('no temporary files are left behind after writes', async () => {
    const { store, dir } = await freshStore();
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put('k', { i })));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a deleted key is gone', async () => {
    const { store } = await freshStore();
    await store.put('k', 1);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  test('listing a prefix reads only the folders under it, not the rest of the store', async () => {
    const { store, dir } = await freshStore();
    for (let i = 0; i < 20; i++) await store.put(`audit/2026-11/2026-11-20T00:00:${String(i).padStart(2, '0')}Z`, {});
    await store.put('audit/2026-10/old', {});
    await store.put('approvals-open/a1', {});
    await store.put('approvals-open/a2', {});
    const readdirSpy = jest.spyOn(fsPromises, 'readdir');
    try {
      expect(await store.list('approvals-open/')).toEqual(['approvals-open/a1', 'approvals-open/a2']);
      expect(readdirSpy.mock.calls.map((c) => path.relative(dir, String(c[0])))).toEqual(['approvals-open']);
      readdirSpy.mockClear();
      // A partial last part filters the folder it is in: only audit/2026-11 is walked.
      expect(await store.list('audit/2026-1')).toHaveLength(21);
      readdirSpy.mockClear();
      expect(await store.list('audit/2026-11')).toHaveLength(20);
      expect(readdirSpy.mock.calls.map((c) => path.relative(dir, String(c[0])))).toEqual([
        'audit',
        path.join('audit', '2026-11'),
      ]);
    } finally {
      readdirSpy.mockRestore();
    }
  });
});
