/** A limit of `count` events in any `windowMs` milliseconds. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface LimiterClock {
  /** Milliseconds on a monotonic clock (real time: rate limits are about the wall, not the sandbox clock). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Sliding-window rate limiter over several windows at once (e.g. 7 per second and 60 per 30 seconds).
 * `acquire()` waits until one more event fits every window, then counts it. Callers are served in order.
 */
export class SlidingWindowLimiter {
  private readonly events: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private readonly longestMs: number;

  constructor(
    private readonly limits: readonly RateLimit[],
    private readonly clock: LimiterClock = realTime,
  ) {
    this.longestMs = Math.max(...limits.map((l) => l.windowMs));
  }

  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** True when no event is recent enough to count in any window (the limiter can be forgotten). */
  idle(): boolean {
    return this.events.every((at) => this.clock.now() - at >= this.longestMs);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.events.length > 0 && now - (this.events[0] as number) >= this.longestMs) this.events.shift();
      const waitMs = Math.max(0, ...this.limits.map((limit) => this.waitFor(limit, now)));
      if (waitMs === 0) {
        this.events.push(now);
        return;
      }
      await this.clock.sleep(waitMs);
    }
  }

  /** ms until one more event fits this window: when the oldest event inside it leaves. */
  private waitFor(limit: RateLimit, now: number): number {
    const inWindow = this.events.filter((at) => now - at < limit.windowMs);
    if (inWindow.length < limit.count) return 0;
    const oldestThatMustLeave = inWindow[inWindow.length - limit.count] as number;
    return oldestThatMustLeave + limit.windowMs - now;
  }
}

/** One limiter per key (conversation), created on demand and forgotten once idle. */
export class KeyedLimiter {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly limits: readonly RateLimit[],
    private readonly clock: LimiterClock = realTime,
  ) {}

  acquire(key: string): Promise<void> {
    for (const [k, limiter] of this.limiters) if (k !== key && limiter.idle()) this.limiters.delete(k);
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.limits, this.clock);
      this.limiters.set(key, limiter);
    }
    return limiter.acquire();
  }
}
