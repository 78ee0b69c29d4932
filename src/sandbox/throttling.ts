/**
 * Optional (`"armThrottling": true`) throttling the way Azure publishes it (reference §2.6), so pacing can be tested:
 * - ARM: a token bucket per subscription, reads 250 (refilled 25 a second), writes 200 (refilled 10 a second);
 * - Azure Resource Graph: 15 queries in any 5 seconds (per user; the sandbox has one user).
 * The regional metrics:getBatch host is a separate data-plane API whose limits our reference does not give, so it is
 * not throttled. An empty bucket answers 429 with Retry-After, like ARM.
 */
import { ArmError, throttledError } from './arm-errors';

interface Bucket {
  tokens: number;
  atMs: number;
}

const READS = { size: 250, perSecond: 25 };
const WRITES = { size: 200, perSecond: 10 };
const GRAPH = { count: 15, windowMs: 5_000 };

export class ArmThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly graphQueries: number[] = [];

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  /** The 429 to answer with, or undefined when the request may go ahead (it then uses a token). */
  take(method: string, rawUrl: string): ArmError | undefined {
    if (/^\/*_regions\//i.test(rawUrl)) return undefined;
    if (/\/providers\/Microsoft\.ResourceGraph\//i.test(rawUrl)) return this.takeGraph();
    const subscription = /^\/*subscriptions\/([^/?]+)/i.exec(rawUrl)?.[1]?.toLowerCase() ?? 'tenant';
    const read = method === 'GET';
    const spec = read ? READS : WRITES;
    const key = `${subscription}|${read ? 'r' : 'w'}`;
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: spec.size, atMs: now };
    bucket.tokens = Math.min(spec.size, bucket.tokens + ((now - bucket.atMs) / 1000) * spec.perSecond);
    bucket.atMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return throttledError(Math.ceil((1 - bucket.tokens) / spec.perSecond));
    bucket.tokens -= 1;
    return undefined;
  }

  private takeGraph(): ArmError | undefined {
    const now = this.nowMs();
    while (this.graphQueries.length > 0 && now - (this.graphQueries[0] as number) >= GRAPH.windowMs)
      this.graphQueries.shift();
    if (this.graphQueries.length >= GRAPH.count) {
      const wait = Math.ceil((GRAPH.windowMs - (now - (this.graphQueries[0] as number))) / 1000);
      return new ArmError(429, 'RateLimiting', 'Please provide below info when asking for support: throttled.', {
        'retry-after': String(wait),
        'x-ms-user-quota-remaining': '0',
      });
    }
    this.graphQueries.push(now);
    return undefined;
  }
}
