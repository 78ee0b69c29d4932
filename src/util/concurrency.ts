/** Maps items with at most `limit` calls in flight, keeping the input order in the result. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** At most `limit` tasks run at once across all callers; the others wait in arrival order. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * A Semaphore per key (e.g. per Azure subscription and region), shared by every caller of the process, so a limit
 * holds however many calls read the same key at once. A key's semaphore is dropped once nothing runs or waits on it.
 */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, { semaphore: Semaphore; users: number }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, (entry = { semaphore: new Semaphore(this.limit), users: 0 }));
    entry.users++;
    try {
      return await entry.semaphore.run(task);
    } finally {
      if (--entry.users === 0) this.byKey.delete(key);
    }
  }

  /** Keys in use (running or waiting): for tests. */
  get size(): number {
    return this.byKey.size;
  }
}
