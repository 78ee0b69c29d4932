import { actionExecuteActivity, ALEX, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';
import { waitFor } from '../helpers/wait-for';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 400_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const GROUP = { conversationId: '19:approvals@thread.v2', conversationType: 'groupChat' as const };
const APPROVERS = { APPROVER_IDS: MEGAN.aadObjectId };
/** Short Teams timeouts, so a hang is noticed in a fraction of a second rather than seconds. */
const FAST = { teams: { timeouts: { connectorCallMs: 300 }, cardUpdateRetryDelaysMs: [20, 20] } };
const text = (value: unknown): string => JSON.stringify(value);

async function requestPlan2(bot: TestBot): Promise<string> {
  await bot.say('enable plan P2', { ...GROUP, from: ALEX });
  const card = bot.connector.cards().at(-1) as { actions?: { verb: string; data: { approvalId: string } }[] };
  const id = card.actions?.find((a) => a.verb === 'approval.approve')?.data.approvalId;
  if (!id) throw new Error(`no Approve button on ${text(card)}`);
  return id;
}

const pricingPuts = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter((r) => r.method === 'PUT' && /pricings\/Api/i.test(r.path));
const cardUpdates = (bot: TestBot) => bot.connector.calls.filter((c) => c.method === 'PUT');

describe('a card click is always answered, whatever the connector does with the card update', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test.each([
    ['500', 500, undefined],
    ['429 without Retry-After', 429, undefined],
  ])(
    'Approve while the card update fails with %s: 200 with the card, the change runs once, the update is retried',
    async (_name, status) => {
      bot = await TestBot.start(scenario([PROD]), APPROVERS, FAST);
      const approvalId = await requestPlan2(bot);
      bot.connector.failNextUpdates(status, 2);

      const answer = await bot.click('approval.approve', { approvalId }, { ...GROUP, from: MEGAN });
      expect(answer.status).toBe(200);
      expect(text(answer.body)).toContain('application/vnd.microsoft.card.adaptive');
      expect(text(answer.body)).toContain('Approved');
      await bot.app.idle();

      expect(await pricingPuts(bot)).toHaveLength(1);
      expect(bot.connector.refused.filter((r) => r.status === status).length).toBeGreaterThanOrEqual(2);
      await waitFor(() => cardUpdates(bot).length > 0, 5_000, 'the retried card update');
    },
  );

  test('Approve while the card update hangs: 200 with the card within the connector timeout', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, FAST);
    const approvalId = await requestPlan2(bot);
    bot.connector.hangNext('PUT', 10);

    const answer = await bot.click('approval.approve', { approvalId }, { ...GROUP, from: MEGAN });
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toContain('Approved');
    await bot.app.idle(); // the hung updates give up after connectorCallMs each
    expect(bot.connector.hung.length).toBeGreaterThanOrEqual(1);
    expect(await pricingPuts(bot)).toHaveLength(1);
  });

  test('an invoke without replyToId (the Playground) is answered with the card and no update is attempted', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, FAST);
    const approvalId = await requestPlan2(bot);
    bot.connector.clear();
    const activity = { ...actionExecuteActivity('approval.refresh', { approvalId }, bot.options(GROUP)) };
    delete (activity as { replyToId?: string }).replyToId;

    const answer = await bot.post(activity);
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toContain('Waiting for');
    await bot.app.idle();
    expect(cardUpdates(bot)).toEqual([]);
  });

  test('an invoke whose work outlives Teams’ wait is answered "still working", and its result follows as a message', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, {
      teams: { timeouts: { connectorCallMs: 1_000, invokeBudgetMs: 300 } },
    });
    // The typing indicator and the approval card's post (which waits for the indicator to end): the invoke's work
    // waits on them, then gives up.
    bot.connector.hangNext('POST', 2);

    const answer = await bot.click('plan.enable', { planId: 'P2', subscriptionId: SUB_PROD }, { ...GROUP, from: ALEX });
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toContain('still on it');
    await bot.app.idle();
    expect(bot.connector.hung).toHaveLength(2);
    expect(bot.connector.texts().at(-1)).toContain('Teams did not answer in time');
  });

  test('a message turn whose reply hangs answers its HTTP request and tells the person', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, FAST);
    bot.connector.hangNext('POST', 1);
    const answer = await bot.say('help', GROUP);
    expect(answer.status).toBe(200);
    await bot.app.idle();
    expect(bot.connector.texts().join('\n')).toContain('Teams did not answer in time');
  });

  test('a card action whose result comes after Teams stopped waiting posts the result as a message', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, { teams: { timeouts: { invokeBudgetMs: 1 } } });
    const answer = await bot.click('plan.compare', { subscriptionId: SUB_PROD }, GROUP);
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toContain('will post the result here');
    await bot.app.idle();
    expect(text(bot.connector.cards().at(-1))).toContain('Plan 2');
  });

  test('a message turn past its budget answers its HTTP request at once and still replies when done', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS, { teams: { timeouts: { messageBudgetMs: 1 } } });
    const answer = await bot.say('estimate traffic', GROUP);
    expect(answer.status).toBe(200);
    await bot.app.idle();
    expect(text(bot.connector.cards().at(-1))).toContain('Plan 2');
  });
});
