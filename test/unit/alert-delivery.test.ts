import { MAX_ATTEMPTS } from '../../src/services/alert-delivery';
import { SNOOZE_MS } from '../../src/services/alert-card-actions';
import { AlertWorld, address, ALEX, CHANNEL, CHAT, FakeNotifier, SUB } from '../helpers/alert-fixtures';

/** 85 % of Plan 1 on Nov 30: exactly one level (80 %) fires. */
async function world85(...conversations: string[]) {
  const world = await AlertWorld.create();
  world.at('2026-11-30T00:00:00Z');
  world.azure.monthToDate = 850_000;
  for (const c of conversations.length > 0 ? conversations : [CHANNEL])
    await world.instance().service.turnOn(address(c), world.azure.subscription, ALEX);
  return world;
}
const ALERT_80 = `${SUB}/2026-11/P1-1000000/pct-80`;

describe('snooze', () => {
  test('a snoozed conversation is skipped and recorded, other conversations still get the alert', async () => {
    const world = await world85(CHANNEL, CHAT);
    const { checker, notifier, subscriptions, outbox } = world.instance();
    await subscriptions.snooze(CHANNEL, SUB, new Date(world.now.getTime() + SNOOZE_MS), ALEX);
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHAT} 2026-11/pct-80`]);
    expect((await outbox.getDelivery(ALERT_80, CHANNEL))?.value).toMatchObject({ state: 'skipped' });
    expect((await outbox.getDelivery(ALERT_80, CHANNEL))?.value.reason).toMatch(/^snoozed until 2026-12-01T00:00:00/);
  });

  test('a level skipped while snoozed is not delivered after the snooze ends', async () => {
    const world = await world85();
    world.at('2026-11-28T00:00:00Z'); // 85 %, projected 944,444: only 80 % fires, and the snooze ends in November
    const { checker, notifier, subscriptions } = world.instance();
    await subscriptions.snooze(CHANNEL, SUB, new Date(world.now.getTime() + SNOOZE_MS), ALEX);
    await checker.sweep();
    world.advance(SNOOZE_MS + 60_000);
    await checker.sweep();
    expect(notifier.sent).toEqual([]);
  });

  test('levels reached after the snooze ends are delivered again', async () => {
    const world = await world85();
    const { checker, notifier, subscriptions } = world.instance();
    world.at('2026-11-29T00:00:00Z');
    await subscriptions.snooze(CHANNEL, SUB, new Date(world.now.getTime() + SNOOZE_MS), ALEX);
    await checker.sweep();
    world.at('2026-11-30T12:00:00Z');
    world.azure.monthToDate = 1_100_000;
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-100`]);
  });
});

describe('delivery outcomes', () => {
  test('throttling that outlasted the in-call retries is deferred to a later sweep, honouring Retry-After', async () => {
    const world = await world85();
    const notifier = new FakeNotifier();
    notifier.outcomes.push({ kind: 'retryLater', status: 429, retryAfterMs: 120_000, detail: 'HTTP 429' });
    const { checker, outbox } = world.instance(notifier);
    await checker.sweep();
    const deferred = (await outbox.getDelivery(ALERT_80, CHANNEL))?.value;
    expect(deferred).toMatchObject({ state: 'deferred', attempts: 1, nextAttemptAt: '2026-11-30T00:02:00.000Z' });
    world.advance(60_000);
    await checker.sweep();
    expect(notifier.sent).toEqual([]); // not before Retry-After
    world.advance(60_000);
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`]);
    expect((await outbox.getDelivery(ALERT_80, CHANNEL))?.value).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(await outbox.pendingClaims(world.now)).toEqual([]);
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the alert is given up there, logged and audited`, async () => {
    const world = await world85();
    const notifier = new FakeNotifier();
    for (let i = 0; i < MAX_ATTEMPTS; i++)
      notifier.outcomes.push({ kind: 'retryLater', status: 502, detail: 'HTTP 502' });
    const { checker, outbox } = world.instance(notifier);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await checker.sweep();
      world.advance(20 * 60_000);
    }
    expect((await outbox.getDelivery(ALERT_80, CHANNEL))?.value).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
    });
    expect(notifier.sent).toEqual([]);
    const audit = await world.auditEntries();
    expect(audit.filter((e) => e.action === 'alert.sent').map((e) => e.outcome)).toEqual([
      expect.stringMatching(/^failed: gave up after 5 attempts/),
    ]);
  });

  test('403 (bot removed or blocked) drops the conversation’s alert subscription and audits it', async () => {
    const world = await world85(CHANNEL, CHAT);
    const notifier = new FakeNotifier();
    notifier.outcomesFor.set(CHANNEL, [{ kind: 'gone', status: 403, detail: 'HTTP 403' }]);
    const { checker, subscriptions } = world.instance(notifier);
    await checker.sweep();
    expect((await subscriptions.all()).map((s) => s.conversationId)).toEqual([CHAT]);
    expect(notifier.levels()).toEqual([`${CHAT} 2026-11/pct-80`]);
    const dropped = (await world.auditEntries()).filter((e) => e.action === 'alert.dropped');
    expect(dropped).toEqual([
      expect.objectContaining({ subscriptionId: SUB, outcome: 'dropped: HTTP 403', correlationId: ALERT_80 }),
    ]);
    expect(dropped[0]?.target).toMatch(/^conversation /);
  });

  test('a conversation that turned alerts off after the level fired is skipped', async () => {
    const world = await world85();
    const notifier = new FakeNotifier();
    notifier.outcomes.push({ kind: 'retryLater', status: 504, detail: 'HTTP 504' });
    const { checker, service, outbox } = world.instance(notifier);
    await checker.sweep();
    await service.turnOff(CHANNEL, ALEX);
    world.advance(60 * 60_000);
    await checker.sweep();
    expect(notifier.sent).toEqual([]);
    expect((await outbox.getDelivery(ALERT_80, CHANNEL))?.value).toMatchObject({
      state: 'skipped',
      reason: 'alerts turned off',
    });
  });

  test('delivered alerts are audited as sent', async () => {
    const world = await world85();
    await world.instance().checker.sweep();
    const entries = await world.auditEntries(); // same instant on the frozen clock: order is not defined
    expect(entries.map((e) => `${e.action} ${e.outcome}`).sort()).toEqual(['alert.sent ok', 'alerts.subscribed ok']);
  });
});
