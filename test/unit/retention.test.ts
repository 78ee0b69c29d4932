import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { UsageAlert } from '../../src/domain/alerts';
import { createLogger } from '../../src/logging/logger';
import { AlertOutbox } from '../../src/services/alert-outbox';
import { AuditLog } from '../../src/services/audit-log';
import { Retention } from '../../src/services/retention';
import { FileStore } from '../../src/storage/file-store';

const SUB = '11111111-1111-4111-8111-111111111111';
const alertIn = (month: string): UsageAlert =>
  ({
    id: `${SUB}/${month}/P1-1000000/pct-80`,
    subscriptionId: SUB,
    month,
    level: { kind: 'threshold', percent: 80 },
  }) as UsageAlert;

describe('retention: history past its limit is deleted, the rest stays', () => {
  test('audit entries older than AUDIT_RETENTION_DAYS go; newer ones and "audit" stay', async () => {
    const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'retention-')));
    let now = new Date('2026-08-15T12:00:00Z');
    const audit = new AuditLog(store, () => now);
    const entry = {
      actor: { name: 'x' },
      action: 'alert.sent' as const,
      target: 't',
      outcome: 'ok',
      correlationId: 'c',
    };
    await audit.append(entry); // Aug 15
    now = new Date('2026-10-01T00:00:00Z');
    await audit.append(entry); // Oct 1
    now = new Date('2026-11-20T00:00:00Z');
    const retention = new Retention(
      store,
      () => now,
      { auditRetentionDays: 60, alertRetentionDays: 93 },
      createLogger('silent'),
    );
    expect((await retention.prune()).audit).toBe(1);
    expect(await store.list('audit/')).toEqual([expect.stringMatching(/^audit\/2026-10\/2026-10-01T00:00:00/)]);
  });

  test('alert claims of months past ALERT_RETENTION_DAYS go with their deliveries; recent ones stay', async () => {
    const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'retention-')));
    const outbox = new AlertOutbox(store);
    for (const month of ['2026-06', '2026-07', '2026-10', '2026-11']) {
      const claim = await outbox.claim(alertIn(month), ['c1'], new Date(`${month}-20T00:00:00Z`));
      await outbox.startAttempt(claim!.value.alert.id, 'c1', undefined, new Date(`${month}-20T00:00:00Z`));
    }
    const now = new Date('2026-11-20T00:00:00Z'); // 93 days back: Aug 19, so June and July are whole months past it
    const retention = new Retention(
      store,
      () => now,
      { auditRetentionDays: 400, alertRetentionDays: 93 },
      createLogger('silent'),
    );
    expect((await retention.prune()).claims).toBe(2);
    const months = (await store.list('alerts/claims/')).map((k) => k.split('/')[3]);
    expect(months).toEqual(['2026-10', '2026-11']);
    expect((await store.list('alerts/deliveries/')).map((k) => k.split('/')[3])).toEqual(['2026-10', '2026-11']);
  });
});
