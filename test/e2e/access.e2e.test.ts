import { ALEX, EVE, MEGAN } from '../helpers/activities';
import { auditWithRefusals } from '../helpers/audit';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 200_000 })]);
const DEV = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 1_000 })]);
const OUR_TENANT = '7e57a000-0000-4000-8000-00000000a11d';
const OTHER_TENANT = '0bad0000-0000-4000-8000-0000000e7e00';
const CHANNEL = { conversationId: '19:api-team@thread.tacv2', conversationType: 'channel' as const };
const text = (value: unknown): string => JSON.stringify(value);
const lastText = (bot: TestBot) => bot.connector.texts().at(-1) ?? '';
const metricReads = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter((r) => /metrics|Microsoft\.ApiManagement/i.test(r.path));

describe('tenants: only ALLOWED_TENANT_IDS may use the bot', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('a message and a click from another tenant get a short refusal and change nothing', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]), {
      ALLOWED_TENANT_IDS: OUR_TENANT,
      APPROVER_IDS: MEGAN.aadObjectId,
    });
    const ours = { tenantId: OUR_TENANT };
    const forged = { tenantId: OTHER_TENANT };
    await bot.say('use subscription Contoso Dev', forged);
    expect(lastText(bot)).toMatch(/not available to your organisation/);
    const click = await bot.click('subscription.use', { subscriptionId: SUB_DEV }, forged);
    expect(text(click.body)).toMatch(/not available to your organisation/);
    await bot.say('alerts on', forged);
    expect(await metricReads(bot)).toEqual([]);

    // Nothing was chosen or subscribed for that conversation: our tenant still has to pick, and has no alerts.
    bot.connector.clear();
    await bot.say('status', ours);
    // Nothing was chosen for this chat: with two visible subscriptions it answers with the pick card.
    expect(text(bot.connector.cards().at(-1))).toMatch(/I can see 2 subscriptions/);
    await bot.say('alerts status', ours);
    expect(lastText(bot)).toMatch(/^Alerts are off in this chat/);
  });

  test('a flood of refusals from one tenant is audited once per minute, not once per message', async () => {
    bot = await TestBot.start(scenario([PROD]), { ALLOWED_TENANT_IDS: OUR_TENANT, APPROVER_IDS: MEGAN.aadObjectId });
    for (let i = 0; i < 30; i++) await bot.say('help', { tenantId: OTHER_TENANT, from: EVE });
    const audit = await auditWithRefusals(bot, MEGAN, { tenantId: OUR_TENANT });
    expect(audit.match(/refused: tenant_not_allowed/g)).toHaveLength(1);
    expect(audit).toContain(`tenant ${OTHER_TENANT}`);
  });
});

describe('ACCESS_MODE=bound: a conversation sees only the subscriptions bound to it', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());
  const start = () => TestBot.start(scenario([PROD, DEV]), { ACCESS_MODE: 'bound', APPROVER_IDS: MEGAN.aadObjectId });

  test('an unbound conversation is told how to get bound and sees no Azure data', async () => {
    bot = await start();
    for (const command of ['estimate traffic', 'status', 'subscriptions', 'use subscription Contoso Dev']) {
      await bot.say(command, CHANNEL);
      expect(lastText(bot)).toMatch(/not bound to any Azure subscription.*bind subscription <name or id>/);
    }
    const forged = await bot.click('plan.compare', { subscriptionId: SUB_PROD }, CHANNEL);
    expect(text(forged.body)).toMatch(/not bound to any Azure subscription/);
    const alert = await bot.click('alert.refresh', { alertId: `${SUB_PROD}/2026-11/pct-80` }, CHANNEL);
    expect(text(alert.body)).toMatch(/not bound to any Azure subscription/);
    expect(bot.connector.cards()).toEqual([]);
    expect(await metricReads(bot)).toEqual([]);
  });

  test('an admin binds a subscription: reads, choices and buttons are limited to it, and it survives a restart', async () => {
    bot = await start();
    await bot.say('bind subscription Contoso Production', { ...CHANNEL, from: MEGAN });
    expect(lastText(bot)).toMatch(/This chat may now work on \*\*Contoso Production\*\*/);
    await bot.restart();

    bot.connector.clear();
    await bot.say('subscriptions', CHANNEL);
    const listed = text(bot.connector.cards()[0]);
    expect(listed).toContain('Contoso Production');
    expect(listed).not.toContain('Contoso Dev');
    await bot.say('use subscription Contoso Dev', CHANNEL);
    expect(lastText(bot)).toMatch(/No subscription matches "Contoso Dev"/);
    const forged = await bot.click('plan.compare', { subscriptionId: SUB_DEV }, CHANNEL);
    expect(text(forged.body)).toMatch(/names a subscription I cannot see/);
    await bot.say('estimate traffic', CHANNEL); // one visible subscription: used without asking
    expect(text(bot.connector.cards().at(-1))).toContain('6,000,000');

    // Another conversation is not bound by this one's binding.
    await bot.say('estimate traffic', { conversationId: 'a:other-chat' });
    expect(lastText(bot)).toMatch(/not bound to any Azure subscription/);

    await bot.say('bindings', { ...CHANNEL, from: MEGAN });
    expect(lastText(bot)).toMatch(/Contoso Production.*bound by Megan Bowen/);
    await bot.say('alerts on', CHANNEL);
    expect(lastText(bot)).toMatch(/Alerts are on in this chat for \*\*Contoso Production\*\*/);
    await bot.say('unbind subscription Contoso Production', { ...CHANNEL, from: MEGAN });
    expect(lastText(bot)).toMatch(/no longer works on \*\*Contoso Production\*\*.*entitlement alerts here are off/);
    await bot.say('alerts status', CHANNEL);
    expect(lastText(bot)).toMatch(/^Alerts are off in this chat/);
    await bot.say('estimate traffic', CHANNEL);
    expect(lastText(bot)).toMatch(/not bound to any Azure subscription/);
  });

  test('only admins bind, unbind or list bindings; the refusal is audited', async () => {
    bot = await start();
    for (const command of ['bind subscription Contoso Dev', 'unbind subscription Contoso Dev', 'bindings']) {
      await bot.say(command, { ...CHANNEL, from: EVE });
      expect(lastText(bot)).toMatch(/Only admins of this bot/);
    }
    await bot.say('estimate traffic', { ...CHANNEL, from: EVE });
    expect(lastText(bot)).toMatch(/not bound/);
    expect(await auditWithRefusals(bot, MEGAN)).toContain('refused: not_admin');
  });

  test('ADMIN_IDS names the admins instead of the approvers', async () => {
    bot = await TestBot.start(scenario([PROD, DEV]), {
      ACCESS_MODE: 'bound',
      APPROVER_IDS: MEGAN.aadObjectId,
      ADMIN_IDS: ALEX.aadObjectId,
    });
    await bot.say('bind subscription Contoso Dev', { ...CHANNEL, from: MEGAN });
    expect(lastText(bot)).toMatch(/Only admins of this bot/);
    await bot.say('bind subscription Contoso Dev', { ...CHANNEL, from: ALEX });
    expect(lastText(bot)).toMatch(/This chat may now work on \*\*Contoso Dev\*\*/);
  });
});
