import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { actionExecuteActivity, ALEX, MEGAN } from '../helpers/activities';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { ChildBot, freePort } from '../helpers/child-bot';
import { FakeConnector } from '../helpers/fake-connector';
import { callSandbox } from '../helpers/sandbox-http';
import { CERT_FILE } from '../../src/sandbox/tls';
import { scenario, service, subscription, SUB_PROD, writeScenario } from '../helpers/scenarios';
import { waitFor } from '../helpers/wait-for';

const NAMES = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const PROD = subscription(
  SUB_PROD,
  'Contoso Production',
  [service({ name: 'apim-slow', perDay: 1, apis: NAMES.map((n) => ({ name: n, displayName: `${n} API`, path: n })) })],
  { pricingTier: 'Standard' },
);
const GROUP = { conversationId: '19:secops@thread.v2', conversationType: 'groupChat' as const };

/** The APIs the sandbox has recorded as onboarded (its state file under DATA_DIR, which survives the kill). */
async function onboardedInSandbox(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, 'sandbox');
  // Not the sandbox's temporary files (`sandbox-state-….json.<pid>.<hex>.tmp`), which it renames over the state.
  const file = (await readdir(dir)).find((f) => /^sandbox-state-.*\.json$/.test(f));
  if (!file) return [];
  const state = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as {
    subscriptions: Record<string, { apiCollections?: Record<string, { onboarded: boolean }> }>;
  };
  const changes = Object.values(state.subscriptions).flatMap((s) => Object.entries(s.apiCollections ?? {}));
  return changes
    .filter(([, c]) => c.onboarded)
    .map(([key]) => key.split('/').at(-1) ?? key)
    .sort();
}

/**
 * A bot (child process) on a fresh scenario whose "Fix all" Alex asked for and Megan approved, once two of the six
 * APIs are onboarded. Each onboarding polls twice (≈ 2 s) and every ARM answer takes 100 ms, so six APIs two at a
 * time take a while. `started` is told about the bot as soon as it runs, so the test can kill it whatever happens.
 */
