import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Actor } from '../domain/approval';
import type { KeyValueStore } from '../storage/store';

export type AuditAction =
  | 'approval.requested'
  | 'approval.approved'
  | 'approval.rejected'
  | 'approval.refused'
  | 'approval.expired'
  | 'change.started'
  | 'change.succeeded'
  | 'change.failed'
  | 'alert.sent'
  | 'alert.dropped'
  | 'alerts.subscribed'
  | 'alerts.unsubscribed'
  | 'approvals.venue'
  | 'access.refused'
  | 'binding.added'
  | 'binding.removed';

export interface AuditEntry {
  time: string;
  actor: Actor;
  action: AuditAction;
  subscriptionId?: string;
  /** What was acted on, e.g. "Defender for APIs plan → P3" or an approval id. */
  target: string;
  /** "ok", "refused: not_approver", "failed: azure_forbidden", … */
  outcome: string;
  /** Ties the entries of one request together (the approval id, or a reference id). */
  correlationId: string;
  detail?: string;
  /** How many like events this entry stands for (rate-limited refusals); absent = one. */
  count?: number;
}

/**
 * Append-only audit log: one item per entry under audit/{yyyy-mm}/, created with create-if-absent so an entry is
 * never overwritten. Keys start with the ISO time, so listing a month gives them in order.
 */
export class AuditLog {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  async append(entry: Omit<AuditEntry, 'time'>): Promise<AuditEntry> {
    const time = this.clock().toISOString();
    const full: AuditEntry = { time, ...entry };
    await this.store.put(`audit/${time.slice(0, 7)}/${time}-${randomUUID().slice(0, 8)}`, full, { ifNoneMatch: '*' });
    return full;
  }

  /** Every entry of this month and the previous one, newest first, read a batch at a time as the caller goes on. */
  async *newestFirst(batch = 50): AsyncGenerator<AuditEntry> {
    const keys = (await this.monthKeys()).sort().reverse();
    for (let at = 0; at < keys.length; at += batch) {
      const items = await Promise.all(keys.slice(at, at + batch).map((key) => this.store.get<AuditEntry>(key)));
      for (const item of items) if (item) yield item.value;
    }
  }

  private async monthKeys(): Promise<string[]> {
    const now = this.clock();
    const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return [
      ...(await this.store.list(`audit/${previous.toISOString().slice(0, 7)}/`)),
      ...(await this.store.list(`audit/${now.toISOString().slice(0, 7)}/`)),
    ];
  }

  /** The newest `count` entries, newest first (this month and the previous one). */
  async recent(count: number): Promise<AuditEntry[]> {
    const now = this.clock();
    const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const keys = [
      ...(await this.store.list(`audit/${previous.toISOString().slice(0, 7)}/`)),
      ...(await this.store.list(`audit/${now.toISOString().slice(0, 7)}/`)),
    ];
    const newest = keys.sort().reverse().slice(0, count);
    const entries = await Promise.all(newest.map((key) => this.store.get<AuditEntry>(key)));
    return entries.flatMap((e) => (e ? [e.value] : []));
  }
}
