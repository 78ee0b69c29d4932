import { TestBot } from '../helpers/bot-harness';
import { actionsOf } from '../helpers/card-actions';
import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';

const SERVICES = [
  service({ name: 'apim-orders-eus', perDay: 300_000 }),
  service({ name: 'apim-partners-weu', location: 'westeurope', perDay: 100_000 }),
];
const PROD = subscription(SUB_PROD, 'Contoso Production', SERVICES, { pricingTier: 'Standard', subPlan: 'P1' });
/** Only the turn budget can end a hung call here: one attempt may take a minute. */
const BUDGET_ONLY = { azureRequestMs: 60_000, turnBudgetMs: 1_500 };

const cardText = (card: unknown): string => JSON.stringify(card);

describe('Azure that never answers, end to end through /api/messages', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('estimate: the turn ends within its budget, names the service that did not answer and recommends nothing', async () => {
    // East US's batch and its service's per-resource metrics are accepted and never answered.
    const faults = [
      { pathRegex: '/_regions/eastus/.*metrics:getBatch', hang: true },
      { pathRegex: 'apim-orders-eus/providers/Microsoft.Insights/metrics', hang: true },
    ];
    bot = await TestBot.start(scenario([PROD], { faults }), {}, { timeouts: BUDGET_ONLY });
    const started = Date.now();
    const { status } = await bot.say('estimate traffic');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(BUDGET_ONLY.turnBudgetMs + 2_000);
    const card = bot.connector.cards()[0];
    assertValidAdaptiveCard(card);
    const text = cardText(card);
    expect(text).toContain('Incomplete estimate');
    expect(text).toContain('apim-orders-eus (no answer in time)');
    expect(text).toContain('3,000,000 requests'); // West Europe answered: 30 × 100,000
    expect(text).not.toContain('recommended');
    // No Enable Plan button (only Refresh): an incomplete total must not drive a plan choice.
    expect(actionsOf(card).filter((a) => a.verb === 'plan.enable')).toEqual([]);
  });

  test('status: a service list that never answers ends the turn with an answer naming that call', async () => {
    // Services are listed with Resource Graph (ARM per subscription only where it is denied): that call hangs.
    const faults = [{ method: 'POST', pathRegex: 'providers/Microsoft.ResourceGraph/resources', hang: true }];
    bot = await TestBot.start(scenario([PROD], { faults }), {}, { timeouts: BUDGET_ONLY });
    const { status } = await bot.say('status');
    expect(status).toBe(200);
    const replies = bot.connector.messages().map((m) => JSON.stringify(m.activity));
    expect(replies.join('\n')).toMatch(
      /couldn't list the API Management services with Azure Resource Graph: Azure did not answer in time/,
    );
  });

  test('a hung attempt is abandoned after the request timeout and retried; a later answer is used', async () => {
    const faults = [{ method: 'POST', pathRegex: 'providers/Microsoft.ResourceGraph/resources', hang: true, count: 1 }];
    bot = await TestBot.start(
      scenario([PROD], { faults }),
      {},
      { timeouts: { azureRequestMs: 300, turnBudgetMs: 10_000 } },
    );
    await bot.say('estimate traffic');
    expect(cardText(bot.connector.cards()[0])).toContain('12,000,000 requests');
  });
});
