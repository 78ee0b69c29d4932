import type { Logger } from '../logging/logger';
import type { LeaseHolder, LeaseStore } from './lease-store';

/** How long a running change stays claimed without renewal (ms); renewed every third of it while work goes on. */
export const LEASE_MS = 60_000;

/**
 * Keeps this process's lease on running work alive. If another instance took it over (this one looked dead,
 * e.g. paused for longer than the lease), `onLost` stops the work here so the change does not run twice.
 */
export class RunLease {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly leases: LeaseStore,
    private readonly name: string,
    private readonly holder: LeaseHolder,
    private readonly onLost: () => void,
    private readonly logger: Logger,
    private readonly leaseMs = LEASE_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.renew(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    try {
      if (!(await this.leases.renew(this.name, this.holder, this.leaseMs))) {
        this.logger.warn('another instance took over this work; stopping here', { lease: this.name });
        this.stop();
        this.onLost();
      }
    } catch (error) {
      // Storage hiccup: try again at the next tick; the lease is long enough for a few misses.
      this.logger.warn('could not renew a lease', { lease: this.name, error });
    }
  }
}
