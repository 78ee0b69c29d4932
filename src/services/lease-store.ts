import type { Clock } from '../clock';
import { updateItem } from '../storage/conditional-update';
import type { KeyValueStore } from '../storage/store';

/**
 * Who runs a change now. A record of its own (leases/{name}), so the runner's progress writes on the approval and
 * its lease renewals never race each other.
 */
export interface Lease {
  /** The bot instance: stable across restarts of the same instance (see src/app/instance-id.ts). */
  instance: string;
  /** The process holding it: a fresh nonce per start, so only the live process renews. */
  process: string;
  expiresAt: string;
}

/** This process, as named in the leases it takes. */
export interface LeaseHolder {
  instance: string;
  process: string;
}

const keyOf = (name: string): string => `leases/${name}`;

/**
 * Leases on shared storage, each move a conditional update. A lease is free when absent, expired, or held by an
 * earlier process of this same instance (that process is gone: an instance runs one process at a time), so a
 * restarted instance carries on at once while others wait for the lease to expire.
 */
export class LeaseStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  /** Takes the lease for `ms` if it is free (or already ours); false when someone else holds it. */
  async acquire(name: string, holder: LeaseHolder, ms: number): Promise<boolean> {
    const now = this.clock().getTime();
    const taken = await updateItem<Lease>(this.store, keyOf(name), (current) => {
      const free =
        !current ||
        Date.parse(current.expiresAt) <= now ||
        current.instance === holder.instance ||
        current.process === holder.process;
      return free ? { ...holder, expiresAt: new Date(now + ms).toISOString() } : undefined;
    });
    return taken !== undefined;
  }

  /**
   * Extends a lease this process holds. A conflicting write (someone else wrote meanwhile) is re-read: the renewal
   * fails only when the lease really is someone else's now.
   */
  async renew(name: string, holder: LeaseHolder, ms: number): Promise<boolean> {
    const expiresAt = new Date(this.clock().getTime() + ms).toISOString();
    const renewed = await updateItem<Lease>(this.store, keyOf(name), (current) =>
      current && current.process === holder.process ? { ...current, expiresAt } : undefined,
    );
    return renewed !== undefined;
  }

  /** Gives the lease up (expires it now) if this process still holds it. */
  async release(name: string, holder: LeaseHolder): Promise<void> {
    const now = this.clock().toISOString();
    await updateItem<Lease>(this.store, keyOf(name), (current) =>
      current && current.process === holder.process ? { ...current, expiresAt: now } : undefined,
    );
  }

  async get(name: string): Promise<Lease | undefined> {
    return (await this.store.get<Lease>(keyOf(name)))?.value;
  }
}
