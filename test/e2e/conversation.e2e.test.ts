import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 200_000 })]);
const DEV = subscription(SUB_DEV, 'Contoso Dev/Test', [service({ name: 'apim-dev', perDay: 1_000 })]);
const text = (value: unknown): string => JSON.stringify(value);

describe('talking to the bot', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('help lists every command on a valid card', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('help');
    const card = bot.connector.cards()[0];
    assertValidAdaptiveCard(card);
    for (const usage of [
      'estimate traffic',
      'status',
      'onboard unhealthy APIs',
      'alerts on',
      'use subscription ‹name or id›',
    ])
      expect(text(card)).toContain(usage);
  });

  test('a typo gets "Did you mean …?" and the help card, never silence', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estmate trafic');
    expect(text(bot.connector.cards()[0])).toContain('Did you mean \\"estimate traffic\\"?');
  });

  test('with two subscriptions the bot asks which one, and remembers the choice across a restart', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    await bot.say('estimate traffic');
    expect(text(bot.connector.cards()[0])).toMatch(
      /I can see 2 subscriptions: Contoso Dev\/Test, Contoso Production\. Pick/,
    );

    await bot.say('subscriptions');
    expect(text(bot.connector.cards()[0])).toContain('Contoso Dev/Test');

    await bot.say('use subscription dev/test');
    expect(bot.connector.texts().at(-1)).toContain('This chat now works on **Contoso Dev/Test**');

    await bot.restart();
    bot.connector.clear();
    await bot.say('estimate traffic');
    expect(text(bot.connector.cards()[0])).toContain('30,000 requests');
  });

  test('another chat keeps its own subscription', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    await bot.say('use subscription Contoso Production');
    await bot.say('use subscription Contoso Dev/Test', { conversationId: 'a:other-chat' });
    bot.connector.clear();
    await bot.say('estimate traffic');
    expect(text(bot.connector.cards()[0])).toContain('6,000,000 requests');
  });

  test('the "Use this one" button switches the chat to that subscription', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    const { body } = await bot.click('subscription.use', { subscriptionId: SUB_DEV });
    expect(text(body)).toContain('This chat now works on Contoso Dev/Test.');
  });

  test('an unknown subscription name gets a clear answer', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    await bot.say('use subscription Fabrikam');
    expect(bot.connector.texts()[0]).toMatch(/No subscription matches "Fabrikam"/);
  });

  test('a forged button (unknown verb or bad data) is refused with a clear answer and changes nothing', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const unknown = await bot.click('plan.delete', { planId: 'P1' });
    expect(unknown.status).toBe(200);
    expect(text(unknown.body)).toMatch(/That button is not one I know/);
    const bad = await bot.click('plan.enable', { planId: { $gt: '' } });
    expect(text(bad.body)).toMatch(/sent data I did not expect/);
    expect((await bot.sandboxRequests()).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('malformed activities are rejected and the bot keeps answering', async () => {
    bot = await TestBot.start(scenario([PROD]));
    expect((await bot.post('{not json')).status).toBeGreaterThanOrEqual(400);
    expect((await bot.post({ type: 'message' })).status).toBeGreaterThanOrEqual(400);
    await bot.say('help');
    expect(bot.connector.cards()).toHaveLength(1);
  });

  test("Azure refusing access gives advice with Azure's code, request id and our reference, never Azure's message", async () => {
    const message =
      'The client x-secret-principal with object id 1234 does not have authorization over /subscriptions/…';
    const faults = [
      {
        // Resource Graph refused, and the per-subscription ARM list it falls back to refused too.
        pathRegex: 'Microsoft.ResourceGraph|Microsoft.ApiManagement/service',
        status: 403,
        code: 'AuthorizationFailed',
        message,
      },
    ];
    bot = await TestBot.start(scenario([PROD], { faults }));
    await bot.say('estimate traffic');
    const [reply] = bot.connector.texts();
    expect(reply).toMatch(
      /Azure refused access \(Azure error AuthorizationFailed, request id [0-9a-f-]{36}\)\. Give the bot's identity the Reader role there\. \(reference [0-9a-f]{8}\)/,
    );
    expect(reply).not.toContain('x-secret-principal');
    expect(reply).not.toMatch(/at .*\.ts:\d+/);
  });

  test('Azure throttling that outlasts the retries is explained', async () => {
    const faults = [{ method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 429, retryAfterSeconds: 0 }];
    bot = await TestBot.start(scenario([PROD], { faults }));
    await bot.say('estimate traffic');
    expect(bot.connector.texts()[0]).toMatch(/throttling requests right now/);
  });

  test('the health endpoint answers with the mode and the sandbox clock', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const health = (await (await fetch(`${bot.app.url}/healthz`)).json()) as {
      status: string;
      azureMode: string;
      now: string;
    };
    expect(health).toMatchObject({ status: 'ok', azureMode: 'sandbox' });
    expect(health.now.startsWith('2026-11-20')).toBe(true);
  });
});
