import { ADELE, ALEX, EVE, MEGAN, type Person } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';
import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { waitFor } from '../helpers/wait-for';
import { auditWithRefusals } from '../helpers/audit';

// 30 × 400,000 = 12,000,000 requests: Plan 1 costs $2,400.00, Plan 2 $1,680.00.
const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 400_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const GROUP = { conversationId: '19:approvals@thread.v2', conversationType: 'groupChat' as const };
const APPROVERS = { APPROVER_IDS: `${MEGAN.aadObjectId},${ADELE.aadObjectId}` };
const text = (value: unknown): string => JSON.stringify(value);

type Card = { actions?: { verb: string; data: { approvalId: string } }[]; refresh?: { userIds: string[] } };

async function requestPlan2(bot: TestBot, from: Person = ALEX): Promise<{ approvalId: string; card: Card }> {
  await bot.say('enable plan P2', { ...GROUP, from });
  const card = bot.connector.cards().at(-1) as Card;
  const approve = card.actions?.find((a) => a.verb === 'approval.approve');
  if (!approve) throw new Error(`no Approve button on ${text(card)}`);
  return { approvalId: approve.data.approvalId, card };
}

const click = (bot: TestBot, verb: string, approvalId: string, from: Person) =>
  bot.click(verb, { approvalId }, { ...GROUP, from });
const pricingPuts = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter((r) => r.method === 'PUT' && /pricings\/Api/i.test(r.path));
const updates = (bot: TestBot) => bot.connector.calls.filter((c) => c.method === 'PUT').map((c) => text(c.activity));

