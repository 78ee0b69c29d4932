import { ALEX, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 400_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const GROUP = { conversationId: '19:approvals@thread.v2', conversationType: 'groupChat' as const };
const TWO_OF_TWO = { APPROVER_IDS: `${ALEX.aadObjectId},${MEGAN.aadObjectId}`, APPROVALS_REQUIRED: '2' };

describe('a request nobody could ever approve is refused when it is made', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test("an approver's own request needing both of the two approvers is refused, with the reason", async () => {
    bot = await TestBot.start(scenario([PROD]), TWO_OF_TWO);
    await bot.say('enable plan P2', { ...GROUP, from: ALEX });
    const said = bot.connector.texts().join('\n');
    expect(said).toContain('needs 2 approvers other than you, and only 1 other approver is configured');
    expect(bot.connector.cards().some((c) => JSON.stringify(c).includes('approval.approve'))).toBe(false);
  });

  test('the same request from a non-approver can reach two approvals and is created', async () => {
    bot = await TestBot.start(scenario([PROD]), TWO_OF_TWO);
    await bot.say('enable plan P2', {
      ...GROUP,
      from: { ...ALEX, aadObjectId: '00000000-0000-0000-0000-0000000000aa', id: 'x', name: 'Pat' },
    });
    expect(bot.connector.cards().some((c) => JSON.stringify(c).includes('approval.approve'))).toBe(true);
  });
});
