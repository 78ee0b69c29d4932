import { createLogger } from '../../src/logging/logger';
import { AlertScheduler } from '../../src/services/alert-scheduler';
import { settle, waitFor } from '../helpers/wait-for';

const logger = createLogger('silent');

describe('the alert timer', () => {
  test('a failing sweep is logged and the next one still runs', async () => {
    let runs = 0;
    const scheduler = new AlertScheduler(
      async () => {
        runs++;
        throw new Error('storage unavailable');
      },
      { intervalMs: 10, firstDelayMs: 5 },
      logger,
    );
    scheduler.start();
    await waitFor(() => runs >= 3, 2_000, 'three sweeps');
    await scheduler.stop();
  });

  test('stop() waits for a running sweep, signals it to stop, and no sweep starts afterwards', async () => {
    let runs = 0;
    let finished = false;
    let aborted = false;
    let release: () => void = () => undefined;
    const scheduler = new AlertScheduler(
      async (signal) => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
        aborted = signal.aborted;
        finished = true;
      },
      { intervalMs: 10, firstDelayMs: 5 },
      logger,
    );
    scheduler.start();
    await waitFor(() => runs === 1, 2_000, 'the first sweep to start');
    const stopped = scheduler.stop();
    await settle(30);
    expect(finished).toBe(false); // stop() is still waiting
    release();
    await stopped;
    expect(finished).toBe(true);
    expect(aborted).toBe(true);
    await settle(50);
    expect(runs).toBe(1);
  });

  test('the first sweep runs after the first delay, not a whole interval', async () => {
    let runs = 0;
    const scheduler = new AlertScheduler(async () => void runs++, { intervalMs: 60_000, firstDelayMs: 10 }, logger);
    scheduler.start();
    await waitFor(() => runs === 1, 2_000, 'the first sweep');
    await scheduler.stop();
  });

  test('a new subscriber brings the next sweep forward instead of waiting a whole interval', async () => {
    let runs = 0;
    const scheduler = new AlertScheduler(
      async () => {
        runs++;
      },
      { intervalMs: 3_600_000, firstDelayMs: 3_600_000 },
      logger,
    );
    scheduler.start();
    await settle(30);
    expect(runs).toBe(0);
    scheduler.soon(10);
    await waitFor(() => runs === 1, 2_000, 'the early sweep');
    await scheduler.stop();
  });
});
