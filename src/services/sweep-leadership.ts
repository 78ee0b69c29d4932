import type { Logger } from '../logging/logger';
import type { LeaseHolder, LeaseStore } from './lease-store';

/** The lease that elects the instance running the background sweeps (alerts, outbox, resume, retention). */
const LEADER_LEASE = 'sweeps/leader';

/**
 * One instance at a time runs the background sweeps, so Teams rate limits hold for the whole app and the same
 * work is not read n times. Leadership is a lease on the shared storage, taken or extended at every sweep tick
 * (ticks come more often than a third of the lease period); when the leader dies its lease expires and the next
 * tick of another instance takes over, within one lease period plus one tick.
 */
export class SweepLeadership {
  private leading = false;

  constructor(
    private readonly leases: LeaseStore,
    private readonly holder: LeaseHolder,
    private readonly leaseMs: number,
    private readonly logger: Logger,
  ) {}

  /** True when this process leads now (the lease was taken or extended just now). */
  async lead(): Promise<boolean> {
    let leads = false;
    try {
      leads = await this.leases.acquire(LEADER_LEASE, this.holder, this.leaseMs);
    } catch (error) {
      this.logger.warn('could not read the sweep leadership lease; skipping this tick', { error });
    }
    if (leads !== this.leading)
      this.logger.info(leads ? 'this instance now runs the background sweeps' : 'another instance runs the sweeps');
    this.leading = leads;
    return leads;
  }

  /** Runs `sweep` only on the leader. */
  async ifLeader(sweep: () => Promise<void>): Promise<void> {
    if (await this.lead()) await sweep();
  }

  /** Gives leadership up at a graceful stop, so another instance takes over at its next tick. */
  async resign(): Promise<void> {
    if (this.leading) await this.leases.release(LEADER_LEASE, this.holder).catch(() => undefined);
    this.leading = false;
  }
}
