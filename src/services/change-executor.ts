import type { Approval, Change, ChangeProgress } from '../domain/approval';
import { isAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import type { ApprovalNotifier } from './approval-ports';
import type { ApprovalService } from './approval-service';

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

/**
 * Runs approved changes in the background, exactly once per approval: the approved → running move is a
 * conditional write, so only the instance that wins it calls Azure. This is the error boundary of background work.
 */
export class ChangeExecutor {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly approvals: ApprovalService,
    private readonly runners: { [K in Change['kind']]?: ChangeRunner },
    private readonly notifier: ApprovalNotifier,
    private readonly logger: Logger,
    /** Longest a change may take before it is reported as failed, in ms. */
    private readonly timeoutMs = 120_000,
  ) {}

  /** Starts an approved change without waiting for it (the invoke that approved it must answer at once). */
  start(approval: Approval): void {
    const run = this.execute(approval, 'approved').catch((error: unknown) =>
      this.logger.error('change executor failed', { approvalId: approval.id, error }),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** At start: carry on with approvals a stop interrupted. Changes we run are idempotent (PUTs), so re-running is safe. */
  async resume(): Promise<void> {
    for (const approval of await this.approvals.inStates(['approved', 'running'])) {
      this.logger.info('resuming approved change', { approvalId: approval.id, state: approval.state });
      if (approval.state === 'approved') this.start(approval);
      else {
        const run = this.finish(approval);
        this.inFlight.add(run);
        void run.finally(() => this.inFlight.delete(run));
      }
    }
  }

  /** Waits for running work (used by tests and by a graceful stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }

  private async execute(approval: Approval, from: 'approved'): Promise<void> {
    const running = await this.approvals.move(approval.id, from, 'running', { outcome: 'Applying the change…' });
    if (!running) return; // someone else (another click, another instance) is already running it
    await this.approvals.record(running, BOT, 'change.started', 'running');
    await this.notify(running);
    await this.finish(running);
  }

  private async finish(running: Approval): Promise<void> {
    const runner = this.runners[running.change.kind];
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.timeoutMs)]);
    let final: Approval | undefined;
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
      const timedOut = signal.aborted && !this.abort.signal.aborted;
      const outcome = timedOut
        ? 'Azure did not finish in time. The change may still complete; check with "status" before asking again.'
        : isAppError(error)
          ? error.userMessage
          : 'Something went wrong on my side while applying the change.';
      if (this.abort.signal.aborted) return; // stopping: leave it running, the next start resumes it
      final = await this.approvals.move(running.id, 'running', 'failed', {
        outcome,
        errorCode: timedOut ? 'timeout' : isAppError(error) ? error.code : 'internal',
      });
      if (final) await this.approvals.record(final, BOT, 'change.failed', `failed: ${final.errorCode}`, outcome);
      this.logger.warn('approved change failed', { approvalId: running.id, error });
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