async function onboardingUnderWay(
  connector: FakeConnector,
  extraEnv: Record<string, string>,
  started: (bot: ChildBot) => void,
): Promise<{ dir: string; env: Record<string, string>; sandboxPort: number }> {
  const { file, dir } = await writeScenario(scenario([PROD], { onboardingRunningPolls: 2, latencyMs: 100 }));
  const sandboxPort = await freePort();
  const env = {
    SANDBOX_SCENARIO: file,
    DATA_DIR: dir,
    SANDBOX_PORT: String(sandboxPort),
    APPROVER_IDS: MEGAN.aadObjectId,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const bot = new ChildBot(env, await freePort());
  started(bot);
  await bot.start();
  const options = { serviceUrl: connector.url, ...GROUP };
  await bot.post(actionExecuteActivity('apis.fixAll', { subscriptionId: SUB_PROD }, { ...options, from: ALEX }));
  const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(JSON.stringify(connector.cards().at(-1)))?.[1];
  expect(approvalId).toBeDefined();
  await bot.post(actionExecuteActivity('approval.approve', { approvalId }, { ...options, from: MEGAN }));
  await waitFor(async () => (await onboardedInSandbox(dir)).length >= 2, 20_000, 'two APIs to be onboarded');
  return { dir, env, sandboxPort };
}

describe('a stop in the middle of onboarding', () => {
  let bot: ChildBot | undefined;
  let connector: FakeConnector | undefined;
  afterEach(async () => {
    await bot?.kill();
    await connector?.close();
  });

  test('after SIGKILL halfway, the restarted bot finishes without onboarding any API twice', async () => {
    connector = await new FakeConnector().start();
    const { dir, sandboxPort } = await onboardingUnderWay(connector, {}, (started) => (bot = started));
    await bot!.kill();
    const beforeKill = await onboardedInSandbox(dir);
    expect(beforeKill.length).toBeLessThan(NAMES.length);

    await bot!.start(); // same DATA_DIR: the approval is "running" and its operation is on disk
    await finishedWithoutRepeats(connector, dir, sandboxPort, beforeKill);
  }, 90_000);
});

describe('a stop in the middle of onboarding, restarted as another instance', () => {
  let bot: ChildBot | undefined;
  let connector: FakeConnector | undefined;
  let azurite: RunningAzurite | undefined;
  afterEach(async () => {
    await bot?.kill();
    await connector?.close();
    await azurite?.stop();
    azurite = undefined;
  });

  /**
   * The instance running the onboarding is killed (SIGKILL) halfway; another instance (another port, so another
   * instance id) on the same storage waits for the short lease to expire, takes the change over and finishes it:
   * no API onboarded twice, and the sandbox clock does not go back.
   */
  async function killedThenTakenOver(storageEnv: Record<string, string>): Promise<void> {
    connector = await new FakeConnector().start();
    const { dir, env, sandboxPort } = await onboardingUnderWay(
      connector,
      // Several lease periods pass during the onboarding: renewals must keep up (3 s leaves room on a loaded CI machine).
      { LEASE_SECONDS: '3', ...storageEnv },
      (started) => (bot = started),
    );
    const before = await healthNow(bot!);
    await bot!.kill();
    expect(bot!.output).not.toMatch(/took over this work; stopping here/); // its lease held while it ran
    const beforeKill = await onboardedInSandbox(dir);

    bot = new ChildBot(env, await freePort()); // another port: another instance id, so it waits for the lease
    await bot.start();
    expect(await healthNow(bot)).toBeGreaterThanOrEqual(before); // the sandbox clock did not go back
    await finishedWithoutRepeats(connector!, dir, sandboxPort, beforeKill);
  }

  test('on files: the clock continues and the change is taken over once its short lease expires', async () => {
    await killedThenTakenOver({});
  }, 90_000);

  test('on Azure Blob Storage (Azurite): the change of the killed lease holder is taken over, no API twice', async () => {
    azurite = await startAzurite();
    await killedThenTakenOver({
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: `resume-${randomUUID().slice(0, 8)}`,
    });
  }, 90_000);
});

/**
 * The restarted (or other) bot reports all six APIs onboarded, the sandbox has them all, and its sandbox, which saw
 * every call of the second run, served no PUT for an API onboarded before the kill.
 */
async function finishedWithoutRepeats(
  connector: FakeConnector,
  dir: string,
  sandboxPort: number,
  beforeKill: string[],
): Promise<void> {
  await waitFor(
    () => JSON.stringify(connector.calls.at(-1)?.activity ?? {}).includes('6 of 6 APIs onboarded'),
    30_000,
    'the summary',
  );
  expect(await onboardedInSandbox(dir)).toEqual(NAMES);
  const secondRunPuts = await sandboxPuts(sandboxPort, dir);
  expect(secondRunPuts.filter((api) => beforeKill.includes(api))).toEqual([]);
  expect([...beforeKill, ...secondRunPuts].sort()).toEqual(NAMES);
}

async function healthNow(bot: ChildBot): Promise<number> {
  const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { now: string };
  return Date.parse(health.now);
}

/** API names of the collection PUTs the restarted bot's sandbox served (its request log, GET /_sandbox/requests). */
async function sandboxPuts(sandboxPort: number, dataDir: string): Promise<string[]> {
  const caCertificatePem = await readFile(path.join(dataDir, 'sandbox', CERT_FILE), 'utf8');
  const { body } = await callSandbox<{ method: string; path: string }[]>(
    { url: `https://127.0.0.1:${sandboxPort}`, caCertificatePem },
    '/_sandbox/requests',
    { token: null },
  );
  return body
    .filter((r) => r.method === 'PUT' && r.path.includes('apiCollections/'))
    .map((r) => /apiCollections\/([^?]+)/.exec(r.path)?.[1] ?? '');
}
