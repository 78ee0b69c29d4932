import { KeyedLimiter, SlidingWindowLimiter, type LimiterClock } from '../../src/util/rate-limiter';

/** A clock that only moves when the limiter sleeps, recording each wait. */
function fakeClock(): LimiterClock & { t: number; waits: number[] } {
  const clock = {
    t: 0,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('sliding-window rate limiter', () => {
  test('7 sends a second: the 8th waits until the first leaves the window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter([{ count: 7, windowMs: 1_000 }], clock);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      await limiter.acquire();
      times.push(clock.t);
    }
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times.slice(7, 14)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(times[14]).toBe(2000);
  });

  test('every window holds at once: 7 a second but only 10 per 30 seconds', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(
      [
        { count: 7, windowMs: 1_000 },
        { count: 10, windowMs: 30_000 },
      ],
      clock,
    );
    for (let i = 0; i < 11; i++) await limiter.acquire();
    // 7 at 0 ms, 3 at 1,000 ms, then the 11th waits for the first to leave the 30 s window.
    expect(clock.t).toBe(30_000);
  });

  test('concurrent callers are served in order, never more than the limit in any window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter([{ count: 2, windowMs: 100 }], clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  test('limits are per key: a busy conversation does not slow down another', async () => {
    const clock = fakeClock();
    const limiter = new KeyedLimiter([{ count: 1, windowMs: 1_000 }], clock);
    await limiter.acquire('a');
    await limiter.acquire('b');
    expect(clock.t).toBe(0);
    await limiter.acquire('a');
    expect(clock.t).toBe(1_000);
  });
});
