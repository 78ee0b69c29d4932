import { alertOf, levelsToAlert } from '../../src/services/alert-checker';
import { OUTBOX_DRAIN_MS, SENDING_LEASE_MS } from '../../src/services/alert-delivery';
import { AlertWorld, address, ALEX, CHANNEL, CHAT, FakeNotifier, SUB } from '../helpers/alert-fixtures';

async function subscribe(world: AlertWorld, conversationId = CHANNEL) {
  await world.instance().service.turnOn(address(conversationId), world.azure.subscription, ALEX);
}

describe('which levels fire', () => {
  test('95 % of Plan 1 on Nov 20 fires 80 % and "projected to exceed", not 100 %', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 950_000;
    const status = await world.instance().status.status(world.azure.subscription);
    expect(levelsToAlert(status, [80, 100])).toEqual([{ kind: 'threshold', percent: 80 }, { kind: 'projected' }]);
  });

  test('a Free subscription is checked against Plan 1, the plan enabling would apply', async () => {
    const world = await AlertWorld.create();
    world.azure.plan = { tier: 'Free' };
    world.azure.monthToDate = 850_000;
    const status = await world.instance().status.status(world.azure.subscription);
    const alert = alertOf(status, { kind: 'threshold', percent: 80 });
    expect(alert).toMatchObject({
      tier: 'Free',
      entitlementPlanId: 'P1',
      entitlement: 1_000_000,
      monthToDate: 850_000,
    });
    expect(alert.id).toBe(`${SUB}/2026-11/P1-1000000/pct-80`);
  });

  test('Plan 2 has its own entitlement: 4,500,000 is 90 % of it', async () => {
    const world = await AlertWorld.create();
    world.azure.plan = { tier: 'Standard', planId: 'P2' };
    world.azure.monthToDate = 4_500_000;
    world.at('2026-11-30T00:00:00Z');
    const status = await world.instance().status.status(world.azure.subscription);
    expect(levelsToAlert(status, [80, 100])).toEqual([{ kind: 'threshold', percent: 80 }]);
  });

  test('"projected to exceed" waits for the first day of the month to pass (a few hours project mostly noise)', async () => {
    const world = await AlertWorld.create();
    world.at('2026-12-01T06:00:00Z');
    world.azure.monthToDate = 10_000; // × 124 quarter-days → 1,240,000 projected
    const status = await world.instance().status.status(world.azure.subscription);
    expect(levelsToAlert(status, [80, 100])).toEqual([]);
    world.at('2026-12-02T00:00:00Z');
    world.azure.monthToDate = 40_000;
    const later = await world.instance().status.status(world.azure.subscription);
    expect(levelsToAlert(later, [80, 100])).toEqual([{ kind: 'projected' }]);
  });
});