describe('plan changes go through an approval', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('an approver approves from the card: one PUT, the card updates in place, the estimate shows the new plan', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    bot.connector.members = [ALEX, MEGAN, ADELE, EVE];
    const { approvalId, card } = await requestPlan2(bot);
    assertValidAdaptiveCard(card);
    expect(text(card)).toContain('Defender for APIs plan → Plan 2 (P2)');
    expect(text(card)).toContain('Plan 2 would cost $1,680.00 a month');
    expect(text(card)).toContain('Today (Plan 1) it costs $2,400.00, so Plan 2 saves $720.00 a month.');
    expect(card.refresh?.userIds).toEqual([MEGAN.id, ADELE.id]);

    const { body } = await click(bot, 'approval.approve', approvalId, MEGAN);
    expect(text(body)).toContain('Approved: applying the change');
    await bot.app.idle();

    expect(await pricingPuts(bot)).toEqual([expect.objectContaining({ status: 200 })]);
    await waitFor(() => updates(bot).some((u) => u.includes('Plan 2 is now active')), 5_000, 'the final card update');
    expect(updates(bot).at(-1)).toContain('Approved by Megan Bowen');

    bot.connector.clear();
    await bot.say('estimate traffic', GROUP);
    expect(text(bot.connector.cards()[0])).toContain('Plan 2 (recommended, current)');
  });

  test("a non-approver's click is refused, changes nothing and is audited", async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const { approvalId } = await requestPlan2(bot);
    const { body } = await click(bot, 'approval.approve', approvalId, EVE);
    expect(text(body)).toContain('Only the configured approvers can decide');
    expect(await pricingPuts(bot)).toEqual([]);

    const audit = await auditWithRefusals(bot, MEGAN, GROUP);
    expect(audit).toContain('approval.refused · refused: not_approver');
    expect(audit).toContain('Eve Intruder');
  });

  test('the requester cannot approve their own request, even as an approver', async () => {
    bot = await TestBot.start(scenario([PROD]), { APPROVER_IDS: `${ALEX.aadObjectId},${MEGAN.aadObjectId}` });
    const { approvalId } = await requestPlan2(bot, ALEX);
    const { body } = await click(bot, 'approval.approve', approvalId, ALEX);
    expect(text(body)).toContain('someone else has to approve it');
    expect(await pricingPuts(bot)).toEqual([]);
  });

  test('double clicks and two approvers at once execute the change exactly once', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const { approvalId } = await requestPlan2(bot);
    await Promise.all([
      click(bot, 'approval.approve', approvalId, MEGAN),
      click(bot, 'approval.approve', approvalId, MEGAN),
      click(bot, 'approval.approve', approvalId, ADELE),
      click(bot, 'approval.approve', approvalId, MEGAN),
    ]);
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);
  });

  test('the bot restarted between request and approval still completes the change', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const { approvalId } = await requestPlan2(bot);
    await bot.restart();
    await click(bot, 'approval.approve', approvalId, MEGAN);
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);
    await waitFor(() => updates(bot).some((u) => u.includes('Plan 2 is now active')), 5_000, 'the final card update');
  });

  test('an expired request cannot be approved', async () => {
    bot = await TestBot.start(scenario([PROD]), { ...APPROVERS, APPROVAL_TTL_HOURS: '0.0003' }); // ≈ 1 s
    const { approvalId } = await requestPlan2(bot);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { body } = await click(bot, 'approval.approve', approvalId, MEGAN);
    expect(text(body)).toContain('Expired without a decision: nothing was changed');
    expect(await pricingPuts(bot)).toEqual([]);
  });

  test('reject changes nothing, and a later approve finds it already decided', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const { approvalId } = await requestPlan2(bot);
    const rejected = await click(bot, 'approval.reject', approvalId, MEGAN);
    expect(text(rejected.body)).toContain('Rejected: nothing was changed');
    const late = await click(bot, 'approval.approve', approvalId, ADELE);
    expect(text(late.body)).toContain('Rejected: nothing was changed');
    expect((late.body as { value: Card }).value.actions ?? []).toEqual([]);
    expect(await pricingPuts(bot)).toEqual([]);
  });

  test('with two approvals required, the first approval waits for the second', async () => {
    bot = await TestBot.start(scenario([PROD]), { ...APPROVERS, APPROVALS_REQUIRED: '2' });
    const { approvalId } = await requestPlan2(bot);
    const first = await click(bot, 'approval.approve', approvalId, MEGAN);
    expect(text(first.body)).toContain('Waiting for approval (1 of 2)');
    await bot.app.idle();
    expect(await pricingPuts(bot)).toEqual([]);
    await click(bot, 'approval.approve', approvalId, ADELE);
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);
  });

  test('Azure refusing the change is reported on the card and in the audit log, naming the role', async () => {
    const faults = [{ method: 'PUT', pathRegex: 'pricings/Api', status: 403 }];
    bot = await TestBot.start(scenario([PROD], { faults }), APPROVERS);
    const { approvalId } = await requestPlan2(bot);
    await click(bot, 'approval.approve', approvalId, MEGAN);
    await bot.app.idle();
    await waitFor(() => updates(bot).some((u) => u.includes('Failed')), 5_000, 'the failure card');
    expect(updates(bot).at(-1)).toContain('Security Admin');
    await bot.say('audit', { ...GROUP, from: ADELE });
    expect(text(bot.connector.cards().at(-1))).toContain('change.failed · failed: azure_forbidden');
  });

  test('the audit log is for approvers only', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    await bot.say('audit', { ...GROUP, from: EVE });
    expect(bot.connector.texts().at(-1)).toContain('The audit log is for approvers only');
  });

  test('a plan that does not exist gets the usage', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    await bot.say('enable plan P7', GROUP);
    expect(bot.connector.texts().at(-1)).toMatch(/"P7" is not a plan/);
  });

  test('with "approvals here" set in the approvers\' channel, a request from a personal chat is decided there', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const CHANNEL = { conversationId: '19:approvers@thread.tacv2;messageid=7', conversationType: 'channel' as const };
    await bot.say('approvals here', { ...CHANNEL, from: EVE });
    expect(bot.connector.texts().at(-1)).toContain('Only an approver can choose where approval requests are posted');

    await bot.say('approvals here', { ...CHANNEL, from: MEGAN });
    expect(bot.connector.texts().at(-1)).toContain('From now on, approval requests from every chat are posted here');

    bot.connector.clear();
    await bot.say('enable plan P2', { conversationId: 'a:alex-personal', conversationType: 'personal', from: ALEX });
    const posted = bot.connector.messages().find((m) => m.activity.attachments?.length);
    expect(posted?.conversationId).toBe('19:approvers@thread.tacv2'); // a new post in the channel, not a thread reply
    expect(bot.connector.texts().at(-1)).toMatch(/I asked the approvers in \*\*.+\*\* to switch to Plan 2/);

    const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(text(posted?.activity))![1]!;
    await click(bot, 'approval.approve', approvalId, MEGAN);
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);
    await waitFor(
      () =>
        bot.connector.calls.some(
          (c) =>
            c.method === 'PUT' &&
            c.conversationId.startsWith('19:approvers') &&
            text(c.activity).includes('Plan 2 is now active'),
        ),
      5_000,
      'the card update in the channel',
    );
  });
});
