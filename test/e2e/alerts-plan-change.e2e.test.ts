import { ALEX, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';
import { settle, waitFor } from '../helpers/wait-for';

// Nov 20 (SCENARIO_NOW), 19 days × 300,000 = 5,700,000 this month: 570 % of Plan 1, 114 % of Plan 2.
const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-orders', perDay: 300_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const CHANNEL = '19:ops@thread.tacv2';
const IN_CHANNEL = { conversationId: CHANNEL, conversationType: 'channel' as const, mention: true };
const ENV = { ALERT_CHECK_INTERVAL_SECONDS: '1', APPROVER_IDS: MEGAN.aadObjectId };

type Card = { body: { text?: string; style?: string }[]; actions?: { verb: string; data: Record<string, string> }[] };
const titles = (bot: TestBot) =>
  (bot.connector.cards() as Card[])
    .map((card) => card.body?.find((b) => b.style === 'heading')?.text ?? '')
    .filter((title) => title.startsWith('Usage alert'));

jest.setTimeout(30_000);

describe('alerts follow the plan', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test("at 570 % one card (not 80 % and 100 %); after a mid-month switch to Plan 2, Plan 2's 100 % alert", async () => {
    bot = await TestBot.start(scenario([PROD]), ENV);
    await bot.say('alerts on', { ...IN_CHANNEL, from: ALEX });
    expect(bot.connector.texts().at(-1)).toContain('Already reached: 100% (posted at the next check).');
    await waitFor(() => titles(bot).length >= 1, 10_000, 'the first alert');
    await settle(2_500); // two more sweeps: a lower level must not follow
    expect(titles(bot)).toEqual(["Usage alert: 100% of Plan 1's entitlement reached"]);

    await bot.say('enable plan P2', { ...IN_CHANNEL, from: ALEX });
    const approve = (bot.connector.cards() as Card[])
      .flatMap((c) => c.actions ?? [])
      .find((a) => a.verb === 'approval.approve');
    await bot.click('approval.approve', { approvalId: approve?.data.approvalId }, { ...IN_CHANNEL, from: MEGAN });
    await bot.app.idle();

    await waitFor(() => titles(bot).length >= 2, 10_000, "Plan 2's alert");
    await settle(2_500);
    expect(titles(bot)).toEqual([
      "Usage alert: 100% of Plan 1's entitlement reached",
      "Usage alert: 100% of Plan 2's entitlement reached",
    ]);
  });
});
