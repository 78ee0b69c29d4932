import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

const PROD_SERVICES = [
  service({ name: 'apim-orders-eus', perDay: 300_000 }),
  service({ name: 'apim-partners-weu', location: 'westeurope', sku: 'Standard', perDay: 100_000 }),
  service({ name: 'apim-dev-eus', sku: 'Developer', perDay: 12_345 }),
  service({ name: 'apim-func-sea', location: 'southeastasia', sku: 'Consumption', perDay: 1_000 }),
];
// 30 × (300,000 + 100,000 + 12,345 + 1,000) = 12,400,350 requests; without the Consumption service (its APIs
// cannot be onboarded) 12,370,350, which the plans are compared on.
const PROD = subscription(SUB_PROD, 'Contoso Production', PROD_SERVICES, { pricingTier: 'Standard', subPlan: 'P1' });

const cardText = (card: unknown): string => JSON.stringify(card);
type Element = {
  type: string;
  id?: string;
  isVisible?: boolean;
  data?: unknown[];
  xAxisTitle?: string;
  fallback?: { text?: string };
};
const elements = (card: unknown): Element[] => (card as { body: Element[] }).body;

describe('estimate traffic, end to end through /api/messages', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('the card opens with its answer, shows the three traffic figures, and recommends Plan 2 with a button', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status } = await bot.say('estimate traffic');
    expect(status).toBe(200);
    const [card] = bot.connector.cards();
    expect(bot.connector.cards()).toHaveLength(1);
    assertValidAdaptiveCard(card);
    const text = cardText(card);
    // The first element after the sandbox marker is the answer, in one line, with no minus sign.
    expect(elements(card)[1]).toMatchObject({
      type: 'TextBlock',
      text: 'Plan 2 is the cheapest: $1,731.85 a month, saves $742.22 a month against Plan 1 today.',
    });
    expect(text).toContain('Sandbox data');
    expect(text).toContain('"APIs onboarded now","value":"0 requests"');
    expect(text).toContain('12,370,350 requests ★ plans compared on this');
    expect(text).toContain('All APIM traffic (Microsoft\'s method)","value":"12,400,350 requests');
    for (const plan of ['Plan 1 (current)', '★ Plan 2 (recommended)', 'Plan 3', 'Plan 4', 'Plan 5'])
      expect(text).toContain(plan);
    expect(text).toContain('$2,474.07'); // Plan 1: $200 + 11,370,350 × $0.0002
    expect(text).toContain('apim-orders-eus');
    expect(text).toContain('9,000,000');
    const actions = (card as { actions: { title: string; verb: string; data: object }[] }).actions;
    expect(actions[0]).toEqual(
      expect.objectContaining({
        title: 'Enable Plan 2',
        verb: 'plan.enable',
        data: { planId: 'P2', subscriptionId: SUB_PROD },
      }),
    );
    // The bot shows it is working before the slow Azure reads finish.
    expect(bot.connector.calls[0]?.activity.type).toBe('typing');
  });

  test('the typing indicator goes out alongside the Azure reads; one the connector refuses does not stop the answer', async () => {
    bot = await TestBot.start(scenario([PROD]));
    bot.connector.failNext(403, 1);
    const answer = await bot.say('estimate traffic');
    expect(answer.status).toBe(200);
    // The typing indicator was the call refused; the card was still sent after it.
    expect(bot.connector.refused).toHaveLength(1);
    expect(bot.connector.calls.map((c) => c.activity.type)).toEqual(['message']);
    expect(bot.connector.cards()).toHaveLength(1);
  });

  test('the daily traffic and the plans are drawn as charts, each with a text fallback; details are behind a toggle', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estimate traffic');
    const card = bot.connector.cards()[0];
    const daily = elements(card).find((e) => e.type === 'Chart.Line');
    const line = daily?.data?.[0] as { legend?: string; values?: unknown[] } | undefined;
    expect(line?.legend).toBe('Requests');
    expect(line?.values).toHaveLength(30);
    expect(line?.values?.[0]).toEqual({ x: '2026-10-21', y: 413_345 });
    expect(line?.values?.[29]).toEqual({ x: '2026-11-19', y: 413_345 });
    expect(daily?.xAxisTitle).toBe('Day (Oct 21 – Nov 19, UTC)');
    expect(daily?.fallback?.text).toBe(
      'Requests a day: average 413,345, lowest 413,345 (Oct 21), highest 413,345 (Oct 21).',
    );
    const plans = elements(card).find((e) => e.type === 'Chart.HorizontalBar');
    expect(plans?.data).toContainEqual({ x: 'Plan 2', y: 1731.85, color: 'good' });
    // The Playground draws no chart titles: the unit is under the axis.
    expect(plans?.xAxisTitle).toBe('Monthly cost (USD), cheapest in green');
    expect(plans?.fallback?.text).toContain('Plan 2 $1,731.85 (cheapest)');
    const text = cardText(card);
    expect(text).toContain('December projected (weekday pattern and trend): 12,782,695 requests, $1,789.58 on Plan 2.');
    expect(text).toContain('65.4% below the point where Plan 3 becomes cheaper (35,714,286 requests a month).');
    expect(text).toContain('December has 31 days: at the same daily rate that is 12,782,695 requests (+3.3%)');
    expect(elements(card).find((e) => e.id === 'details')).toMatchObject({ type: 'Container', isVisible: false });
    expect(text).toContain('"type":"Action.ToggleVisibility"');
    expect(Buffer.byteLength(text)).toBeLessThan(28 * 1024);
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
    expect(text).toContain("No recommendation: I couldn't read the traffic of 1 service.");
    expect(text).toContain('apim-partners-weu (HTTP 500');
    expect(text).toContain('9,400,350 requests'); // the three readable services
    expect(text).not.toContain('recommended');
    const actions = (card as { actions?: { verb: string }[] }).actions ?? [];
    expect(actions.map((a) => a.verb)).toEqual(['estimate.refresh']);
  });

  test('a subscription on the cheapest plan gets no button', async () => {
    const dev = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 10_000 })], {
      pricingTier: 'Standard',
    });
    bot = await TestBot.start(scenario([dev]));
    await bot.say('estimate traffic');
    const card = bot.connector.cards()[0];
    expect(cardText(card)).toContain('Plan 1 is the cheapest: $200.00 a month, and you are already on it.');
    const actions = (card as { actions?: { verb: string }[] }).actions ?? [];
    expect(actions.map((a) => a.verb)).toEqual(['estimate.refresh']);
  });

  test('with no approvers configured, the Enable button says who must set APPROVER_IDS and changes nothing', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status, body } = await bot.click('plan.enable', { planId: 'P2', subscriptionId: SUB_PROD });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toMatch(/Nobody can approve changes yet.*set APPROVER_IDS/);
    expect((await bot.sandboxRequests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
