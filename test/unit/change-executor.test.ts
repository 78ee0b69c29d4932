import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logging/logger';
import { ApprovalService } from '../../src/services/approval-service';
import { AuditLog } from '../../src/services/audit-log';
import { ChangeExecutor, type ChangeRunner } from '../../src/services/change-executor';
import { LeaseStore } from '../../src/services/lease-store';
import { FileStore } from '../../src/storage/file-store';
import type { KeyValueStore } from '../../src/storage/store';
import { StoreConflictError } from '../../src/storage/store';
import { waitFor } from '../helpers/wait-for';

const logger = createLogger('silent');
const REQUESTER = { aadObjectId: 'aaaa', name: 'Alex' };
const APPROVER = { aadObjectId: 'bbbb', name: 'Megan' };
const SUBSCRIPTION = { id: 'sub-1', name: 'Prod' };
const notifier = { approvalChanged: async () => undefined };

/** Two "instances": separate executors over one shared store, as two bot processes over Blob storage. */
async function setUp() {
  const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'executor-')));
  // A clock the test moves on, so lease expiry needs no sleeping.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const advance = (ms: number) => (offsetMs += ms);
  const approvals = new ApprovalService(store, new AuditLog(store, clock), clock, {
    approverIds: ['bbbb'],
    approvalsRequired: 1,
    ttlHours: 1,
  });
  const approval = await approvals.request(
    { kind: 'setPlan', planId: 'P2', fromTier: 'Standard' },
    SUBSCRIPTION,
    REQUESTER,
  );
  const { approval: approved } = await approvals.decide(approval.id, APPROVER, 'approve');
  return { approvals, approved, store, leases: new LeaseStore(store, clock), advance };
}

/** What an instance that claimed the change and then died leaves behind: a running approval and its lease. */
async function diedWhileRunning(
  approvals: ApprovalService,
  leases: LeaseStore,
  id: string,
  instance: string,
  leaseMs: number,
) {
  expect(await leases.acquire(`changes/${id}`, { instance, process: 'dead-process' }, leaseMs)).toBe(true);
  expect(await approvals.move(id, 'approved', 'running')).toBeDefined();
}

function blockingRunner() {
  let runs = 0;
  let release: () => void = () => undefined;
  const runner: ChangeRunner = async (_approval, signal) => {
    runs++;
    await new Promise<void>((resolve, reject) => {
      release = resolve;
      signal.addEventListener('abort', () => reject(signal.reason as Error));
    });
    return { outcome: 'done' };
  };
  return { runner, runs: () => runs, release: () => release() };
}

