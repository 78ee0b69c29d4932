import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Approval } from '../../src/domain/approval';
import { createLogger } from '../../src/logging/logger';
import { ApprovalService } from '../../src/services/approval-service';
import { AuditLog } from '../../src/services/audit-log';
import { ChangeExecutor, type ChangeRunner } from '../../src/services/change-executor';
import { FileStore } from '../../src/storage/file-store';
import { waitFor } from '../helpers/wait-for';

const logger = createLogger('silent');
const REQUESTER = { aadObjectId: 'aaaa', name: 'Alex' };
const APPROVER = { aadObjectId: 'bbbb', name: 'Megan' };
const SUBSCRIPTION = { id: 'sub-1', name: 'Prod' };
const notifier = { approvalChanged: async () => undefined };

/** Two "instances": separate executors over one shared store, as two bot processes over Blob storage. */
async function setUp() {
  const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'executor-')));
  const clock = () => new Date();
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
  return { approvals, approved, store };
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
    const { approvals, approved } = await setUp();
    const first = blockingRunner();
    const a = new ChangeExecutor(approvals, { setPlan: first.runner }, notifier, logger, {
      instanceId: 'a',
      leaseMs: 200,
    });
    a.start(approved);
    await waitFor(() => first.runs() === 1, 2_000, 'instance a to start');

    const second = blockingRunner();
    const b = new ChangeExecutor(approvals, { setPlan: second.runner }, notifier, logger, {
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
    const { approvals, approved } = await setUp();
    // Instance a claims the change and "dies": nothing renews its lease any more.
    const claimed = (await approvals.startRunning(approved.id, 'a', 150)) as Approval;
    expect(claimed.lease?.owner).toBe('a');

    let runs = 0;
    const runner: ChangeRunner = async () => {
      runs++;
      return { outcome: 'Plan 2 is now active' };
    };
    const b = new ChangeExecutor(approvals, { setPlan: runner }, notifier, logger, { instanceId: 'b', leaseMs: 150 });
    const c = new ChangeExecutor(approvals, { setPlan: runner }, notifier, logger, { instanceId: 'c', leaseMs: 150 });
    await Promise.all([b.resume(), c.resume()]);
    expect(runs).toBe(0); // the lease is still fresh

    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all([b.resume(), c.resume()]);
    await Promise.all([b.idle(), c.idle()]);
    expect(runs).toBe(1);
    expect(await approvals.get(approved.id)).toMatchObject({ state: 'succeeded', outcome: 'Plan 2 is now active' });
  });

  test('a restarted instance resumes its own running change at once, without waiting for its lease', async () => {
    const { approvals, approved } = await setUp();
    await approvals.startRunning(approved.id, 'host-1:3978', 3_600_000); // then the process was killed
    let runs = 0;
    const runner: ChangeRunner = async () => {
      runs++;
      return { outcome: 'done' };
    };
    const restarted = new ChangeExecutor(approvals, { setPlan: runner }, notifier, logger, {
      instanceId: 'host-1:3978',
    });
    await restarted.resume();
    await restarted.idle();
    expect(runs).toBe(1);
    expect((await approvals.get(approved.id))?.state).toBe('succeeded');
  });

  test('resume sweeps read only unfinished approvals: a finished one drops out of the open index', async () => {
    const { approvals, approved, store } = await setUp();
    expect(await store.list('approvals-open/')).toEqual([`approvals-open/${approved.id}`]);
    const runner: ChangeRunner = async () => ({ outcome: 'done' });
    const executor = new ChangeExecutor(approvals, { setPlan: runner }, notifier, logger);
    await executor.resume();
    await executor.idle();
    expect((await approvals.get(approved.id))?.state).toBe('succeeded');
    await executor.resume(); // sees it finished and removes its marker
    expect(await store.list('approvals-open/')).toEqual([]);
    expect(await store.list('approvals/')).toEqual([`approvals/${approved.id}`]); // the record itself stays
  });
});
