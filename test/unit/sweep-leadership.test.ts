import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logging/logger';
import { LeaseStore } from '../../src/services/lease-store';
import { SweepLeadership } from '../../src/services/sweep-leadership';
import { FileStore } from '../../src/storage/file-store';

const logger = createLogger('silent');

async function twoInstances(leaseMs: number) {
  const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'leader-')));
  let now = Date.parse('2026-11-20T00:00:00Z');
  const leases = new LeaseStore(store, () => new Date(now));
  const a = new SweepLeadership(leases, { instance: 'a', process: 'pa' }, leaseMs, logger);
  const b = new SweepLeadership(leases, { instance: 'b', process: 'pb' }, leaseMs, logger);
  return { a, b, advance: (ms: number) => (now += ms) };
}

describe('background sweeps run on one instance at a time', () => {
  test('while the leader keeps ticking, the other instance never sweeps', async () => {
    const { a, b, advance } = await twoInstances(40_000);
    let sweepsB = 0;
    expect(await a.lead()).toBe(true);
    for (let tick = 0; tick < 10; tick++) {
      advance(13_000);
      expect(await a.lead()).toBe(true);
      await b.ifLeader(async () => void sweepsB++);
    }
    expect(sweepsB).toBe(0);
  });

  test('when the leader dies, another instance takes over once its lease runs out (within a minute)', async () => {
    const { a, b, advance } = await twoInstances(40_000);
    expect(await a.lead()).toBe(true);
    // a dies here: nothing renews its lease. b ticks every 13 s.
    let waited = 0;
    while (!(await b.lead())) {
      advance(13_000);
      waited += 13_000;
    }
    expect(waited).toBeLessThanOrEqual(60_000);
    expect(await a.lead()).toBe(false); // a paused process coming back finds it taken
  });

  test('a graceful stop hands leadership over at the next tick', async () => {
    const { a, b } = await twoInstances(40_000);
    expect(await a.lead()).toBe(true);
    await a.resign();
    expect(await b.lead()).toBe(true);
  });
});
