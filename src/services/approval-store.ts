import { isExpired, type Approval, type ApprovalState } from '../domain/approval';
import { updateExisting } from '../storage/conditional-update';
import type { KeyValueStore } from '../storage/store';

const keyOf = (id: string): string => `approvals/${id}`;
/**
 * Index of approvals that may still need work (one empty marker each), so the minute-by-minute resume sweep reads
 * only those instead of every approval ever made. Markers of finished approvals are dropped by the sweep itself.
 */
const openKeyOf = (id: string): string => `approvals-open/${id}`;
const OPEN_PREFIX = 'approvals-open/';
export const FINISHED_STATES: readonly ApprovalState[] = ['rejected', 'expired', 'succeeded', 'failed'];

/**
 * The approval records on durable storage: create-if-absent, and every change through the one conditional update
 * (read, apply, write with the ETag, again on a conflict), plus the index of open approvals.
 */
export class ApprovalStore {
  constructor(private readonly store: KeyValueStore) {}

  async create(approval: Approval): Promise<void> {
    await this.store.put(openKeyOf(approval.id), {}); // first, so no approval is ever missing from the index
    await this.store.put(keyOf(approval.id), approval, { ifNoneMatch: '*' });
  }

  async get(id: string): Promise<Approval | undefined> {
    return (await this.store.get<Approval>(keyOf(id)))?.value;
  }

  /**
   * Applies `change` to the current record and writes it if nobody wrote in between, re-reading and re-applying on
   * a conflict. `change` returns undefined to leave the record as it is (e.g. it is no longer in the state the
   * caller expected): the result is then undefined, as it is for an unknown id.
   */
  async update(id: string, change: (current: Approval) => Approval | undefined): Promise<Approval | undefined> {
    return (await updateExisting<Approval>(this.store, keyOf(id), change))?.value;
  }

  /** Open approvals in `states`; finished (and expired pending) ones leave the index on the way. */
  async open(states: readonly ApprovalState[], now: Date): Promise<Approval[]> {
    const ids = (await this.store.list(OPEN_PREFIX)).map((key) => key.slice(OPEN_PREFIX.length));
    const items = await Promise.all(ids.map((id) => this.get(id)));
    const found: Approval[] = [];
    for (const [i, approval] of items.entries()) {
      // A marker without its approval (a failed or still-running create) is kept: the approval may appear.
      if (!approval) continue;
      const done = approval.state === 'pending' ? isExpired(approval, now) : FINISHED_STATES.includes(approval.state);
      if (done) await this.store.delete(openKeyOf(ids[i] as string));
      else if (states.includes(approval.state)) found.push(approval);
    }
    return found;
  }
}
