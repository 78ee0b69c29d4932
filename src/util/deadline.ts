/**
 * Waits for `work`, but no longer than until `signal` aborts plus `graceMs` (time for the work to stop on the signal
 * and answer with what it has). Past that, rejects with `onExpired()`; the work is left to finish on its own.
 */
export async function settleBefore<T>(
  work: Promise<T>,
  signal: AbortSignal,
  graceMs: number,
  onExpired: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let listener: (() => void) | undefined;
  const expired = new Promise<never>((_, reject) => {
    const arm = (): void => {
      timer = setTimeout(() => reject(onExpired()), graceMs);
    };
    if (signal.aborted) arm();
    else {
      listener = arm;
      signal.addEventListener('abort', arm, { once: true });
    }
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    if (listener) signal.removeEventListener('abort', listener);
  }
}
