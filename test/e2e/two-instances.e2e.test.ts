import { randomUUID } from 'node:crypto';
import type { Sandbox } from '../../src/sandbox';
import { actionExecuteActivity, ADELE, ALEX, MEGAN, messageActivity } from '../helpers/activities';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { TestBot } from '../helpers/bot-harness';
import { sandboxWith } from '../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';
import { waitFor } from '../helpers/wait-for';

/**
 * Two bot instances sharing Blob storage (Azurite) and one Azure (a sandbox the test owns), as two replicas behind
 * one bot registration. Everything is posted to instance A's connector (the conversation's serviceUrl), whichever
 * instance handles the activity.
 */
const NAMES = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const PROD = subscription(
  SUB_PROD,
  'Contoso Production',
  [
    service({
      name: 'apim-slow',
      perDay: 400_000,
      apis: NAMES.map((n) => ({ name: n, displayName: `${n} API`, path: n })),
    }),
  ],
  { pricingTier: 'Standard', subPlan: 'P1' },
);
const GROUP = { conversationId: '19:secops@thread.v2', conversationType: 'groupChat' as const };

jest.setTimeout(60_000);

describe('two instances on shared storage: approvals and onboarding happen exactly once', () => {
  let azurite: RunningAzurite;
  let sandbox: Sandbox;
  let a: TestBot | undefined;
  let b: TestBot | undefined;

  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => azurite?.stop());
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await sandbox?.close();
  });

  async function twoInstances(extra: Record<string, string> = {}) {
    // Each onboarding polls twice and every ARM answer takes 100 ms: six APIs, two at a time, take several seconds.
    const shared = await sandboxWith(scenario([PROD], { onboardingRunningPolls: 2, latencyMs: 100 }));
    sandbox = shared.sandbox;
    const env = {
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: `two-${randomUUID().slice(0, 8)}`,
      APPROVER_IDS: `${MEGAN.aadObjectId},${ADELE.aadObjectId}`,
      ...extra,
    };
    const azure = { connection: shared.connection, clock: sandbox.clock };
    a = await TestBot.start(scenario([PROD]), env, { azure });
    b = await TestBot.start(scenario([PROD]), env, { azure });
    return { a, b };
  }

  const via = (bot: TestBot, to: TestBot, verb: string, data: Record<string, unknown>, from = MEGAN) =>
    bot.post(actionExecuteActivity(verb, data, to.options({ ...GROUP, from })));
  const puts = (pattern: RegExp) => sandbox.requests().filter((r) => r.method === 'PUT' && pattern.test(r.path));
  const lastUpdate = (bot: TestBot) => JSON.stringify(bot.connector.calls.at(-1)?.activity ?? {});

  test('two approvers clicking on different instances at once change the plan once', async () => {
    const { a, b } = await twoInstances();
    await a.say('enable plan P2', { ...GROUP, from: ALEX });
    const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(JSON.stringify(a.connector.cards().at(-1)))?.[1];
    expect(approvalId).toBeDefined();
    const answers = await Promise.all([
      via(a, a, 'approval.approve', { approvalId }, MEGAN),
      via(b, a, 'approval.approve', { approvalId }, ADELE),
      via(b, a, 'approval.approve', { approvalId }, MEGAN),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await Promise.all([a.app.idle(), b.app.idle()]);
    expect(puts(/pricings\/Api/i)).toHaveLength(1);
    await waitFor(() => lastUpdate(a).includes('Plan 2 is now active'), 10_000, 'the final card');
  });

  test('an onboarding longer than several lease periods, approved on one and watched by both, runs once', async () => {
    const { a, b } = await twoInstances({ LEASE_SECONDS: '1' });
    await a.click('apis.fixAll', { subscriptionId: SUB_PROD }, { ...GROUP, from: ALEX });
    const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(JSON.stringify(a.connector.cards().at(-1)))?.[1];
    await via(b, a, 'approval.approve', { approvalId });
    await waitFor(() => lastUpdate(a).includes('6 of 6 APIs onboarded'), 40_000, 'the summary');
    const onboardingPuts = puts(/apiCollections\//).map((r) => /apiCollections\/([^?]+)/.exec(r.path)?.[1]);
    expect(onboardingPuts.sort()).toEqual(NAMES); // each API once: no takeover while its runner renewed the lease
    expect(a.connector.calls.length).toBeGreaterThan(0);
    void b;
  });

  test('the instance running an onboarding stops halfway: the other takes it over and finishes, no API twice', async () => {
    const { a, b } = await twoInstances({ LEASE_SECONDS: '1' });
    await a.click('apis.fixAll', { subscriptionId: SUB_PROD }, { ...GROUP, from: ALEX });
    const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(JSON.stringify(a.connector.cards().at(-1)))?.[1];
    await via(a, a, 'approval.approve', { approvalId }); // A runs it
    await waitFor(() => puts(/apiCollections\//).length >= 2, 20_000, 'two onboardings to start');
    await a.stopBot(); // A is gone: its lease on the change is no longer renewed
    await waitFor(() => lastUpdate(a).includes('6 of 6 APIs onboarded'), 40_000, 'B to finish it');
    const onboardingPuts = puts(/apiCollections\//).map((r) => /apiCollections\/([^?]+)/.exec(r.path)?.[1]);
    expect(onboardingPuts.sort()).toEqual(NAMES);
    await b.app.idle();
  });

  test('the background sweeps run on one instance; when it stops, the other takes them over', async () => {
    const DEV = subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 100_000 })], {
      pricingTier: 'Standard',
      subPlan: 'P1',
    });
    const shared = await sandboxWith(scenario([PROD, DEV]));
    sandbox = shared.sandbox;
    const env = {
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: `sweeps-${randomUUID().slice(0, 8)}`,
      LEASE_SECONDS: '3',
      ALERT_CHECK_INTERVAL_SECONDS: '600', // only "alerts on" brings a check forward
    };
    const azure = { connection: shared.connection, clock: sandbox.clock };
    a = await TestBot.start(scenario([PROD, DEV]), env, { azure });
    const ops = { conversationId: '19:ops@thread.tacv2', conversationType: 'channel' as const, mention: true };
    const dev = { conversationId: '19:dev@thread.tacv2', conversationType: 'channel' as const, mention: true };
    const alertTitles = (conversationId: string) =>
      a!.connector
        .messages()
        .filter((m) => m.conversationId === conversationId)
        .map((m) => JSON.stringify(m.activity.attachments ?? []))
        .filter((card) => card.includes('Usage alert'));
    await a.say('use subscription Contoso Production', { ...ops, from: ALEX });
    await a.say('alerts on', { ...ops, from: ALEX });
    await waitFor(() => alertTitles(ops.conversationId).length === 1, 20_000, 'the first alert, from A');

    b = await TestBot.start(scenario([PROD, DEV]), env, { azure });
    await a.stopBot(); // the sweeping instance goes away
    const viaB = (text: string) => b!.post(messageActivity(text, a!.options({ ...dev, from: ALEX })));
    await viaB('use subscription Contoso Dev');
    await viaB('alerts on');
    await waitFor(() => alertTitles(dev.conversationId).length === 1, 20_000, 'the second alert, from B');
    expect(alertTitles(ops.conversationId)).toHaveLength(1);
  });
});