describe('each level fires once per subscription and UTC month', () => {
  test('one alert per level, and no repeat on later sweeps', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 950_000;
    await subscribe(world);
    const { checker, notifier } = world.instance();
    await checker.sweep();
    await checker.sweep();
    world.advance(3_600_000);
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`, `${CHANNEL} 2026-11/projected`]);
  });

  test('a level reached later in the month fires then, once', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 850_000;
    world.at('2026-11-28T00:00:00Z');
    await subscribe(world);
    const { checker, notifier } = world.instance();
    await checker.sweep();
    world.azure.monthToDate = 1_000_000;
    world.advance(86_400_000);
    await checker.sweep();
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`, `${CHANNEL} 2026-11/pct-100`]);
  });

  test('a restart (a new instance on the same storage) does not repeat them', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 950_000;
    await subscribe(world);
    await world.instance().checker.sweep();
    const restarted = world.instance();
    await restarted.checker.sweep();
    expect(restarted.notifier.sent).toEqual([]);
  });

  test('two instances sweeping at the same time on one storage send each level exactly once', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 850_000;
    await subscribe(world);
    const [a, b] = [world.instance(), world.instance()];
    await Promise.all([a.checker.sweep(), b.checker.sweep(), a.checker.sweep(), b.checker.sweep()]);
    world.azure.monthToDate = 1_200_000;
    await Promise.all([a.checker.sweep(), b.checker.sweep(), a.checker.sweep(), b.checker.sweep()]);
    expect([...a.notifier.levels(), ...b.notifier.levels()].sort()).toEqual([
      `${CHANNEL} 2026-11/pct-100`,
      `${CHANNEL} 2026-11/pct-80`,
      `${CHANNEL} 2026-11/projected`,
    ]);
  });

  test('usage first seen at 1,037 % posts one card, the highest level, and the lower one never follows', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 10_370_000;
    await subscribe(world);
    const { checker, notifier, outbox } = world.instance();
    await checker.sweep();
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-100`]);
    // The 80 % level is claimed as covered (nobody told), so it cannot fire later this month.
    expect((await outbox.getClaim(`${SUB}/2026-11/P1-1000000/pct-80`))?.value).toMatchObject({
      recipients: [],
      state: 'done',
    });
  });

  test("a mid-month switch from Plan 1 to Plan 2 gets Plan 2's alerts that month", async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 1_100_000; // 110 % of Plan 1
    await subscribe(world);
    const { checker, notifier } = world.instance();
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-100`]);
    world.azure.plan = { tier: 'Standard', planId: 'P2' }; // 5,000,000 included calls
    world.azure.monthToDate = 4_100_000; // 82 % of Plan 2
    await checker.sweep();
    world.azure.monthToDate = 5_200_000;
    await checker.sweep();
    await checker.sweep();
    expect(notifier.sent.map((s) => s.alert.id.split('/').slice(2).join('/'))).toEqual([
      'P1-1000000/pct-100',
      'P2-5000000/pct-80',
      'P2-5000000/projected', // 4.1M by Nov 20 projects past 5M by month end
      'P2-5000000/pct-100',
    ]);
  });

  test('the next month starts afresh: the same levels fire again in December', async () => {
    const world = await AlertWorld.create();
    world.at('2026-11-30T22:00:00Z');
    world.azure.monthToDate = 900_000;
    await subscribe(world);
    const { checker, notifier } = world.instance();
    await checker.sweep();
    world.at('2026-12-20T00:00:00Z');
    world.azure.monthToDate = 850_000;
    await checker.sweep();
    expect(notifier.levels()).toEqual([
      `${CHANNEL} 2026-11/pct-80`,
      `${CHANNEL} 2026-12/pct-80`,
      `${CHANNEL} 2026-12/projected`,
    ]);
  });

  test('the claim freezes the alert: a chat subscribing after a level fired does not get it this month', async () => {
    const world = await AlertWorld.create();
    world.at('2026-11-28T00:00:00Z');
    world.azure.monthToDate = 850_000;
    await subscribe(world, CHANNEL);
    const { checker, notifier, outbox } = world.instance();
    await checker.sweep();
    world.azure.monthToDate = 900_000;
    await subscribe(world, CHAT);
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`]);
    const claim = await outbox.getClaim(`${SUB}/2026-11/P1-1000000/pct-80`);
    expect(claim?.value).toMatchObject({ recipients: [CHANNEL], state: 'done', alert: { monthToDate: 850_000 } });
  });

  test('every conversation watching the subscription gets the alert', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 1_000_000;
    world.at('2026-11-30T00:00:00Z');
    await subscribe(world, CHANNEL);
    await subscribe(world, CHAT);
    const { checker, notifier } = world.instance();
    await checker.sweep();
    // 100 % reached at the first look: one card (the highest level) per conversation.
    expect(notifier.levels().sort()).toEqual([`${CHANNEL} 2026-11/pct-100`, `${CHAT} 2026-11/pct-100`]);
  });

  test('a subscription Azure cannot be read for is skipped and the sweep carries on', async () => {
    const world = await AlertWorld.create();
    world.azure.failing = true;
    await subscribe(world).catch(() => undefined); // turnOn refuses too: nothing stored
    expect(await world.instance().subscriptions.all()).toEqual([]);
    world.azure.failing = false;
    world.azure.monthToDate = 900_000;
    await subscribe(world);
    world.azure.failing = true;
    await expect(world.instance().checker.sweep()).resolves.toBeUndefined();
  });
});

describe('the outbox: decided alerts survive a crash', () => {
  test('a claim written before a crash (nothing sent) is delivered by the next sweep after restart', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 850_000;
    await subscribe(world);
    const crashed = world.instance();
    const status = await crashed.status.status(world.azure.subscription);
    await crashed.outbox.claim(alertOf(status, { kind: 'threshold', percent: 80 }), [CHANNEL], world.now); // then "crash"
    const restarted = world.instance();
    await restarted.checker.sweep();
    expect(restarted.notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`, `${CHANNEL} 2026-11/projected`]);
    await world.instance().checker.sweep();
    expect((await world.instance().outbox.pendingClaims(world.now)).length).toBe(0);
  });

  test('a send that died in flight is retried only once its lease has expired (at-least-once)', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 850_000;
    world.at('2026-11-30T00:00:00Z');
    await subscribe(world);
    const crashed = world.instance();
    const status = await crashed.status.status(world.azure.subscription);
    const alert = alertOf(status, { kind: 'threshold', percent: 80 });
    await crashed.outbox.claim(alert, [CHANNEL], world.now);
    await crashed.outbox.startAttempt(alert.id, CHANNEL, undefined, world.now); // "sending", then crash
    const restarted = world.instance(new FakeNotifier());
    await restarted.checker.drain();
    expect(restarted.notifier.sent).toEqual([]);
    world.advance(SENDING_LEASE_MS);
    await restarted.checker.drain();
    expect(restarted.notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`]);
    // The lease plus one drain interval: a dead instance's send is taken up again within a minute.
    expect(SENDING_LEASE_MS + OUTBOX_DRAIN_MS).toBeLessThanOrEqual(60_000);
  });

  test('a pending claim written before the open-claims index existed is still delivered', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 850_000;
    world.at('2026-11-30T00:00:00Z');
    await subscribe(world);
    const old = world.instance();
    const status = await old.status.status(world.azure.subscription);
    const alert = alertOf(status, { kind: 'threshold', percent: 80 });
    // As the previous version wrote it: the claim alone, no index markers.
    await world.store.put(`alerts/claims/${alert.id}`, {
      alert,
      recipients: [CHANNEL],
      state: 'pending',
      claimedAt: world.now.toISOString(),
    });
    const upgraded = world.instance();
    await upgraded.checker.drain();
    expect(upgraded.notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`]);
  });
});

describe('a subscription whose Azure never answers', () => {
  test('times out on its own and the sweep goes on to the other subscriptions', async () => {
    const world = await AlertWorld.create();
    world.azure.monthToDate = 950_000;
    const stuck = { id: '99999999-9999-4999-8999-999999999999', name: 'Stuck' };
    const { checker, notifier, service } = world.instance(new FakeNotifier(), [80, 100], 50);
    // The stuck subscription is watched first, so a sweep that waited for it would never reach the other.
    await service.turnOn(address(CHAT), stuck, ALEX);
    await subscribe(world, CHANNEL);
    world.azure.hanging.add(stuck.id);
    await checker.sweep();
    expect(notifier.levels()).toEqual([`${CHANNEL} 2026-11/pct-80`, `${CHANNEL} 2026-11/projected`]);
  });
});
