import { KeyedSemaphore, Semaphore } from '../../src/util/concurrency';

/** A task the test finishes by hand, so no timers are involved. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('Semaphore', () => {
  test('runs at most `limit` tasks at once, the others in arrival order, and frees slots on failure too', async () => {
    const semaphore = new Semaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      semaphore.run(async () => {
        started.push(i);
        await g.opened;
        if (i === 0) throw new Error('task 0 failed');
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]?.open();
    await expect(runs[0]).rejects.toThrow('task 0 failed');
    expect(started).toEqual([0, 1, 2]);
    gates[2]?.open();
    await expect(runs[2]).resolves.toBe(2);
    expect(started).toEqual([0, 1, 2, 3]);
    gates[1]?.open();
    gates[3]?.open();
    await expect(Promise.all(runs.slice(1))).resolves.toEqual([1, 2, 3]);
  });
});

describe('KeyedSemaphore', () => {
  test('holds the limit per key across separate callers, keys side by side, and forgets a key once idle', async () => {
    const semaphore = new KeyedSemaphore(1);
    const [g0, g1, g2] = [gate(), gate(), gate()];
    const started: string[] = [];
    const task = (name: string, g: ReturnType<typeof gate>) => async () => {
      started.push(name);
      await g.opened;
    };
    // Two callers of key "a" (as two requestTotals calls for the same subscription and region would be), one of "b".
    const a1 = semaphore.run('a', task('a1', g0));
    const a2 = semaphore.run('a', task('a2', g1));
    const b1 = semaphore.run('b', task('b1', g2));
    await Promise.resolve();
    expect(started).toEqual(['a1', 'b1']);
    g0.open();
    await a1;
    expect(started).toEqual(['a1', 'b1', 'a2']);
    g1.open();
    g2.open();
    await Promise.all([a2, b1]);
    expect(semaphore.size).toBe(0);
  });
});
