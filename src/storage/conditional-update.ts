import { isStoreConflict, type KeyValueStore, type StoredItem } from './store';

/** Writes that lose a race are tried again against the fresh value this many times in all. */
export const MAX_UPDATE_ATTEMPTS = 10;

/** Thrown when an item kept changing under every attempt (heavy contention or a bug writing in a loop). */
export class StoreContentionError extends Error {
  constructor(readonly key: string) {
    super(`storage: "${key}" kept changing; gave up after ${MAX_UPDATE_ATTEMPTS} attempts`);
    this.name = 'StoreContentionError';
  }
}

/**
 * The one read-modify-write of shared state: reads `key`, applies `change` to its value (undefined when absent),
 * and writes the result on the condition that nobody wrote in between (If-Match on the etag read, or
 * create-if-absent). On a conflict it starts again from the fresh value, so `change` must be a pure function of
 * what it is given and may run several times. `change` returning undefined means "leave it": nothing is written
 * and the result is undefined.
 */
export async function updateItem<T>(
  store: KeyValueStore,
  key: string,
  change: (current: T | undefined) => T | undefined,
): Promise<StoredItem<T> | undefined> {
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
    const current = await store.get<T>(key);
    const next = change(current?.value);
    if (next === undefined) return undefined;
    try {
      const etag = await store.put(key, next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      return { value: next, etag };
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
  }
  throw new StoreContentionError(key);
}

/** updateItem for an item that must exist: `change` is not called (and nothing written) when it is absent. */
export function updateExisting<T>(
  store: KeyValueStore,
  key: string,
  change: (current: T) => T | undefined,
): Promise<StoredItem<T> | undefined> {
  return updateItem<T>(store, key, (current) => (current === undefined ? undefined : change(current)));
}
