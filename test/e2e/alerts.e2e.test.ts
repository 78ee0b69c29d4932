import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/services/audit-log';
import { FileStore } from '../../src/storage/file-store';
import { TestBot } from '../helpers/bot-harness';
import { botAddedActivity } from '../helpers/activities';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';
import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { settle, waitFor } from '../helpers/wait-for';

// SCENARIO_NOW is Nov 20, 00:00 UTC; 19 days × 50,000 = 950,000 this month: 95 % of Plan 1, projected 1,500,000.
// Levels: 80 % and "projected to exceed"; 100 % is not reached.
const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-orders', perDay: 50_000 })], {
  pricingTier: 'Standard',
  subPlan: 'P1',
});
const CHANNEL = '19:ops@thread.tacv2';
const IN_CHANNEL = {
  conversationId: `${CHANNEL};messageid=1700000000000`,
  conversationType: 'channel' as const,
  mention: true,
};
const FAST = { ALERT_CHECK_INTERVAL_SECONDS: '1' };
/** Long enough for 2+ sweeps at a 1 s interval: time for a wrong repeat to show up. */
const SWEEPS = 2_500;

const text = (value: unknown): string => JSON.stringify(value);
type Action = { title: string; verb: string; data: Record<string, unknown> };
const actionsOf = (card: unknown): Action[] => (card as { actions?: Action[] }).actions ?? [];
const titleOf = (card: unknown): string =>
  ((card as { body: { text?: string; style?: string }[] }).body.find((b) => b.style === 'heading')?.text as string) ??
  '';

function alertCards(bot: TestBot, conversationId = CHANNEL) {
  return bot.connector
    .messages()
    .filter((c) => c.conversationId === conversationId)
    .flatMap((c) => (c.activity.attachments ?? []).map((a) => a.content))
    .filter((card) => titleOf(card).startsWith('Usage alert'));
}

async function auditOf(bot: TestBot): Promise<AuditEntry[]> {
  const store = new FileStore(path.join(bot.dataDir, 'state'));
  const entries = await Promise.all((await store.list('audit/')).map((k) => store.get<AuditEntry>(k)));
  return entries.flatMap((e) => (e ? [e.value] : []));
}

// Background sweeps, restarts and the connector client's own Retry-After waits take seconds.
jest.setTimeout(30_000);

