/**
 * Benchmark: a background sweep's storage cost (the resume sweep's open approvals and the alert outbox drain)
 * against FileStore with 100 … 100,000 audit entries of history. The sweep reads only
 * what is open, so its time and its store calls should stay flat as history grows. Prints numbers; asserts nothing.
 * Run: npm run bench (BENCH_AUDIT_MAX=10000 for a quicker run).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApprovalService } from '../src/services/approval-service';
import { AlertOutbox } from '../src/services/alert-outbox';
import { AuditLog } from '../src/services/audit-log';
import { FileStore } from '../src/storage/file-store';
import type { KeyValueStore } from '../src/storage/store';

const SIZES = [100, 1_000, 10_000, 100_000].filter((n) => n <= Number(process.env.BENCH_AUDIT_MAX ?? 100_000));
const NOW = new Date('2026-11-20T00:00:00Z');
const OPEN_APPROVALS = 5;

/** Counts the calls a sweep makes, by kind. */
function counting(store: KeyValueStore) {
  const calls = { get: 0, put: 0, list: 0, listed: 0, delete: 0 };
  const wrapped: KeyValueStore = {
    get: (k) => (calls.get++, store.get(k)),
    put: (k, v, c) => (calls.put++, store.put(k, v, c)),
    delete: (k) => (calls.delete++, store.delete(k)),
    list: async (p) => {
      calls.list++;
      const keys = await store.list(p);
      calls.listed += keys.length;
      return keys;
    },
  };
  return { wrapped, calls };
}

/** Writes `count` audit entries spread over the last 12 months straight to files (FileStore's layout), fast. */
async function writeHistory(root: string, count: number): Promise<void> {
  const perMonth = Math.ceil(count / 12);
  let written = 0;
  for (let back = 11; back >= 0 && written < count; back--) {
    const month = new Date(Date.UTC(2026, 10 - back, 1)).toISOString().slice(0, 7);
    const dir = path.join(root, 'audit', month);
    await mkdir(dir, { recursive: true });
    const batch: Promise<void>[] = [];
    for (let i = 0; i < perMonth && written < count; i++, written++) {
      const time = `${month}-01T00:00:00.${String(i % 1000).padStart(3, '0')}Z`;
      const name = encodeURIComponent(`${time}-${String(i).padStart(8, '0')}`).replace(/\./g, '%2E');
      const entry = {
        time,
        actor: { name: 'bench' },
        action: 'alert.sent',
        target: 't',
        outcome: 'ok',
        correlationId: 'c',
      };
      batch.push(writeFile(path.join(dir, `${name}.json`), JSON.stringify(entry)));
      if (batch.length >= 256) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
  }
}

async function run(auditEntries: number): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-sweep-'));
  await writeHistory(root, auditEntries);
  const store = new FileStore(root);
  const clock = () => NOW;
  const approvals = new ApprovalService(store, new AuditLog(store, clock), clock, {
    approverIds: ['bbbb'],
    approvalsRequired: 1,
    ttlHours: 24,
  });
  for (let i = 0; i < OPEN_APPROVALS; i++)
    await approvals.request(
      { kind: 'setPlan', planId: 'P2', fromTier: 'Standard' },
      { id: 's', name: 'S' },
      {
        aadObjectId: 'aaaa',
        name: 'A',
      },
    );

  const { wrapped, calls } = counting(store);
  const sweepApprovals = new ApprovalService(wrapped, new AuditLog(wrapped, clock), clock, approvals.policy);
  const outbox = new AlertOutbox(wrapped);
  const rounds = 5;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    await sweepApprovals.inStates(['approved', 'running']);
    await outbox.pendingClaims(NOW);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
  console.log(
    `${String(auditEntries).padStart(7)} audit entries: sweep ${ms.toFixed(1).padStart(7)} ms,` +
      ` store calls per sweep: ${calls.get / rounds} get, ${calls.list / rounds} list (${calls.listed / rounds} keys listed)`,
  );
}

async function main(): Promise<void> {
  console.log('Background sweep (open approvals + alert outbox) vs. audit history size:');
  for (const size of SIZES) await run(size);
}

void main();