describe('running approved changes across instances', () => {
  test('a change another live instance is running is not taken over by a restarting instance', async () => {
    const { approvals, approved, leases } = await setUp();
    const first = blockingRunner();
    const a = new ChangeExecutor(approvals, leases, { setPlan: first.runner }, notifier, logger, {
      instanceId: 'a',
      leaseMs: 200,
    });
    a.start(approved);
    await waitFor(() => first.runs() === 1, 2_000, 'instance a to start');

    const second = blockingRunner();
    const b = new ChangeExecutor(approvals, leases, { setPlan: second.runner }, notifier, logger, {
      instanceId: 'b',
      leaseMs: 200,
    });
    for (let i = 0; i < 5; i++) {
      await b.resume(); // a keeps renewing its lease (every ~70 ms), so b must keep its hands off
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(second.runs()).toBe(0);
    first.release();
    await a.idle();
    expect((await approvals.get(approved.id))?.state).toBe('succeeded');
    await Promise.all([a.stop(), b.stop()]);
  });

  test('a change whose instance died is taken over once its lease expires, and finished exactly once', async () => {
    const { approvals, approved, leases, advance } = await setUp();
    // Instance a claims the change and "dies": nothing renews its lease any more.
    await diedWhileRunning(approvals, leases, approved.id, 'a', 150);

    let runs = 0;
    const runner: ChangeRunner = async () => {
      runs++;
      return { outcome: 'Plan 2 is now active' };
    };
    const b = new ChangeExecutor(approvals, leases, { setPlan: runner }, notifier, logger, {
      instanceId: 'b',
      leaseMs: 150,
    });
    const c = new ChangeExecutor(approvals, leases, { setPlan: runner }, notifier, logger, {
      instanceId: 'c',
      leaseMs: 150,
    });
    await Promise.all([b.resume(), c.resume()]);
    expect(runs).toBe(0); // the lease is still fresh

    advance(200);
    await Promise.all([b.resume(), c.resume()]);
    await Promise.all([b.idle(), c.idle()]);
    expect(runs).toBe(1);
    expect(await approvals.get(approved.id)).toMatchObject({ state: 'succeeded', outcome: 'Plan 2 is now active' });
  });

  test('a restarted instance resumes its own running change at once, without waiting for its lease', async () => {
    const { approvals, approved, leases } = await setUp();
    await diedWhileRunning(approvals, leases, approved.id, 'host-1:3978/1a2b3c4d', 3_600_000); // then killed
    let runs = 0;
    const runner: ChangeRunner = async () => {
      runs++;
      return { outcome: 'done' };
    };
    const restarted = new ChangeExecutor(approvals, leases, { setPlan: runner }, notifier, logger, {
      instanceId: 'host-1:3978/1a2b3c4d',
    });
    await restarted.resume();
    await restarted.idle();
    expect(runs).toBe(1);
    expect((await approvals.get(approved.id))?.state).toBe('succeeded');
  });

  test('resume sweeps read only unfinished approvals: a finished one drops out of the open index', async () => {
    const { approvals, approved, store, leases } = await setUp();
    expect(await store.list('approvals-open/')).toEqual([`approvals-open/${approved.id}`]);
    const runner: ChangeRunner = async () => ({ outcome: 'done' });
    const executor = new ChangeExecutor(approvals, leases, { setPlan: runner }, notifier, logger);
    await executor.resume();
    await executor.idle();
    expect((await approvals.get(approved.id))?.state).toBe('succeeded');
    await executor.resume(); // sees it finished and removes its marker
    expect(await store.list('approvals-open/')).toEqual([]);
    expect(await store.list('approvals/')).toEqual([`approvals/${approved.id}`]); // the record itself stays
  });

  test('a resume sweep while a change is starting does not start it a second time in the same process', async () => {
    const { approvals, approved, leases } = await setUp();
    let runs = 0;
    const runner: ChangeRunner = async () => {
      runs++;
      return { outcome: 'done' };
    };
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The "Applying the change…" card update is slow: the change sits between its start and its runner.
    let notified = 0;
    const slowNotifier = {
      approvalChanged: () => {
        notified++;
        return gate;
      },
    };
    const executor = new ChangeExecutor(approvals, leases, { setPlan: runner }, slowNotifier, logger, {
      instanceId: 'host-1:3978/1a2b3c4d',
    });
    executor.start(approved);
    await waitFor(() => notified === 1, 2_000, 'the change to start');
    await executor.resume(); // the minute's sweep, right then
    await waitFor(() => notified >= 2 || runs > 0, 300, 'a second start').catch(() => undefined);
    openGate();
    await executor.idle();
    expect(runs).toBe(1);
    await executor.stop();
  });
});

describe('leases', () => {
  test('a renewal that loses a write race re-reads the lease and keeps it while it is still ours', async () => {
    const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'lease-')));
    let conflicts = 1;
    // The first conditional write fails as if someone had written in between (e.g. a progress write in the old design).
    const racing: KeyValueStore = {
      get: (key) => store.get(key),
      delete: (key) => store.delete(key),
      list: (prefix) => store.list(prefix),
      put: async (key, value, condition) => {
        if (condition && 'ifMatch' in condition && conflicts-- > 0) throw new StoreConflictError(key);
        return store.put(key, value, condition);
      },
    };
    const leases = new LeaseStore(racing, () => new Date());
    const me = { instance: 'a', process: 'p1' };
    expect(await leases.acquire('changes/x', me, 60_000)).toBe(true);
    expect(await leases.renew('changes/x', me, 60_000)).toBe(true);
    expect(conflicts).toBe(-1); // the conflict did happen
    expect(await leases.renew('changes/x', { instance: 'b', process: 'p2' }, 60_000)).toBe(false);
  });

  test('a live lease is refused to another instance, given to a later process of the same instance', async () => {
    const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'lease-')));
    const leases = new LeaseStore(store, () => new Date());
    expect(await leases.acquire('l', { instance: 'a', process: 'p1' }, 60_000)).toBe(true);
    expect(await leases.acquire('l', { instance: 'b', process: 'p2' }, 60_000)).toBe(false);
    expect(await leases.acquire('l', { instance: 'a', process: 'p3' }, 60_000)).toBe(true);
    expect(await leases.renew('l', { instance: 'a', process: 'p1' }, 60_000)).toBe(false); // p1 is gone
  });
});
