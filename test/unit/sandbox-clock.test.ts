import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { continuingClock } from '../../src/sandbox/time';

const SCENARIO_NOW = Date.parse('2026-11-20T00:00:00Z');

describe('the sandbox clock continues across restarts on the same data folder', () => {
  test('a clean restart continues where the last run stopped', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'clock-')), 'clock.json');
    let real = 1_000_000;
    const first = await continuingClock(file, SCENARIO_NOW, () => real);
    expect(first.nowMs()).toBe(SCENARIO_NOW);
    real += 3_600_000; // an hour of running
    const lastSeen = first.nowMs();
    await first.stop();
    const second = await continuingClock(file, SCENARIO_NOW, () => real);
    expect(second.nowMs()).toBeGreaterThanOrEqual(lastSeen);
    await second.stop();
  });

  test('after a kill (no stop), the next start is not earlier than anything the dead run handed out', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'clock-')), 'clock.json');
    let real = 1_000_000;
    const dead = await continuingClock(file, SCENARIO_NOW, () => real);
    real += 4_000; // less than the mark interval: the saved mark is the one written at start
    const lastSeen = dead.nowMs();
    // killed: stop() never runs
    const next = await continuingClock(file, SCENARIO_NOW, () => real);
    expect(next.nowMs()).toBeGreaterThanOrEqual(lastSeen);
    await next.stop();
    await dead.stop(); // only to clear its timer in this test process
  });
});
