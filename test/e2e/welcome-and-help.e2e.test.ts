import { botAddedActivity, messageActivity } from '../helpers/activities';
import { allActions } from '../helpers/card-actions';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';
import { assertValidAdaptiveCard } from '../helpers/validate-card';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 200_000 })]);
const DEV = subscription(SUB_DEV, 'Contoso Dev/Test', [service({ name: 'apim-dev', perDay: 1_000 })]);
const text = (value: unknown): string => JSON.stringify(value);

const buttons = allActions;
const imBack = (command: string) => ({ type: 'Action.Submit', data: { command } });

const botAdded = (bot: TestBot, conversationId: string) =>
  botAddedActivity(bot.connector.url, conversationId, 'groupChat');

describe('welcome, help and choosing a subscription', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('the bot posts a welcome card when it is added, once per conversation, also after a restart', async () => {
    bot = await TestBot.start(scenario([PROD]));
    expect((await bot.post(botAdded(bot, '19:group-1'))).status).toBe(200);
    const [welcome] = bot.connector.cards();
    assertValidAdaptiveCard(welcome);
    expect(text(welcome)).toContain('Defender for APIs, in this chat');
    expect(text(welcome)).toContain('@mention me');
    expect(buttons(welcome)).toContainEqual(
      expect.objectContaining({ title: 'Estimate traffic', ...imBack('estimate traffic') }),
    );

    await bot.post(botAdded(bot, '19:group-1'));
    await bot.restart();
    await bot.post(botAdded(bot, '19:group-1'));
    expect(bot.connector.cards()).toHaveLength(1);

    await bot.post(botAdded(bot, '19:group-2'));
    expect(bot.connector.cards()).toHaveLength(2);
  });

  test('a person joining (not the bot) gets no welcome card', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.post({ ...botAdded(bot, '19:group-1'), membersAdded: [{ id: '29:megan' }] });
    expect(bot.connector.cards()).toEqual([]);
  });

  test('help has buttons that send the everyday commands, and says to @mention the bot in groups and channels', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('help');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    // A button's submit arrives as a message with the data as its value and no text; it runs the command.
    await bot.post({ ...messageActivity('', bot.options()), value: { command: 'subscriptions' } });
    expect(text(bot.connector.cards()[1])).toContain('Azure subscriptions I can see');
    const titles = buttons(card).map((b) => b.title);
    expect(titles).toEqual(['Estimate traffic', 'Status', 'Onboard APIs', 'Insights', 'Subscriptions', 'Alerts']);
    expect(buttons(card)[2]).toMatchObject(imBack('onboard unhealthy APIs'));
    expect(text(card)).toContain('In a group chat or a channel, @mention me first');
  });

  test('"Did you mean" is a button that sends the command', async () => {
    bot = await TestBot.start(scenario([PROD]));
    await bot.say('estmate trafic');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    expect(text(card)).toContain('Did you mean \\"estimate traffic\\"?');
    expect(buttons(card)[0]).toMatchObject({ title: 'Yes: estimate traffic', ...imBack('estimate traffic') });
  });

  test('a command that needs a subscription, with several to choose from, answers with a pick button per subscription', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]));
    await bot.say('estimate traffic');
    const [card] = bot.connector.cards();
    assertValidAdaptiveCard(card);
    expect(text(card)).toContain('I can see 2 subscriptions: Contoso Dev/Test, Contoso Production.');
    expect(text(card)).toContain('\\"use subscription\\" and its name, e.g. \\"use subscription Contoso Dev/Test\\"');
    const picks = buttons(card).filter((b) => b.verb === 'subscription.use');
    expect(picks.map((b) => b.data)).toEqual([{ subscriptionId: SUB_DEV }, { subscriptionId: SUB_PROD }]);
    const { body } = await bot.click('subscription.use', { subscriptionId: SUB_PROD });
    expect(text(body)).toContain('This chat now works on Contoso Production.');
  });
});
