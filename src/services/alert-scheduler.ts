import type { Logger } from '../logging/logger';

export interface AlertSchedulerOptions {
  /** Between the end of one sweep and the start of the next (ms); sweeps never overlap. */
  intervalMs: number;
  /** The first sweep after start (ms), so alerts and the outbox left by a crash do not wait a whole interval. */
  firstDelayMs: number;
}

/** The first sweep runs this soon after start (ms), or after one interval if that is shorter. */
export const FIRST_SWEEP_DELAY_MS = 5_000;

/**
 * Runs the alert sweep on a timer. A failing sweep is logged and the timer carries on: background work must never
 * crash the process. `stop()` cancels the timer, asks a running sweep to stop between subscriptions, and waits for it.
 */
export class AlertScheduler {
  private timer?: NodeJS.Timeout;
  /** When the pending timer fires (epoch ms). */
  private dueAt?: number;
  private running?: Promise<void>;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly sweep: (signal: AbortSignal) => Promise<void>,
    private readonly options: AlertSchedulerOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(this.options.firstDelayMs);
  }

  /** Brings the next sweep forward to within `delayMs` (a new subscriber should not wait a whole interval). */
  soon(delayMs = FIRST_SWEEP_DELAY_MS): void {
    if (this.stopped || this.running || !this.timer) return;
    if (this.dueAt !== undefined && this.dueAt <= Date.now() + delayMs) return;
    clearTimeout(this.timer);
    this.schedule(delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const started = Date.now();
    this.running = this.sweep(this.abort.signal).then(
      () => this.logger.debug('alert sweep done', { durationMs: Date.now() - started }),
      (error: unknown) => this.logger.error('alert sweep failed; next sweep as scheduled', { error }),
    );
    await this.running;
    this.running = undefined;
    this.schedule(this.options.intervalMs);
  }
}
