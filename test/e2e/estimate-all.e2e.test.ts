import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { TestBot } from '../helpers/bot-harness';
import { actionsOf } from '../helpers/card-actions';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

const SUB_THIRD = '33333333-3333-4333-8333-333333333333';
const PROD = subscription(
  SUB_PROD,
  'Contoso Production',
  [
    service({ name: 'apim-orders-eus', perDay: 300_000 }),
    service({ name: 'apim-partners-weu', location: 'westeurope', perDay: 100_000 }),
    service({ name: 'apim-dev-eus', sku: 'Developer', perDay: 12_345 }),
  ],
  { pricingTier: 'Standard', subPlan: 'P1' },
);
const DEV = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 10_000 })], {
  pricingTier: 'Standard',
});
const THIRD = subscription(SUB_THIRD, 'Fabrikam', [service({ name: 'apim-fab', perDay: 200_000 })]);

const text = (card: unknown): string => JSON.stringify(card);
describe('estimate traffic all, end to end', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('one card lists every subscription with its traffic, plans and saving, and an Enable button where it pays', async () => {
    bot = await TestBot.start(scenario([PROD, DEV, THIRD]));
    await bot.say('estimate traffic all');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    const t = text(card);
    expect(t).toContain('Switching 1 of 3 subscriptions to the cheapest plan saves $742.22 a month.');
    expect(t).toContain('12,370,350 requests'); // Contoso Production, 30 days
    expect(t).toContain('saves $742.22 a month ($2,474.07 → $1,731.85)');
    expect(t).toContain('already on the cheapest plan'); // Contoso Dev
    expect(t).toContain('not on a plan yet; Plan 2 would cost $840.00 a month'); // Fabrikam: 6M requests
    expect(t).toContain('Total saving: $742.22 a month');
    const enables = actionsOf(card).filter((b) => b.verb === 'plan.enable');
    expect(enables.map((b) => [b.title, b.data.subscriptionId])).toEqual([
      ['Enable Plan 2', SUB_PROD],
      ['Enable Plan 2', SUB_THIRD],
    ]);
    // One Resource Graph query lists the services of all three subscriptions, one more reads their APIs' onboarding
    // state; no ARM service lists, no assessment lists.
    const calls = await bot.sandboxRequests();
    expect(calls.filter((r) => r.graphTable === 'resources')).toHaveLength(1);
    expect(calls.filter((r) => r.graphTable === 'securityresources')).toHaveLength(1);
    expect(calls.filter((r) => /Microsoft\.ApiManagement\/service\?/i.test(r.path))).toEqual([]);
    expect(calls.filter((r) => /Microsoft\.Security\/assessments\?/i.test(r.path))).toEqual([]);
    expect(calls.filter((r) => r.path.includes('metrics:getBatch'))).toHaveLength(4); // (sub, region) pairs
  });

  test('"estimate all" is the same command, and the Enable button goes through the approval flow', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    await bot.say('estimate all');
    expect(text(bot.connector.cards()[0])).toContain('Total saving: $742.22 a month');
    const { body } = await bot.click('plan.enable', { planId: 'P2', subscriptionId: SUB_PROD });
    expect(JSON.stringify(body)).toMatch(/Nobody can approve changes yet/);
    expect((await bot.sandboxRequests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test('a subscription that cannot be read is named and left out of the total', async () => {
    const faults = [
      { method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 403 },
      { method: 'GET', pathRegex: `${SUB_THIRD}/providers/Microsoft.ApiManagement/service`, status: 500 },
    ];
    bot = await TestBot.start(scenario([PROD, DEV, THIRD], { faults }));
    await bot.say('estimate traffic all');
    const t = text(bot.connector.cards()[0]);
    expect(t).toContain(
      'Switching 1 of 2 subscriptions to the cheapest plan saves $742.22 a month. 1 could not be read and is left out.',
    );
    expect(t).toMatch(/Not in the total: Fabrikam \(I couldn't list the API Management services/);
    expect(t).toContain('Total saving: $742.22 a month');
  });

  test('a second estimate within minutes reuses the first, says so, and Refresh within a minute reads nothing', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estimate traffic');
    const before = (await bot.sandboxRequests()).length;
    await bot.say('estimate traffic');
    await bot.say('estimate traffic all');
    const { body } = await bot.click('estimate.refresh', { subscriptionId: SUB_PROD });
    expect((await bot.sandboxRequests()).filter((r) => !r.path.startsWith('/subscriptions?'))).toHaveLength(
      (await bot.sandboxRequests()).slice(0, before).filter((r) => !r.path.startsWith('/subscriptions?')).length,
    );
    const cards = bot.connector.cards().map(text);
    expect(cards[0]).toMatch(/Read from Azure at \d\d:\d\d UTC\./);
    expect(cards[1]).toContain('ago: reused for a few minutes; Refresh reads again.');
    expect(cards[2]).toContain('reused for a few minutes');
    expect(JSON.stringify(body)).toContain('less than a minute old, so I sent them again');
  });

  test('status after an estimate reuses the service list (one Resource Graph query), and reads traffic afresh', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estimate traffic');
    await bot.say('status');
    const calls = await bot.sandboxRequests();
    expect(calls.filter((r) => r.graphTable === 'resources')).toHaveLength(1);
    // The one ARM list is the onboarding coverage's (it names APIs); status's traffic read listed nothing itself.
    expect(calls.filter((r) => /Microsoft\.ApiManagement\/service\?/i.test(r.path))).toHaveLength(1);
    // 30-day window for the estimate, month to date for status: two reads per region.
    expect(calls.filter((r) => r.path.includes('metrics:getBatch'))).toHaveLength(4);
  });
});
