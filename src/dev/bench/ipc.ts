/** The IPC side of a benchmark's child process (bench/support/child-ipc.ts is the other side). */

export const send = (message: object): void => void process.send?.(message);

/**
 * Handles the benchmark's messages one by one until it says `exit`. A handler that throws ends the process (the
 * benchmark's wait then fails); so does the benchmark going away without saying so (it crashed, or was stopped),
 * rather than linger and hold its output open.
 */
export function serve<M>(name: string, handle: (message: M) => Promise<void>): void {
  if (!process.send) throw new Error(`${name} runs with an IPC channel (a benchmark forks it)`);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: M) => {
    handle(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
