/**
 * The one storage interface the bot uses for conversation settings and references, approvals, operations, alert
 * state and audit entries. Keys are '/'-separated paths. Writes can be conditional, so that two requests (or two bot
 * instances) racing on the same key cannot both win.
 */
export interface StoredItem<T> {
  value: T;
  /** Opaque version tag; pass it back as ifMatch to write only if nobody changed the item since. */
  etag: string;
}

export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' };

export interface KeyValueStore {
  get<T>(key: string): Promise<StoredItem<T> | undefined>;
  /** Returns the new etag. Throws StoreConflictError when the condition does not hold. */
  put<T>(key: string, value: T, condition?: WriteCondition): Promise<string>;
  delete(key: string): Promise<void>;
  /** Keys that start with prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}

export class StoreConflictError extends Error {
  constructor(readonly key: string) {
    super(`storage: "${key}" was changed or created by someone else`);
    this.name = 'StoreConflictError';
  }
}

export function isStoreConflict(error: unknown): error is StoreConflictError {
  return error instanceof StoreConflictError;
}
