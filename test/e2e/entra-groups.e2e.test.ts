import { ADELE, ALEX, EVE, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 400_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const APPROVERS_GROUP = 'a9900000-0000-4000-8000-0000000a9900';
const ON_CALL_GROUP = '0c000000-0000-4000-8000-00000000ca11';
const ADMINS_GROUP = 'ad000000-0000-4000-8000-0000000ad000';
// Megan is in "On-call", which is a member of "API approvers": she approves through the nested group.
const GRAPH = {
  groups: [
    { id: APPROVERS_GROUP, displayName: 'API approvers', members: [ON_CALL_GROUP] },
    { id: ON_CALL_GROUP, displayName: 'On-call', members: [MEGAN.aadObjectId] },
    { id: ADMINS_GROUP, displayName: 'Bot admins', members: [ALEX.aadObjectId] },
  ],
};
const GROUP_CHAT = { conversationId: '19:approvals@thread.v2', conversationType: 'groupChat' as const };
const text = (value: unknown): string => JSON.stringify(value);
const graphCalls = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter(
    (r) => r.method === 'POST' && /\/v1\.0\/users\/.+\/checkMemberGroups/.test(r.path),
  );
const pricingPuts = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter((r) => r.method === 'PUT' && /pricings\/Api/i.test(r.path));

async function requestPlan2(bot: TestBot): Promise<string> {
  await bot.say('enable plan P2', { ...GROUP_CHAT, from: ALEX });
  const card = bot.connector.cards().at(-1) as { actions?: { verb: string; data: { approvalId: string } }[] };
  const approve = card.actions?.find((a) => a.verb === 'approval.approve');
  if (!approve) throw new Error(`no Approve button on ${text(card)}`);
  return approve.data.approvalId;
}

describe('Entra groups (APPROVER_GROUP_IDS, ADMIN_GROUP_IDS) through Microsoft Graph', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('a member of a nested group approves; a non-member is refused; answers are cached briefly', async () => {
    bot = await TestBot.start(scenario([PROD], { graph: GRAPH }), { APPROVER_GROUP_IDS: APPROVERS_GROUP });
    const approvalId = await requestPlan2(bot);
    expect(text(bot.connector.cards().at(-1))).toContain(
      'from the configured approvers and the members of 1 Entra group;',
    );

    const refused = await bot.click('approval.approve', { approvalId }, { ...GROUP_CHAT, from: EVE });
    expect(text(refused.body)).toContain('Only the configured approvers can decide');
    const approved = await bot.click('approval.approve', { approvalId }, { ...GROUP_CHAT, from: MEGAN });
    expect(text(approved.body)).toContain('Approved: applying the change');
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);

    // Megan asked Graph once for the click; the audit right after is answered from the cache.
    await bot.say('audit', { from: MEGAN });
    expect(text(bot.connector.cards().at(-1))).toContain('approval.approved');
    const megansChecks = (await graphCalls(bot)).filter((r) => r.path.includes(MEGAN.aadObjectId));
    expect(megansChecks).toHaveLength(1);
  });

  test('when Graph cannot answer, group members are refused with a clear message; APPROVER_IDS still work', async () => {
    const faults = [{ method: 'POST', pathRegex: 'checkMemberGroups', status: 503 }];
    bot = await TestBot.start(scenario([PROD], { graph: GRAPH, faults }), {
      APPROVER_GROUP_IDS: APPROVERS_GROUP,
      APPROVER_IDS: ADELE.aadObjectId,
    });
    const approvalId = await requestPlan2(bot);
    const closed = await bot.click('approval.approve', { approvalId }, { ...GROUP_CHAT, from: MEGAN });
    expect(text(closed.body)).toMatch(/couldn't check your Microsoft Entra group membership with Microsoft Graph/);
    expect(text(closed.body)).toMatch(/nothing was changed/);
    expect(await pricingPuts(bot)).toEqual([]);

    const approved = await bot.click('approval.approve', { approvalId }, { ...GROUP_CHAT, from: ADELE });
    expect(text(approved.body)).toContain('Approved: applying the change');
    await bot.app.idle();
    expect(await pricingPuts(bot)).toHaveLength(1);
  });

  test('ADMIN_GROUP_IDS: a group member binds subscriptions, others may not', async () => {
    bot = await TestBot.start(scenario([PROD], { graph: GRAPH }), {
      ACCESS_MODE: 'bound',
      ADMIN_GROUP_IDS: ADMINS_GROUP,
    });
    await bot.say('bind subscription Contoso Production', { ...GROUP_CHAT, from: MEGAN });
    expect(bot.connector.texts().at(-1)).toMatch(/Only admins of this bot/);
    await bot.say('bind subscription Contoso Production', { ...GROUP_CHAT, from: ALEX });
    expect(bot.connector.texts().at(-1)).toMatch(/This chat may now work on \*\*Contoso Production\*\*/);
  });
});
