import type { Approval, Change, ChangeProgress } from '../domain/approval';
import type { Logger } from '../logging/logger';
import type { ApprovalNotifier } from './approval-ports';
import type { ApprovalService } from './approval-service';
import type { LeaseHolder, LeaseStore } from './lease-store';
import { LEASE_MS, RunLease } from './run-lease';
import { randomUUID } from 'node:crypto';
import { BOT, CHANGE_TIMEOUT_MS, failureOf, PROGRESS_INTERVAL_MS, type ChangeRunner } from './change-runner';

export { CHANGE_TIMEOUT_MS, PROGRESS_INTERVAL_MS, type ChangeResult, type ChangeRunner } from './change-runner';

/** The lease record of a running change. */
const leaseOf = (approvalId: string): string => `changes/${approvalId}`;

export interface ExecutorOptions {
  /**
   * This bot instance, as named in the leases of the changes it runs. Stable across restarts of the same instance
   * (src/app/instance-id.ts), so a restarted instance resumes its own changes at once instead of waiting for the
   * lease; each start adds its own process nonce, so only the live process renews.
   */
  instanceId?: string;
  /** The process nonce to lease with (default: a fresh one), shared with the sweep leadership. */
  processId?: string;
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
  private readonly holder: LeaseHolder;
  private readonly leaseMs: number;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly approvals: ApprovalService,
    private readonly leases: LeaseStore,
    private readonly runners: { [K in Change['kind']]?: ChangeRunner },
    private readonly notifier: ApprovalNotifier,
    private readonly logger: Logger,
    private readonly options: ExecutorOptions = {},
  ) {
    this.holder = { instance: options.instanceId ?? randomUUID(), process: options.processId ?? randomUUID() };
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  /**
   * Starts an approved change without waiting for it (the invoke that approved it must answer at once). It is
   * marked as running here before anything is awaited, so a resume sweep meanwhile cannot start it a second time.
   */
  start(approval: Approval): void {
    if (!this.claimHere(approval.id)) return;
    this.track(this.execute(approval).finally(() => this.runningHere.delete(approval.id)));
  }

  /** False when this process already runs the approval. */
  private claimHere(id: string): boolean {
    if (this.runningHere.has(id)) return false;
    this.runningHere.add(id);
    return true;
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
      if (!this.claimHere(approval.id)) continue;
      this.track(this.takeOver(approval).finally(() => this.runningHere.delete(approval.id)));
    }
  }

  /**
   * Runs `resume` every `intervalMs`, so a change whose instance died is finished without waiting for a restart.
   * `gate` (the sweep leadership) lets only one instance sweep at a time.
   */
  startResumeSweeps(intervalMs = this.leaseMs, gate: () => Promise<boolean> = async () => true): void {
    this.sweepTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      gate()
        .then((leads) => (leads ? this.resume() : undefined))
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

  /**
   * The lease first, then approved → running: whoever sees a running change also finds its lease taken, so a
   * resume sweep elsewhere cannot mistake a change that is just starting for one whose runner died.
   */
  private async execute(approval: Approval): Promise<void> {
    const lease = leaseOf(approval.id);
    if (!(await this.leases.acquire(lease, this.holder, this.leaseMs))) return; // another instance is on it
    const running = await this.approvals.move(approval.id, 'approved', 'running', { outcome: 'Applying the change…' });
    if (!running) return this.leases.release(lease, this.holder); // someone else (a click, an instance) moved it
    await this.approvals.record(running, BOT, 'change.started', 'running');
    await this.notify(running);
    await this.finish(running);
  }

  /** A running change whose runner stopped: its lease expired (its instance died) or is this instance's own. */
  private async takeOver(approval: Approval): Promise<void> {
    if (!(await this.leases.acquire(leaseOf(approval.id), this.holder, this.leaseMs))) return; // its runner lives
    const running = await this.approvals.get(approval.id);
    if (running?.state !== 'running') return this.leases.release(leaseOf(approval.id), this.holder);
    this.logger.info('resuming a change whose runner stopped', { approvalId: approval.id });
    await this.finish(running);
  }

  private async finish(running: Approval): Promise<void> {
    const runner = this.runners[running.change.kind];
    const lost = new AbortController();
    const name = leaseOf(running.id);
    const lease = new RunLease(this.leases, name, this.holder, () => lost.abort(), this.logger, this.leaseMs);
    const timeoutMs = this.options.timeoutMs?.[running.change.kind] ?? CHANGE_TIMEOUT_MS[running.change.kind];
    const signal = AbortSignal.any([this.abort.signal, lost.signal, AbortSignal.timeout(timeoutMs)]);
    let final: Approval | undefined;
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
      const { outcome, errorCode } = failureOf(error, signal.aborted);
      final = await this.approvals.move(running.id, 'running', 'failed', { outcome, errorCode });
      if (final) await this.approvals.record(final, BOT, 'change.failed', `failed: ${errorCode}`, outcome);
      this.logger.warn('approved change failed', { approvalId: running.id, error });
    } finally {
      lease.stop();
    }
    if (!lost.signal.aborted) await this.leases.release(name, this.holder).catch(() => undefined);
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
