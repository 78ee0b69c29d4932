import { MAX_REPLY_BYTES } from '../../src/teams/reply-size';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 1_000 })]);
const TEAMS_LIMIT = 28 * 1024;
const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('bad input gets a bounded answer', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('a 28 KB unknown message is quoted back cut, with an ellipsis, in a reply under 28 KB', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const typed = 'x'.repeat(28 * 1024);
    expect((await bot.say(typed)).status).toBe(200);
    const [reply] = bot.connector.messages();
    expect(bytes(reply?.activity)).toBeLessThan(TEAMS_LIMIT);
    expect(JSON.stringify(reply?.activity)).toMatch(/I don't know \\"x{79}…\\"/);
  });

  test('a 900 KB message to "use subscription" is answered briefly, its text cut', async () => {
    bot = await TestBot.start(scenario([PROD]));
    expect((await bot.say(`use subscription ${'name '.repeat(180_000)}`)).status).toBe(200);
    const [reply] = bot.connector.messages();
    expect(bytes(reply?.activity)).toBeLessThan(2_000);
    expect(reply?.activity.text).toMatch(/No subscription matches "(name ){15}name…"/);
  }, 30_000); // parsing and posting 900 KB twice over HTTP takes seconds on a loaded 2-core machine

  test('a card that would exceed Teams’ limit is replaced by a short message, never sent oversized', async () => {
    // 400 subscriptions with long names: the subscriptions card alone would be far over 28 KB.
    const many = Array.from({ length: 400 }, (_, i) =>
      subscription(
        `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`,
        `Subscription number ${i} of the Contoso enterprise agreement, west Europe landing zone`,
        [],
      ),
    );
    bot = await TestBot.start(scenario(many));
    await bot.say('subscriptions');
    const [reply] = bot.connector.messages();
    expect(bytes(reply?.activity)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    expect(reply?.activity.text).toMatch(/too long for Teams/);
  });
});
