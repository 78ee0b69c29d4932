import { AlertCardActions } from '../../src/services/alert-card-actions';
import { renderCard } from '../../src/teams/cards/render';
import { usageAlertView } from '../../src/teams/cards/usage-alert-view';
import { usageAlertCard } from '../../src/teams/usage-alert-card';
import { alertOf } from '../../src/services/alert-checker';
import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { AlertWorld, address, ALEX, CHANNEL, CHAT, SUB } from '../helpers/alert-fixtures';

const BOB = { name: 'Bob Kelly', aadObjectId: '00000000-0000-4000-8000-0000000000b0' };

async function alertAt(monthToDate: number, plan = { tier: 'Standard' as const, planId: 'P1' as const }) {
  const world = await AlertWorld.create();
  world.azure.monthToDate = monthToDate;
  world.azure.plan = plan;
  const status = await world.instance().status.status(world.azure.subscription);
  return { world, alert: alertOf(status, { kind: 'threshold', percent: 80 }) };
}

type Action = { title: string; verb: string; data: Record<string, unknown> };
const actions = (card: object): Action[] => (card as { actions: Action[] }).actions;

describe('the usage alert card', () => {
  test('shows subscription, exact usage and percent, entitlement, level, projection and both costs', async () => {
    const { alert } = await alertAt(950_000); // Nov 20: projected 1,500,000
    const view = usageAlertView({ alert });
    expect(view.title).toBe("Usage alert: 80% of Plan 1's entitlement reached");
    expect(view.usageText).toBe('950,000 requests (95.0%)');
    expect(view.entitlementText).toBe('1,000,000 calls a month (Plan 1)');
    expect(view.projectedTitle).toBe('Projected to Nov 30');
    expect(view.projectedText).toBe('1,500,000 requests (150.0%)');
    expect(view.costTitle).toBe('Cost on Plan 1 (current)');
    expect(view.costText).toBe('$300.00');
    expect(view.bestText).toBe("Plan 1: $300.00 (you're on it)");
    expect(view.answerText).toBe("95.0% of Plan 1's entitlement used: 950,000 of 1,000,000 requests this month");
    expect(view.answerColor).toBe('Warning');
    const card = usageAlertCard({ alert }, true);
    expect(JSON.stringify(card)).toContain('"type":"Chart.HorizontalBar"');
    assertValidAdaptiveCard(card);
    expect(actions(card).map((a) => a.title)).toEqual(['Compare plans', 'Acknowledge', 'Snooze 24 h', 'Details']);
    expect(actions(card)[0]?.data).toEqual({ subscriptionId: SUB });
    expect(actions(card)[1]).toMatchObject({
      verb: 'alert.ack',
      data: { alertId: `${SUB}/2026-11/P1-1000000/pct-80` },
    });
  });

  test('offers Enable Plan N only when a cheaper plan than the current one fits the projected month', async () => {
    const { alert } = await alertAt(3_800_000); // projected 6,000,000: Plan 2 $840 < Plan 1 $1,200
    const card = usageAlertCard({ alert }, false);
    assertValidAdaptiveCard(card);
    expect(actions(card)[1]).toMatchObject({
      title: 'Enable Plan 2',
      verb: 'plan.enable',
      data: { planId: 'P2', subscriptionId: SUB },
    });
    expect(usageAlertView({ alert }).bestText).toBe('Plan 2: $840.00');
  });

  test('on the Free tier it explains that enabling applies Plan 1, and prices Plan 1 "if enabled"', async () => {
    const { alert } = await alertAt(950_000, { tier: 'Free' } as never);
    const view = usageAlertView({ alert });
    expect(view.isOff).toBe(true);
    expect(view.offText).toMatch(/^Defender for APIs is off in this subscription\. Enabling it applies Plan 1/);
    expect(view.costTitle).toBe('Cost on Plan 1 (if enabled)');
    assertValidAdaptiveCard(renderCard('usage-alert', view, { sandbox: true }));
  });
});

describe('Acknowledge and Snooze 24 h', () => {
  async function claimed() {
    const { world, alert } = await alertAt(950_000);
    const { outbox, service } = world.instance();
    await service.turnOn(address(CHANNEL), world.azure.subscription, ALEX);
    await outbox.claim(alert, [CHANNEL], world.now);
    return {
      world,
      alert,
      cards: new AlertCardActions(world.store, outbox, world.instance().subscriptions, world.clock),
    };
  }

  test('Acknowledge records who and when; the first acknowledgement stands; it is per conversation', async () => {
    const { world, alert, cards } = await claimed();
    const state = await cards.acknowledge(alert.id, CHANNEL, ALEX);
    expect(state.acknowledged).toEqual({ by: ALEX, at: '2026-11-20T00:00:00.000Z' });
    world.advance(60_000);
    expect((await cards.acknowledge(alert.id, CHANNEL, BOB)).acknowledged?.by).toEqual(ALEX);
    expect((await cards.view(alert.id, CHAT)).acknowledged).toBeUndefined();
    const view = usageAlertView(state);
    expect(view.acknowledgedText).toBe('Acknowledged by Alex Wilber on Nov 20, 2026, 00:00 UTC.');
    const card = usageAlertCard(state, true);
    assertValidAdaptiveCard(card);
    expect(actions(card).map((a) => a.title)).toEqual(['Compare plans', 'Snooze 24 h', 'Details']);
  });

  test('Snooze 24 h is stored on the conversation’s subscription and shown until it ends', async () => {
    const { world, alert, cards } = await claimed();
    const state = await cards.snooze(alert.id, CHANNEL, BOB);
    expect(state.snoozed?.until).toBe('2026-11-21T00:00:00.000Z');
    expect((await world.instance().subscriptions.get(CHANNEL, SUB))?.snoozedUntil).toBe('2026-11-21T00:00:00.000Z');
    expect(usageAlertView(state).snoozedText).toBe(
      'Alerts for this subscription are snoozed in this chat until Nov 21, 2026, 00:00 UTC (by Bob Kelly).',
    );
    world.advance(24 * 3_600_000);
    expect((await cards.view(alert.id, CHANNEL)).snoozed).toBeUndefined();
  });

  test('snoozing in a conversation that does not watch the subscription is refused', async () => {
    const { alert, cards } = await claimed();
    await expect(cards.snooze(alert.id, CHAT, ALEX)).rejects.toMatchObject({ code: 'alerts_not_on' });
  });

  test('a button naming an alert that was never claimed is refused as forged', async () => {
    const { cards } = await claimed();
    await expect(cards.acknowledge(`${SUB}/2026-10/pct-80`, CHANNEL, ALEX)).rejects.toMatchObject({
      code: 'forged_action',
    });
    await expect(cards.acknowledge('../../etc/passwd', CHANNEL, ALEX)).rejects.toMatchObject({ code: 'forged_action' });
  });
});
