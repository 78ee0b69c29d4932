import type { Approval, Change, ChangeProgress } from '../domain/approval';
import { isAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import type { ApprovalNotifier } from './approval-ports';
import type { ApprovalService } from './approval-service';
import { LEASE_MS, RunLease } from './run-lease';
import { randomUUID } from 'node:crypto';

export interface ChangeResult {
  /** The outcome in words: "Plan 3 is now active …", "12 APIs onboarded, 1 failed". */
  outcome: string;
  progress?: ChangeProgress;
  /** Set when the change did not (fully) happen: the approval ends as failed with this code. */
  failedCode?: string;
}

/**
 * Carries out one kind of approved change. `report` shows progress on the card (the executor throttles it); a
 * thrown error means the change failed as a whole.
 */
export type ChangeRunner = (
  approval: Approval,
  signal: AbortSignal,
  report: (progress: ChangeProgress) => Promise<void>,
) => Promise<ChangeResult>;

/** Card updates while a change runs are at most this often (Teams rate limits; people read, not watch). */
export const PROGRESS_INTERVAL_MS = 3_000;

const BOT = { name: 'defender-apis-bot' };

/** Longest each kind of change may run before it is reported as failed (ms). Onboarding many APIs takes long. */
export const CHANGE_TIMEOUT_MS: Record<Change['kind'], number> = { setPlan: 120_000, onboardApis: 2 * 3_600_000 };

export interface ExecutorOptions {
  /**
   * This bot instance, as named in the leases of the changes it runs. Stable across restarts of the same instance
   * (host and port), so a restarted instance resumes its own changes at once instead of waiting for the lease.
   */
  instanceId?: string;
  leaseMs?: number;
  timeoutMs?: Partial<Record<Change['kind'], number>>;
}

/**
 * Runs approved changes in the background, exactly once per approval: the approved → running move is a
 * conditional write, so only the instance that wins it calls Azure, and it keeps a lease while it works. A running
 * change whose lease expired (its instance died) is taken over by the next resume sweep, here or on another
 * instance. This is the error boundary of background work.
 */
export class ChangeExecutor {
  private readonly inFlight = new Set<Promise<void>>();
  /** Approvals this process is running now: never "taken over" from ourselves. */
  private readonly runningHere = new Set<string>();
  private readonly abort = new AbortController();
  private readonly owner: string;
  private readonly leaseMs: number;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly approvals: ApprovalService,
    private readonly runners: { [K in Change['kind']]?: ChangeRunner },
    private readonly notifier: ApprovalNotifier,
    private readonly logger: Logger,
    private readonly options: ExecutorOptions = {},
  ) {
    this.owner = options.instanceId ?? randomUUID();
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  /** Starts an approved change without waiting for it (the invoke that approved it must answer at once). */
  start(approval: Approval): void {
    this.track(this.execute(approval));
  }

  private track(work: Promise<void>): void {
    const run = work.catch((error: unknown) => this.logger.error('change executor failed', { error }));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /**
   * Carries on with approvals a stop interrupted: approved ones not yet started, and running ones whose lease
   * expired. Changes we run are idempotent (PUTs, and onboarding checks before it onboards), so re-running is safe.
   */
  async resume(): Promise<void> {
    for (const approval of await this.approvals.inStates(['approved', 'running'])) {
      if (approval.state === 'approved') {
        this.logger.info('starting an approved change', { approvalId: approval.id });
        this.start(approval);
        continue;
      }
      if (this.runningHere.has(approval.id)) continue;
      const taken = await this.approvals.takeOver(approval.id, this.owner, this.leaseMs);
      if (!taken) continue; // its runner is alive (here or elsewhere)
      this.logger.info('resuming a change whose runner stopped', { approvalId: approval.id });
      this.track(this.finish(taken));
    }
  }

  /** Runs `resume` every `intervalMs`, so a change whose instance died is finished without waiting for a restart. */
  startResumeSweeps(intervalMs = this.leaseMs): void {
    this.sweepTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.resume()
        .catch((error: unknown) => this.logger.warn('resume sweep failed', { error }))
        .finally(() => (this.sweeping = false));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  /** Changes this instance is carrying out now (the open-operations metric). */
  get runningCount(): number {
    return this.runningHere.size;
  }

  /** Waits for running work (used by tests and by a graceful stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.abort.abort();
    await this.idle();
  }

  private async execute(approval: Approval): Promise<void> {
    const running = await this.approvals.startRunning(approval.id, this.owner, this.leaseMs);
    if (!running) return; // someone else (another click, another instance) is already running it
    await this.approvals.record(running, BOT, 'change.started', 'running');
    await this.notify(running);
    await this.finish(running);
  }

  private async finish(running: Approval): Promise<void> {
    const runner = this.runners[running.change.kind];
    const lost = new AbortController();
    const lease = new RunLease(this.approvals, running.id, this.owner, () => lost.abort(), this.logger, this.leaseMs);
    const timeoutMs = this.options.timeoutMs?.[running.change.kind] ?? CHANGE_TIMEOUT_MS[running.change.kind];
    const signal = AbortSignal.any([this.abort.signal, lost.signal, AbortSignal.timeout(timeoutMs)]);
    let final: Approval | undefined;
    this.runningHere.add(running.id);
    lease.start();
    try {
      if (!runner) throw new Error(`no runner for ${running.change.kind}`);
      const result = await runner(running, signal, this.progressReporter(running));
      const { outcome, progress, failedCode } = result;
      final = failedCode
        ? await this.approvals.move(running.id, 'running', 'failed', { outcome, progress, errorCode: failedCode })
        : await this.approvals.move(running.id, 'running', 'succeeded', { outcome, progress });
      if (final)
        await this.approvals.record(
          final,
          BOT,
          failedCode ? 'change.failed' : 'change.succeeded',
          failedCode ? `failed: ${failedCode}` : 'ok',
          outcome,
        );
    } catch (error) {
      // Stopping, or another instance took over: leave it running; the lease holder finishes it.
      if (this.abort.signal.aborted || lost.signal.aborted) return;
      const timedOut = signal.aborted;
      const outcome = timedOut
        ? 'Azure did not finish in time. The change may still complete; check with "status" before asking again.'
        : isAppError(error)
          ? error.userMessage
          : 'Something went wrong on my side while applying the change.';
      final = await this.approvals.move(running.id, 'running', 'failed', {
        outcome,
        errorCode: timedOut ? 'timeout' : isAppError(error) ? error.code : 'internal',
      });
      if (final) await this.approvals.record(final, BOT, 'change.failed', `failed: ${final.errorCode}`, outcome);
      this.logger.warn('approved change failed', { approvalId: running.id, error });
    } finally {
      lease.stop();
      this.runningHere.delete(running.id);
    }
    if (final) await this.notify(final);
  }

  /** Saves progress on the approval (so a refresh shows it) and updates the card, at most every PROGRESS_INTERVAL_MS. */
  private progressReporter(running: Approval): (progress: ChangeProgress) => Promise<void> {
    let last = 0;
    return async (progress) => {
      if (Date.now() - last < PROGRESS_INTERVAL_MS) return;
      last = Date.now();
      const updated = await this.approvals.move(running.id, 'running', 'running', { progress });
      if (updated) await this.notify(updated);
    };
  }

  private async notify(approval: Approval): Promise<void> {
    try {
      await this.notifier.approvalChanged(approval);
    } catch (error) {
      // The state is saved; a failed card update must not turn a done change into a failure.
      this.logger.warn('could not update the approval card', { approvalId: approval.id, error });
    }
  }
}
