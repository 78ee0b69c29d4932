import { ALEX, EVE, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';
import { assertValidAdaptiveCard } from '../helpers/validate-card';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 400_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const GROUP = { conversationId: '19:api-team@thread.v2', conversationType: 'groupChat' as const };
const MEGAN_1TO1 = `a:personal-with-${MEGAN.id}`;
const text = (value: unknown): string => JSON.stringify(value);
type Card = { actions?: { title: string; verb: string; data: Record<string, unknown> }[] };

async function requestPlan2(bot: TestBot): Promise<string> {
  await bot.say('enable plan P2', { ...GROUP, from: ALEX });
  const card = bot.connector.cards().at(-1) as Card;
  const approve = card.actions?.find((a) => a.verb === 'approval.approve');
  if (!approve) throw new Error(`no Approve button on ${text(card)}`);
  return approve.data.approvalId as string;
}

const cardsIn = (bot: TestBot, conversationId: string) =>
  bot.connector
    .messages()
    .filter((c) => c.conversationId === conversationId)
    .flatMap((c) => (c.activity.attachments ?? []).map((a) => a.content as Card));

describe('the audit log is private to the approver who asks', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());
  const start = () => TestBot.start(scenario([PROD]), { APPROVER_IDS: MEGAN.aadObjectId });

  test('asked in a group chat, the card goes to the approver’s personal chat; the room gets one line', async () => {
    bot = await start();
    await requestPlan2(bot);
    bot.connector.clear();
    await bot.say('audit', { ...GROUP, from: MEGAN });
    expect(bot.connector.created).toEqual([
      expect.objectContaining({ conversationId: MEGAN_1TO1, memberId: MEGAN.id }),
    ]);
    expect(text(cardsIn(bot, MEGAN_1TO1))).toContain('approval.requested');
    assertValidAdaptiveCard(cardsIn(bot, MEGAN_1TO1)[0]);
    expect(cardsIn(bot, GROUP.conversationId)).toEqual([]);
    expect(bot.connector.texts().at(-1)).toMatch(/sent you the audit log in our personal chat/);
  });

  test('when Teams will not open a personal chat, the log is not shown in the room', async () => {
    bot = await start();
    bot.connector.refuseNewConversations = true;
    await bot.say('audit', { ...GROUP, from: MEGAN });
    expect(bot.connector.cards()).toEqual([]);
    expect(bot.connector.texts().at(-1)).toMatch(/could not message you personally.*type "audit" there/);
  });

  test('a flood of refused clicks cannot hide the request; shown with refusals, they fold into one line', async () => {
    bot = await start();
    const approvalId = await requestPlan2(bot);
    for (let i = 0; i < 25; i++) await bot.click('approval.approve', { approvalId }, { ...GROUP, from: EVE });
    await bot.say('audit', { from: MEGAN });
    const first = bot.connector.cards().at(-1) as Card;
    expect(text(first)).toContain('approval.requested');
    expect(text(first)).not.toContain('refused');

    const toggle = first.actions?.find((a) => a.title === 'Show refusals too');
    const all = await bot.click('audit.page', toggle!.data, { from: MEGAN });
    const shown = text(all.body);
    expect(shown.match(/approval\.refused · refused: not_approver/g)).toHaveLength(1);
    expect(shown).toMatch(/refused: not_approver · ×25 since/);
    expect(shown).toContain('approval.requested');
  });

  test('Next and Previous page through the log; a non-approver cannot page it', async () => {
    bot = await start();
    for (let i = 0; i < 12; i++) await requestPlan2(bot); // 12 requests: more than one page of 10
    await bot.say('audit', { from: MEGAN });
    const first = bot.connector.cards().at(-1) as Card;
    expect(text(first).match(/approval\.requested/g)).toHaveLength(10);
    const next = first.actions?.find((a) => a.title === 'Next');
    expect(first.actions?.find((a) => a.title === 'Previous')).toBeUndefined();

    const second = (await bot.click('audit.page', next!.data, { from: MEGAN })).body as { value: Card };
    expect(text(second.value).match(/approval\.requested/g)).toHaveLength(2);
    expect(second.value.actions?.map((a) => a.title)).toEqual(['Previous', 'Show refusals too']);

    const forged = await bot.click('audit.page', next!.data, { from: EVE });
    expect(text(forged.body)).toContain('The audit log is for approvers only');
    expect(text(forged.body)).not.toContain('approval.requested');
  });
});

describe("an approval card's refresh shows its details only in its conversation and to approvers", () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('another conversation gets "no record"; the card’s conversation and approvers get the card', async () => {
    bot = await TestBot.start(scenario([PROD]), { APPROVER_IDS: MEGAN.aadObjectId });
    const approvalId = await requestPlan2(bot);
    const elsewhere = await bot.click('approval.refresh', { approvalId }, { conversationId: 'a:eve-dm', from: EVE });
    expect(text(elsewhere.body)).toContain('I have no record of that approval request');
    expect(text(elsewhere.body)).not.toContain('Plan 2');

    const here = await bot.click('approval.refresh', { approvalId }, { ...GROUP, from: EVE });
    expect(text(here.body)).toContain('Plan 2');
    const approver = await bot.click('approval.refresh', { approvalId }, { conversationId: 'a:megan-dm', from: MEGAN });
    expect(text(approver.body)).toContain('Plan 2');
  });
});
