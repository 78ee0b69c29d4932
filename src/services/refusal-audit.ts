import type { AuditEntry, AuditLog } from './audit-log';

/** At most one audit entry per key (tenant, person) in this many ms; the next one carries the count since. */
export const REFUSAL_AUDIT_WINDOW_MS = 60_000;
const MAX_KEYS = 5_000;

type RefusalEntry = Omit<AuditEntry, 'time' | 'count' | 'action'>;

interface KeyState {
  writtenAt: number;
  unwritten: number;
  last?: RefusalEntry;
  timer?: NodeJS.Timeout;
}

/**
 * Audits refusals without letting a flood of them flood the log: the first refusal for a key is written at once;
 * later ones within the window are counted and written as one entry with their count when the window ends.
 */
export class RefusalAudit {
  private readonly state = new Map<string, KeyState>();

  constructor(
    private readonly audit: AuditLog,
    private readonly onError: (error: unknown) => void,
    private readonly windowMs = REFUSAL_AUDIT_WINDOW_MS,
  ) {}

  async record(key: string, entry: RefusalEntry): Promise<void> {
    const now = performance.now();
    const seen = this.state.get(key);
    if (seen && now - seen.writtenAt < this.windowMs) {
      seen.unwritten++;
      seen.last = entry;
      seen.timer ??= setTimeout(() => void this.flush(key), seen.writtenAt + this.windowMs - now).unref();
      return;
    }
    this.state.delete(key);
    this.state.set(key, { writtenAt: now, unwritten: 0 });
    if (this.state.size > MAX_KEYS) this.forget(this.state.keys().next().value as string);
    await this.audit.append({ ...entry, action: 'access.refused' });
  }

  /** Writes what a window counted (timers are unref'd; a stop loses at most one window's count). */
  private async flush(key: string): Promise<void> {
    const seen = this.state.get(key);
    if (!seen?.last || seen.unwritten === 0) return;
    const { last, unwritten } = seen;
    this.state.set(key, { writtenAt: performance.now(), unwritten: 0 });
    try {
      await this.audit.append({ ...last, action: 'access.refused', count: unwritten });
    } catch (error) {
      this.onError(error);
    }
  }

  private forget(key: string): void {
    clearTimeout(this.state.get(key)?.timer);
    this.state.delete(key);
  }
}
