import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

// SCENARIO_NOW is 2026-11-20T00:00Z and service() gives today 0 requests, so month to date is exactly
// Nov 1–19: 19 days. The sandbox clock runs on in real time, so only the projection (÷ elapsed share of the month)
// drifts by a request or so per second of test time; those assertions accept the last cent or digits.
const PROD = subscription(
  SUB_PROD,
  'Contoso Production',
  [
    service({ name: 'apim-orders-eus', perDay: 40_000 }),
    service({ name: 'apim-partners-weu', location: 'westeurope', perDay: 10_000 }),
  ],
  { pricingTier: 'Standard', subPlan: 'P1' },
); // 19 × 50,000 = 950,000: 95.0 % of Plan 1, projected 1,500,000.

type Action = { title: string; verb: string; data: Record<string, unknown> };
const text = (value: unknown): string => JSON.stringify(value);
/** The card's Action.Execute buttons (the Details toggle stays on the client). */
const actionsOf = (card: unknown): Action[] =>
  ((card as { actions?: (Action & { type?: string })[] }).actions ?? []).filter((a) => a.type === 'Action.Execute');

describe('status, end to end through /api/messages', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('shows the plan, trial, enabled date, exact month-to-date requests against the entitlement and the projection', async () => {
    bot = await TestBot.start(scenario([PROD]));
    expect((await bot.say('status')).status).toBe(200);
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    const t = text(card);
    expect(t).toContain('Sandbox data');
    expect(t).toContain('"value":"Plan 1 (P1)"');
    expect(t).toContain('"title":"Free trial","value":"none left"');
    expect(t).toContain('"title":"Enabled since","value":"Sep 21, 2026"'); // the sandbox enables 60 days before now
    expect(t).toContain('Nov 1 – Nov 20, 00:00 UTC');
    // The answer comes first, in one line, amber at 95 %; then the bars (with a text fallback).
    const body = (card as { body: { type: string; text?: string; color?: string }[] }).body;
    expect(body[2]).toMatchObject({
      text: "95.0% of Plan 1's entitlement used: 950,000 of 1,000,000 requests this month",
      color: 'Warning',
    });
    expect(body.find((e) => e.type === 'Chart.HorizontalBar')).toMatchObject({
      fallback: { type: 'Container' },
      data: [
        { x: 'Month to date', y: 950_000 },
        { x: 'Projected to Nov 30' },
        { x: 'Included in Plan 1', y: 1_000_000 },
      ],
    });
    expect(t).toContain('950,000 requests');
    expect(t).toContain('95.0% of 1,000,000');
    expect(t).toMatch(/"title":"Projected to Nov 30","value":"1,(500,000|499,9\d\d) requests \((150\.0|149\.9)%\)"/);
    expect(t).toContain('"title":"Plan 1 (current)","value":"$300.00"'); // $200 + 500,000 × $0.0002
    expect(t).toContain("Plan 1: $300.00 (you're on it)");
    // service() gives each service one API that is not onboarded.
    expect(t).toContain('Onboarding coverage: 0 onboarded, 2 not onboarded, 0 not applicable');
    expect(actionsOf(card)).toEqual([
      expect.objectContaining({ title: 'Compare plans', verb: 'plan.compare', data: { subscriptionId: SUB_PROD } }),
    ]);
    expect(bot.connector.calls[0]?.activity.type).toBe('typing');
  });

  test('reads month to date with one metrics:getBatch per region starting on the 1st', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('status');
    const metrics = (await bot.sandboxRequests()).filter((r) => /metrics/i.test(r.path));
    expect(metrics).toHaveLength(2);
    for (const call of metrics) {
      expect(call.path).toContain('metrics:getBatch');
      expect(call.path).toContain('starttime=2026-11-01T00%3A00%3A00.000Z');
    }
  });

  test('when a cheaper plan fits the projected month, the card prices both and offers Enable Plan 2', async () => {
    const busy = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-busy', perDay: 200_000 })], {
      pricingTier: 'Standard',
    }); // 3,800,000 so far, projected 6,000,000: Plan 1 $1,200, Plan 2 $840
    bot = await TestBot.start(scenario([busy]));
    await bot.say('status');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    const t = text(card);
    expect(t).toContain('3,800,000 requests');
    expect(t).toContain('380.0% of 1,000,000');
    expect(t).toMatch(/"title":"Plan 1 \(current\)","value":"\$1,(200\.00|199\.99)"/);
    expect(t).toMatch(/"title":"Cheapest plan","value":"Plan 2: \$(840\.00|839\.99)"/);
    expect(actionsOf(card)).toEqual([
      expect.objectContaining({
        title: 'Enable Plan 2',
        verb: 'plan.enable',
        data: { planId: 'P2', subscriptionId: SUB_PROD },
      }),
      expect.objectContaining({ verb: 'plan.compare' }),
    ]);
  });

  test('on the Free tier it says Defender for APIs is off and compares with Plan 1, the default when enabled', async () => {
    const free = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 50_000 })]);
    bot = await TestBot.start(scenario([free]));
    await bot.say('status');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    const t = text(card);
    expect(t).toContain('Off (Free tier: Defender for APIs is not enabled)');
    expect(t).toContain('Compared with Plan 1, the plan Azure applies when you enable it');
    expect(t).toContain('950,000 requests');
    expect(t).toContain('95.0% of 1,000,000');
    expect(t).toContain('"title":"Plan 1 (if enabled)","value":"$300.00"');
    expect(t).not.toContain('Free trial');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['plan.compare']);
  });

  test('when a service cannot be read, the month-to-date figure is marked incomplete and no plan change is offered', async () => {
    const busy = subscription(
      SUB_PROD,
      'Contoso Production',
      [
        service({ name: 'apim-busy', perDay: 200_000 }),
        service({ name: 'apim-broken', location: 'westeurope', perDay: 1_000 }),
      ],
      { pricingTier: 'Standard' },
    );
    const faults = [
      { method: 'POST', pathRegex: '_regions/westeurope/.*metrics:getBatch', status: 503 },
      { method: 'GET', pathRegex: 'apim-broken/providers/Microsoft.Insights/metrics', status: 500 },
    ];
    bot = await TestBot.start(scenario([busy], { faults }));
    await bot.say('status');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    const t = text(card);
    expect(t).toContain('Incomplete month-to-date figure');
    expect(t).toContain('apim-broken (HTTP 500');
    expect(t).toContain('3,800,000 requests'); // apim-busy only
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['plan.compare']);
  });

  test('the Compare plans button posts the estimate card of the card’s subscription', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status, body } = await bot.click('plan.compare', { subscriptionId: SUB_PROD });
    expect(status).toBe(200);
    expect(text(body)).toContain('Here is the plan comparison for Contoso Production.');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    expect(text(card)).toContain('Chart.HorizontalBar');
    expect(text(card)).toContain('1,500,000 requests'); // 30 complete days × 50,000
  });

  test('a Compare plans button naming a subscription the bot cannot see is refused', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { body } = await bot.click('plan.compare', { subscriptionId: SUB_DEV });
    expect(text(body)).toContain('That card names a subscription I cannot see');
    expect(bot.connector.cards()).toEqual([]);
  });
});