describe('proactive entitlement alerts, end to end', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('alerts on in a channel: answers with thresholds and usage, then posts one card per level to the channel, never again, not even after a restart', async () => {
    bot = await TestBot.start(scenario([PROD]), FAST);
    await bot.say('alerts on', IN_CHANNEL);
    const reply = bot.connector.texts()[0] ?? '';
    expect(reply).toContain('Alerts are on in this chat for **Contoso Production**.');
    expect(reply).toContain("reach 80% and 100% of Plan 1's 1,000,000 included calls");
    expect(reply).toContain('Today: 950,000 requests this month (95.0%)');
    expect(reply).toContain(
      'Already reached: 80% (posted at the next check), projected to exceed by month end (posted at the next check).',
    );

    await waitFor(() => alertCards(bot).length >= 2, 10_000, 'two alert cards');
    const cards = alertCards(bot);
    for (const card of cards) assertValidAdaptiveCard(card);
    expect(cards.map(titleOf).sort()).toEqual([
      "Usage alert: 80% of Plan 1's entitlement reached",
      "Usage alert: projected to exceed Plan 1's entitlement by Nov 30",
    ]);
    expect(text(cards[0])).toContain('950,000 requests (95.0%)');
    // Posted to the channel itself, not as a reply in the thread where "alerts on" was typed.
    expect(bot.connector.messages().filter((m) => m.conversationId === IN_CHANNEL.conversationId)).toHaveLength(1);

    await settle(SWEEPS);
    expect(alertCards(bot)).toHaveLength(2);
    await bot.restart();
    await settle(SWEEPS);
    expect(alertCards(bot)).toHaveLength(2);
    expect((await auditOf(bot)).filter((e) => e.action === 'alert.sent' && e.outcome === 'ok')).toHaveLength(2);
  });

  test('two bot instances sharing Blob storage (Azurite) post each level exactly once', async () => {
    const azurite: RunningAzurite = await startAzurite();
    const shared = {
      ...FAST,
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: `alerts-${randomUUID().slice(0, 8)}`,
    };
    const other = await TestBot.start(scenario([PROD]), shared);
    try {
      bot = await TestBot.start(scenario([PROD]), shared);
      await bot.say('alerts on', IN_CHANNEL);
      await waitFor(() => alertCards(bot).length >= 2, 15_000, 'two alert cards');
      await waitFor(
        async () => (await other.sandboxRequests()).some((r) => r.path.includes('metrics:getBatch')),
        10_000,
        'the second instance to check usage too',
      );
      await settle(SWEEPS);
      expect(alertCards(bot).map(titleOf).sort()).toEqual([
        "Usage alert: 80% of Plan 1's entitlement reached",
        "Usage alert: projected to exceed Plan 1's entitlement by Nov 30",
      ]);
    } finally {
      await other.close();
      await bot?.close();
      bot = undefined as unknown as TestBot; // closed here, before its storage goes away
      await azurite.stop();
    }
  }, 60_000);

  test('Teams throttling (429 twice, Retry-After 1 s) delivers the alert once, after the connector client’s own retries', async () => {
    const busy = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-orders', perDay: 60_000 })], {
      pricingTier: 'Standard',
    }); // 1,140,000: with ALERT_THRESHOLDS=80 only the 80 % level fires
    bot = await TestBot.start(scenario([busy]), { ...FAST, ALERT_THRESHOLDS: '80' });
    bot.connector.failNext(429, 2, 1, CHANNEL);
    await bot.say('alerts on', IN_CHANNEL);
    await waitFor(() => alertCards(bot).length >= 1, 15_000, 'the alert card');
    await settle(SWEEPS);
    expect(alertCards(bot)).toHaveLength(1);
    expect(bot.connector.refused).toEqual([
      { status: 429, conversationId: CHANNEL },
      { status: 429, conversationId: CHANNEL },
    ]); // 3 attempts in all: no retry loop around the client's retry loop
  });

  test('403 (bot removed from the channel) drops the alert subscription and audits it', async () => {
    bot = await TestBot.start(scenario([PROD]), { ...FAST, ALERT_THRESHOLDS: '80' });
    bot.connector.failNext(403, 1, undefined, CHANNEL);
    await bot.say('alerts on', IN_CHANNEL);
    await waitFor(
      async () => (await auditOf(bot)).some((e) => e.action === 'alert.dropped'),
      10_000,
      'alert.dropped in the audit log',
    );
    const dropped = (await auditOf(bot)).find((e) => e.action === 'alert.dropped');
    expect(dropped).toMatchObject({
      subscriptionId: SUB_PROD,
      target: `conversation ${CHANNEL}`,
      outcome: 'dropped: HTTP 403',
    });
    expect(bot.connector.refused).toEqual([{ status: 403, conversationId: CHANNEL }]); // 403 is not retried
    await bot.say('alerts status', IN_CHANNEL);
    expect(bot.connector.texts().at(-1)).toMatch(/^Alerts are off in this chat\./);
    expect(alertCards(bot)).toEqual([]);
  });

  test('Acknowledge and Snooze 24 h update the card in place for everyone and are persisted', async () => {
    bot = await TestBot.start(scenario([PROD]), { ...FAST, ALERT_THRESHOLDS: '80' });
    await bot.say('alerts on', IN_CHANNEL);
    await waitFor(() => alertCards(bot).length >= 2, 10_000, 'alert cards');
    const ack = actionsOf(alertCards(bot)[0]).find((a) => a.verb === 'alert.ack') as Action;
    const clicked = await bot.click('alert.ack', ack.data, IN_CHANNEL);
    expect(clicked.status).toBe(200);
    const updated = (clicked.body as { value: unknown }).value;
    assertValidAdaptiveCard(updated);
    expect(text(updated)).toMatch(/Acknowledged by Alex Wilber on Nov 20, 2026, 00:0\d UTC\./);
    expect(actionsOf(updated).map((a) => a.title)).not.toContain('Acknowledge');
    await bot.app.idle(); // the card is replaced for everyone in the background, after the click was answered
    const put = bot.connector.calls.find((c) => c.method === 'PUT');
    expect(put?.activityId).toBe('activity-1'); // the clicked card's message, replaced for the whole channel
    expect(text(put?.activity)).toContain('Acknowledged by Alex Wilber');

    const snoozed = await bot.click('alert.snooze', ack.data, IN_CHANNEL);
    expect(text(snoozed.body)).toMatch(/snoozed in this chat until Nov 21, 2026, 00:0\d UTC \(by Alex Wilber\)/);
    expect(text(snoozed.body)).toContain('Acknowledged by Alex Wilber'); // the ack was stored, not just shown
    await bot.say('alerts status', IN_CHANNEL);
    expect(bot.connector.texts().at(-1)).toMatch(
      /\*\*Contoso Production\*\* \(turned on by Alex Wilber, snoozed until Nov 21, 00:0\d UTC\)/,
    );
  });

  test('alerts off stops them; alerts status says so', async () => {
    // First sweep 2 s after start: "alerts on" and "alerts off" are both done well before it.
    bot = await TestBot.start(scenario([PROD]), { ALERT_CHECK_INTERVAL_SECONDS: '2' });
    await bot.say('alerts on', IN_CHANNEL);
    await bot.say('alerts off', IN_CHANNEL);
    expect(bot.connector.texts().at(-1)).toBe('Alerts are off in this chat (it watched **Contoso Production**).');
    await bot.say('alerts status', IN_CHANNEL);
    expect(bot.connector.texts().at(-1)).toMatch(/^Alerts are off in this chat\. Type "alerts on"/);
    await settle(3_000); // past the first sweep
    expect(alertCards(bot)).toEqual([]);
    const metricReads = (await bot.sandboxRequests()).filter((r) => r.path.includes('metrics:getBatch'));
    expect(metricReads).toHaveLength(1); // the usage "alerts on" answered with; the sweep watched nothing
    expect((await auditOf(bot)).map((e) => e.action).sort()).toEqual(['alerts.subscribed', 'alerts.unsubscribed']);
  });

  test('works in a personal chat too, and a Free subscription is compared with Plan 1', async () => {
    const free = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 50_000 })]);
    bot = await TestBot.start(scenario([free]), { ...FAST, ALERT_THRESHOLDS: '80' });
    await bot.say('alerts on');
    expect(bot.connector.texts()[0]).toContain(
      'Defender for APIs is off in this subscription, so I compare with Plan 1',
    );
    await waitFor(() => alertCards(bot, 'a:personal-chat-1').length >= 2, 10_000, 'alert cards in the personal chat');
    const card = alertCards(bot, 'a:personal-chat-1').find((c) => titleOf(c).includes('80%'));
    expect(text(card)).toContain('Defender for APIs is off in this subscription. Enabling it applies Plan 1');
    expect(text(card)).toContain('Cost on Plan 1 (if enabled)');
  });

  test('installing the bot stores the conversation reference but does not subscribe', async () => {
    bot = await TestBot.start(scenario([PROD]), FAST);
    const install = botAddedActivity(bot.connector.url, CHANNEL, 'channel', {
      membersAdded: [{ id: '28:bot' }],
      eventType: 'teamMemberAdded',
    });
    expect((await bot.post(install)).status).toBe(200);
    const store = new FileStore(path.join(bot.dataDir, 'state'));
    const stored = await store.get<{ conversationId: string; reference: { serviceUrl: string } }>(
      `conversations/${encodeURIComponent(CHANNEL)}/reference`,
    );
    expect(stored?.value).toMatchObject({ conversationId: CHANNEL, reference: { serviceUrl: bot.connector.url } });
    expect(await store.list('alerts/subscriptions/')).toEqual([]);
  });
});
