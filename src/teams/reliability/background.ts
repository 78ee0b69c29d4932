/**
 * Work the Teams layer lets run after a turn has answered (card updates, a turn past its budget). Tracked so tests
 * and a graceful stop can wait for it, and so its failures are logged instead of lost.
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  track(work: Promise<unknown>): void {
    const run = work.catch(this.onError);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
