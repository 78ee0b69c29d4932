import type { AuditEntry, AuditLog } from './audit-log';

/** `changes`: requests, decisions, changes and settings, without refusals; `all`: refusals too. */
export type AuditFilter = 'changes' | 'all';
export const AUDIT_FILTERS: readonly AuditFilter[] = ['changes', 'all'];
/** Entries per page (a page stays far below Teams' 28 KB). */
export const AUDIT_PAGE_SIZE = 10;
/** Entries read at most for one page, so a huge log cannot make one `audit` slow; older ones are then not shown. */
const MAX_SCANNED = 3_000;

/** One line of the audit view: an entry, or a run of like refusals folded into one with their count. */
export interface AuditItem {
  entry: AuditEntry;
  count: number;
  /** For a folded run: the time of its oldest entry. */
  since?: string;
}

export interface AuditPage {
  items: AuditItem[];
  page: number;
  filter: AuditFilter;
  hasNext: boolean;
  /** True when the scan stopped at MAX_SCANNED entries: older ones exist but are not shown. */
  truncated: boolean;
}

const REFUSALS = new Set(['approval.refused', 'access.refused']);
export const isRefusal = (entry: AuditEntry): boolean => REFUSALS.has(entry.action);

/** Refusals by the same person (or tenant), for the same reason, one after the other, are one story. */
function sameRefusal(a: AuditEntry, b: AuditEntry): boolean {
  return (
    isRefusal(a) &&
    a.action === b.action &&
    a.outcome === b.outcome &&
    (a.actor.aadObjectId ?? a.actor.name) === (b.actor.aadObjectId ?? b.actor.name) &&
    (a.action === 'approval.refused' || a.target === b.target)
  );
}

/**
 * The audit log as people read it: newest first, paged, refusals hidden unless asked for (so a flood of refused
 * clicks cannot push real requests and decisions out of view), and repeated refusals folded into one with a count.
 */
export class AuditView {
  constructor(private readonly audit: AuditLog) {}

  async page(page: number, filter: AuditFilter): Promise<AuditPage> {
    const wanted = (page + 1) * AUDIT_PAGE_SIZE + 1; // one more than shown tells whether there is a next page
    const items: AuditItem[] = [];
    let scanned = 0;
    let truncated = false;
    for await (const entry of this.audit.newestFirst()) {
      if (++scanned > MAX_SCANNED) {
        truncated = true;
        break;
      }
      if (filter === 'changes' && isRefusal(entry)) continue;
      const last = items.at(-1);
      if (last && sameRefusal(last.entry, entry)) {
        last.count += entry.count ?? 1;
        last.since = entry.time;
        continue;
      }
      if (items.length >= wanted) break;
      items.push({ entry, count: entry.count ?? 1 });
    }
    const start = page * AUDIT_PAGE_SIZE;
    return {
      items: items.slice(start, start + AUDIT_PAGE_SIZE),
      page,
      filter,
      hasNext: items.length > start + AUDIT_PAGE_SIZE,
      truncated,
    };
  }
}
