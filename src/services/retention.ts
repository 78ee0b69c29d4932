import type { Clock } from '../clock';
import { monthKey } from '../domain/alerts';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../storage/store';
import { deliveriesPrefix, monthIndexPrefix } from './alert-outbox';

export interface RetentionPolicy {
  auditRetentionDays: number;
  alertRetentionDays: number;
}

/** Months looked back over past the retention limit at each pass (earlier ones were pruned by earlier passes). */
const MONTHS_BEHIND = 3;
const DAY_MS = 86_400_000;

/**
 * Deletes history past its retention, month by month: audit entries (audit/{yyyy-mm}/…) and alert claims with
 * their deliveries and acknowledgements (through the claims-by-month index). Each pass reads only the few months
 * just past the limit, so its cost follows what is deleted, not how much history there is.
 */
export class Retention {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
    private readonly policy: RetentionPolicy,
    private readonly logger: Logger,
  ) {}

  async prune(): Promise<{ audit: number; claims: number }> {
    const now = this.clock();
    const audit = await this.pruneAudit(now);
    const claims = await this.pruneAlerts(now);
    if (audit + claims > 0) this.logger.info('old history deleted', { auditEntries: audit, alertClaims: claims });
    return { audit, claims };
  }

  private async pruneAudit(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.policy.auditRetentionDays * DAY_MS).toISOString();
    let deleted = 0;
    for (const month of monthsUpTo(cutoff)) {
      for (const key of await this.store.list(`audit/${month}/`)) {
        // Keys start with the entry's ISO time: audit/{yyyy-mm}/{time}-{random}.
        if (key.slice(`audit/${month}/`.length) >= cutoff) break;
        await this.store.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  /** Whole months only: a claim must outlive its month, or its level could fire again. */
  private async pruneAlerts(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.policy.alertRetentionDays * DAY_MS);
    const lastWhole = monthKey(new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - 1, 1)));
    let deleted = 0;
    for (const month of monthsUpTo(`${lastWhole}-31`)) {
      const prefix = monthIndexPrefix(month);
      for (const marker of await this.store.list(prefix)) {
        const alertId = decodeURIComponent(marker.slice(prefix.length));
        for (const key of await this.store.list(deliveriesPrefix(alertId))) await this.store.delete(key);
        for (const key of await this.store.list(`alerts/acks/${alertId}/`)) await this.store.delete(key);
        await this.store.delete(`alerts/claims/${alertId}`);
        await this.store.delete(marker);
        deleted++;
      }
    }
    return deleted;
  }
}

/** The month of `isoCutoff` and the MONTHS_BEHIND before it, oldest first ("2026-08", …). */
function monthsUpTo(isoCutoff: string): string[] {
  const year = Number(isoCutoff.slice(0, 4));
  const month = Number(isoCutoff.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let back = MONTHS_BEHIND; back >= 0; back--) months.push(monthKey(new Date(Date.UTC(year, month - back, 1))));
  return months;
}
