import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

const PROD_SERVICES = [
  service({ name: 'apim-orders-eus', perDay: 300_000 }),
  service({ name: 'apim-partners-weu', location: 'westeurope', sku: 'Standard', perDay: 100_000 }),
  service({ name: 'apim-dev-eus', sku: 'Developer', perDay: 12_345 }),
  service({ name: 'apim-func-sea', location: 'southeastasia', sku: 'Consumption', perDay: 1_000 }),
];
// 30 × (300,000 + 100,000 + 12,345 + 1,000) = 12,400,350 requests.
const PROD = subscription(SUB_PROD, 'Contoso Production', PROD_SERVICES, { pricingTier: 'Standard', subPlan: 'P1' });

const cardText = (card: unknown): string => JSON.stringify(card);

describe('estimate traffic, end to end through /api/messages', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('the card shows the exact 30-day total, all five plans and recommends Plan 2 with a button to enable it', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status } = await bot.say('estimate traffic');
    expect(status).toBe(200);
    const [card] = bot.connector.cards();
    expect(bot.connector.cards()).toHaveLength(1);
    assertValidAdaptiveCard(card);
    const text = cardText(card);
    expect(text).toContain('12,400,350 requests');
    expect(text).toContain('Sandbox data');
    for (const plan of ['Plan 1 (current)', '★ Plan 2 (recommended)', 'Plan 3', 'Plan 4', 'Plan 5'])
      expect(text).toContain(plan);
    expect(text).toContain('$2,480.07'); // Plan 1: $200 + 11,400,350 × $0.0002
    expect(text).toContain('$1,736.05'); // Plan 2: $700 + 7,400,350 × $0.00014
    expect(text).toContain('−\u2060$744.02 against Plan 1');
    expect(text).toContain('apim-orders-eus');
    expect(text).toContain('9,000,000');
    const actions = (card as { actions: { title: string; verb: string; data: object }[] }).actions;
    expect(actions).toEqual([
      expect.objectContaining({
        title: 'Enable Plan 2',
        verb: 'plan.enable',
        data: { planId: 'P2', subscriptionId: SUB_PROD },
      }),
    ]);
    // The bot shows it is working before the slow Azure reads finish.
    expect(bot.connector.calls[0]?.activity.type).toBe('typing');
  });

  test('compare plans and recommend plan are the same card', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('compare plans');
    await bot.say('Recommend Plan');
    const cards = bot.connector.cards().map(cardText);
    expect(cards).toHaveLength(2);
    for (const c of cards) expect(c).toContain('12,400,350 requests');
  });

  test('in a channel the @mention is ignored', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estimate traffic', {
      mention: true,
      conversationId: '19:abc@thread.tacv2;messageid=1',
      conversationType: 'channel',
    });
    expect(cardText(bot.connector.cards()[0])).toContain('12,400,350 requests');
  });

  test('the traffic is read with one getBatch call per region, not one call per service', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estimate traffic');
    const requests = await bot.sandboxRequests();
    const batches = requests.filter((r) => r.path.includes('metrics:getBatch'));
    expect(batches.map((b) => b.path.split('/subscriptions')[0]).sort()).toEqual([
      '/_regions/eastus',
      '/_regions/southeastasia',
      '/_regions/westeurope',
    ]);
    expect(requests.filter((r) => /providers\/Microsoft\.Insights\/metrics\?/i.test(r.path))).toEqual([]);
  });

  test('when one service cannot be read, the card says the total is incomplete and recommends nothing', async () => {
    const faults = [
      { method: 'POST', pathRegex: 'metrics:getBatch', status: 503 },
      { method: 'GET', pathRegex: 'apim-partners-weu/providers/Microsoft.Insights/metrics', status: 500 },
    ];
    bot = await TestBot.start(scenario([PROD], { faults }));
    await bot.say('estimate traffic');
    const card = bot.connector.cards()[0];
    assertValidAdaptiveCard(card);
    const text = cardText(card);
    expect(text).toContain('Incomplete estimate');
    expect(text).toContain('apim-partners-weu (HTTP 500');
    expect(text).toContain('9,400,350 requests'); // the three readable services
    expect(text).not.toContain('recommended');
    expect((card as { actions?: unknown[] }).actions ?? []).toEqual([]);
  });

  test('a subscription on the cheapest plan gets no button', async () => {
    const dev = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 10_000 })], {
      pricingTier: 'Standard',
    });
    bot = await TestBot.start(scenario([dev]));
    await bot.say('estimate traffic');
    const card = bot.connector.cards()[0];
    expect(cardText(card)).toContain('You are already on the cheapest plan, Plan 1');
    expect((card as { actions?: unknown[] }).actions ?? []).toEqual([]);
  });

  test('with no approvers configured, the Enable button says who must set APPROVER_IDS and changes nothing', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status, body } = await bot.click('plan.enable', { planId: 'P2', subscriptionId: SUB_PROD });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toMatch(/Nobody can approve changes yet.*set APPROVER_IDS/);
    expect((await bot.sandboxRequests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
