import { ARM_READS_PER_SUBSCRIPTION, GRAPH_QUERIES } from '../../src/azure/pacing';
import { ArmThrottle } from '../../src/sandbox/throttling';
import { SlidingWindowLimiter, type LimiterClock, type RateLimit } from '../../src/util/rate-limiter';

const SUB_PATH =
  '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.ApiManagement/service/a/providers/Microsoft.Insights/metrics';
const GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';

function fakeTime(): LimiterClock & { ms: number } {
  const clock = { ms: 0, now: () => clock.ms, sleep: async (ms: number) => void (clock.ms += ms) };
  return clock;
}

/** Sends `count` requests as fast as the limiter lets them through; returns how many the throttle refused. */
async function refusedWhenPaced(limits: readonly RateLimit[], path: string, count: number): Promise<number> {
  const clock = fakeTime();
  const throttle = new ArmThrottle(() => clock.ms);
  const limiter = new SlidingWindowLimiter(limits, clock);
  let refused = 0;
  for (let i = 0; i < count; i++) {
    await limiter.acquire();
    if (throttle.take(path.includes('ResourceGraph') ? 'POST' : 'GET', path)) refused++;
  }
  return refused;
}

describe('the sandbox throttles like Azure publishes it', () => {
  test('ARM reads: 250 at once, then 25 a second', () => {
    let ms = 0;
    const throttle = new ArmThrottle(() => ms);
    for (let i = 0; i < 250; i++) expect(throttle.take('GET', SUB_PATH)).toBeUndefined();
    expect(throttle.take('GET', SUB_PATH)).toMatchObject({ status: 429, code: 'SubscriptionRequestsThrottled' });
    ms += 40; // one token back
    expect(throttle.take('GET', SUB_PATH)).toBeUndefined();
    // Another subscription has its own bucket; the regional metrics host is not ARM.
    expect(throttle.take('GET', SUB_PATH.replace('11111111', '22222222'))).toBeUndefined();
    expect(throttle.take('POST', '/_regions/eastus/subscriptions/x/metrics:getBatch')).toBeUndefined();
  });

  test('Resource Graph: 15 queries in any 5 seconds', () => {
    let ms = 0;
    const throttle = new ArmThrottle(() => ms);
    for (let i = 0; i < 15; i++) expect(throttle.take('POST', GRAPH_PATH)).toBeUndefined();
    expect(throttle.take('POST', GRAPH_PATH)?.status).toBe(429);
    ms += 5_000;
    expect(throttle.take('POST', GRAPH_PATH)).toBeUndefined();
  });
});

describe('client-side pacing stays within those limits', () => {
  test('5,000 per-resource metric reads of one subscription, paced, get no 429 (unpaced they would)', async () => {
    expect(await refusedWhenPaced(ARM_READS_PER_SUBSCRIPTION, SUB_PATH, 5_000)).toBe(0);
    expect(await refusedWhenPaced([{ count: 1_000, windowMs: 1_000 }], SUB_PATH, 5_000)).toBeGreaterThan(0);
  });

  test('100 Resource Graph pages, paced, get no 429', async () => {
    expect(await refusedWhenPaced(GRAPH_QUERIES, GRAPH_PATH, 100)).toBe(0);
  });
});
