import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TestBot } from '../helpers/bot-harness';
import { ALEX, MEGAN } from '../helpers/activities';
import { recordingLogger } from '../helpers/log-lines';
import { waitFor } from '../helpers/wait-for';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';

const PROD = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-orders-eus', perDay: 1_000 })]);

async function get(bot: TestBot, route: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${bot.app.url}${route}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The value of one Prometheus sample, e.g. sample(text, 'x_total{a="b"}'); undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /readyz', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('200 with each check when storage and the sandbox Azure answer', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const { status, text } = await get(bot, '/readyz');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({
      status: 'ready',
      ready: true,
      checks: { storage: { ok: true }, azure: { ok: true } },
    });
  });

  test('503 naming Azure when the sandbox answers ARM calls with errors', async () => {
    bot = await TestBot.start(
      scenario([PROD], { faults: [{ method: 'GET', pathRegex: '^/subscriptions\\?', status: 500 }] }),
    );
    const { status, text } = await get(bot, '/readyz');
    expect(status).toBe(503);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 'not ready', ready: false, checks: { storage: { ok: true } } });
    expect(body.checks.azure).toMatchObject({ ok: false, reason: expect.stringContaining('500') });
  });

  test('503 when Azure does not answer within the check timeout', async () => {
    bot = await TestBot.start(scenario([PROD], { latencyMs: 2_000 }), {}, { readinessTimeoutMs: 200 });
    const { status, text } = await get(bot, '/readyz');
    expect(status).toBe(503);
    expect(JSON.parse(text).checks.azure).toMatchObject({ ok: false, reason: 'no answer within 200 ms' });
  });

  test('503 naming storage when the state folder cannot be read', async () => {
    bot = await TestBot.start(scenario([PROD]));
    const state = path.join(bot.dataDir, 'state');
    await rm(state, { recursive: true, force: true });
    await writeFile(state, 'not a folder'); // every read below it now fails with ENOTDIR
    const { status, text } = await get(bot, '/readyz');
    expect(status).toBe(503);
    const body = JSON.parse(text);
    expect(body.checks.storage).toMatchObject({ ok: false, reason: expect.stringContaining('ENOTDIR') });
    expect(body.checks.azure).toMatchObject({ ok: true });
  });
});

describe('GET /metrics', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('Prometheus text with turns by command and outcome, Azure calls by status (429 visible), approvals', async () => {
    const faults = [{ method: 'GET', pathRegex: '^/subscriptions\\?', status: 429, retryAfterSeconds: 0, count: 1 }];
    bot = await TestBot.start(scenario([PROD], { faults }));
    expect((await bot.say('help')).status).toBe(200);
    expect((await bot.say('estimate traffic')).status).toBe(200);
    expect((await bot.say('no such command')).status).toBe(200);
    const { status, type, text } = await get(bot, '/metrics');
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(text).toContain('# TYPE defender_bot_turns_total counter');
    expect(sample(text, 'defender_bot_turns_total{command="help",outcome="ok"}')).toBe(1);
    expect(sample(text, 'defender_bot_turns_total{command="estimate",outcome="ok"}')).toBe(1);
    expect(sample(text, 'defender_bot_turns_total{command="unknown",outcome="ok"}')).toBe(1);
    // The throttled attempt and its successful retry are both counted.
    expect(sample(text, 'defender_bot_azure_requests_total{operation="GET subscriptions",status="429"}')).toBe(1);
    expect(sample(text, 'defender_bot_azure_requests_total{operation="GET subscriptions",status="200"}')).toBe(1);
    expect(
      // Services are listed with one Resource Graph query, the APIs' onboarding state is read with another.
      sample(
        text,
        'defender_bot_azure_requests_total{operation="POST microsoft.resourcegraph/resources",status="200"}',
      ),
    ).toBe(2);
    expect(sample(text, 'defender_bot_azure_request_duration_seconds_count{operation="GET subscriptions"}')).toBe(2);
    expect(sample(text, 'defender_bot_approvals{state="pending"}')).toBe(0);
    expect(sample(text, 'defender_bot_open_operations')).toBe(0);
    expect(text).toContain('process_resident_memory_bytes');
  });

  test('a turn that fails in Azure is counted as a handled error, and its log lines share one correlation id', async () => {
    const { logger, lines } = recordingLogger('debug');
    const faults = [{ method: 'GET', pathRegex: '^/subscriptions\\?', status: 403 }];
    bot = await TestBot.start(scenario([PROD], { faults }), {}, { logger });
    await bot.say('estimate traffic');
    await bot.say('help');
    const text = (await get(bot, '/metrics')).text;
    expect(sample(text, 'defender_bot_turns_total{command="estimate",outcome="handled_error"}')).toBe(1);
    expect(sample(text, 'defender_bot_azure_requests_total{operation="GET subscriptions",status="403"}')).toBe(1);
    const turnLines = lines.filter((l) => l.correlationId !== undefined);
    const failed = turnLines.filter((l) => l.code === 'azure_forbidden');
    expect(failed).toHaveLength(1);
    const sameTurn = turnLines.filter((l) => l.correlationId === failed[0]!.correlationId);
    expect(sameTurn.map((l) => l.message)).toEqual([failed[0]!.message, 'turn finished']);
    expect(sameTurn[1]).toMatchObject({ command: 'estimate', outcome: 'handled_error', status: 200 });
    expect(new Set(turnLines.map((l) => l.correlationId)).size).toBe(2);
  });

  test('alert deliveries by outcome, and unfinished approvals by state', async () => {
    // 19 days × 50,000 = 950,000 this month: 80 % of Plan 1 and "projected to exceed" are reached: two alerts.
    const watched = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-a', perDay: 50_000 })], {
      pricingTier: 'Standard',
      subPlan: 'P1',
    });
    bot = await TestBot.start(scenario([watched]), {
      ALERT_CHECK_INTERVAL_SECONDS: '1',
      APPROVER_IDS: MEGAN.aadObjectId,
    });
    const group = { conversationId: '19:ops@thread.v2', conversationType: 'groupChat' as const };
    await bot.say('alerts on', group);
    await bot.say('enable plan P2', { ...group, from: ALEX });
    let text = '';
    await waitFor(
      async () => {
        text = (await get(bot, '/metrics')).text;
        return sample(text, 'defender_bot_alert_deliveries_total{outcome="delivered"}') === 2;
      },
      10_000,
      'two delivered alerts in /metrics',
    );
    expect(sample(text, 'defender_bot_approvals{state="pending"}')).toBe(1);
    expect(sample(text, 'defender_bot_turns_total{command="enablePlan",outcome="ok"}')).toBe(1);
  });
});
