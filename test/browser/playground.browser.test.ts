/**
 * The README's local run, in a real browser: the bot on the demo sandbox, the Agents Playground, headless Debian
 * Chromium driven by playwright-core. A newcomer's first steps (welcome card, pick a subscription, estimate, status
 * with its chart, Enable Plan N → approval card, approve as the demo approver) must work as the README says.
 * Screenshots land in test-output/ (gitignored). No fixed sleeps: every step waits for what it expects to see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ChildBot, freePort } from '../helpers/child-bot';
import { Playground } from '../helpers/playground';
import { APPROVAL, ESTIMATE, INSIGHTS, ONBOARDING, STATUS, UI } from './playground-ui';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '..', '..', 'test-output');
/** Generous: two cores shared with other work, and the Playground's 9 MB page to parse. */
const STEP_MS = 60_000;
/** Megan Bowen in .m365agentsplayground.yml: the demo approver `npm start` configures on sandbox data. */
const MEGAN = { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000021' };

jest.setTimeout(300_000);

let bot: ChildBot;
let playground: Playground;
let context: BrowserContext;
let page: Page;
let userDataDir: string;

async function say(command: string): Promise<void> {
  const box = page.locator(UI.composeBox);
  await box.click();
  await box.fill(command);
  await page.keyboard.press('Enter');
}

/** The newest card that contains `text`, once it is rendered. */
async function cardWith(text: string | RegExp): Promise<Locator> {
  const card = page.locator(UI.card).filter({ hasText: text }).last();
  await card.waitFor({ state: 'visible', timeout: STEP_MS });
  return card;
}

async function shoot(name: string, target: Page | Locator = page): Promise<void> {
  await target.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
}

beforeAll(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-bot-'));
  bot = new ChildBot(
    { AZURE_MODE: 'sandbox', BOT_ID: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', APPROVER_IDS: MEGAN.aadObjectId },
    await freePort(),
  );
  await bot.start();
  playground = new Playground();
  await playground.start(bot.url, await freePort());
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-profile-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // Tall enough that a long card fits without scrolling under the Playground's top bar in screenshots.
    viewport: { width: 1400, height: 1800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Offline: the page asks a CDN for fonts and an animation script; nothing but localhost is let through.
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === 'localhost' || host === '127.0.0.1' ? route.continue() : route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(playground.url);
  await page.locator(UI.composeBox).waitFor({ state: 'visible', timeout: STEP_MS });
});

afterAll(async () => {
  await context?.close();
  await playground?.stop();
  await bot?.terminate();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

test('the welcome card greets the chat, and its Subscriptions button lists the subscriptions to pick from', async () => {
  const welcome = await cardWith('Defender for APIs, in this chat');
  await shoot('01-welcome', welcome);
  await welcome.getByRole('button', { name: 'Subscriptions', exact: true }).click();
  const list = await cardWith('Azure subscriptions I can see');
  await expectVisible(list.getByText('Contoso Production', { exact: false }).first());
  await say('use subscription Contoso Production');
  await page.getByText('This chat now works on', { exact: false }).last().waitFor({ timeout: STEP_MS });
});

test('estimate traffic: the answer line names the plan, all five plans are there, and the sandbox marker', async () => {
  await say(ESTIMATE.command);
  const card = await cardWith(ESTIMATE.planNames[4] as string);
  const text = await card.innerText();
  for (const plan of ESTIMATE.planNames) expect(text).toContain(plan);
  expect(text).toMatch(ESTIMATE.answer);
  expect(text).toContain(ESTIMATE.sandboxMarker);
  if (ESTIMATE.expectChart) expect(await card.locator(UI.chartDrawing).count()).toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await shoot('02-estimate', card);
});

test('status: usage against the entitlement in one line, then the chart (or its text fallback)', async () => {
  await say(STATUS.command);
  const card = await cardWith(STATUS.answer);
  // The bars are drawn (a Playground that cannot draw them shows the fallback's title and numbers instead).
  await expectVisible(card.locator(`${STATUS.monthToDateBar}, :text("${STATUS.chartFallbackTitle}")`).first());
  await card.scrollIntoViewIfNeeded();
  await shoot('03-status', card);
  // The detail is folded away until Details is clicked (Action.ToggleVisibility, on the client).
  expect(await card.getByText(STATUS.detailOnly).isVisible()).toBe(false);
  await card.getByRole('button', { name: 'Details' }).click();
  await expectVisible(card.getByText(STATUS.detailOnly));
});

test('onboarding: how many APIs to fix, a donut, and the APIs that cannot be onboarded behind a toggle', async () => {
  await say(ONBOARDING.command);
  const card = await cardWith(ONBOARDING.answer);
  await expectVisible(card.locator(ONBOARDING.chart).first());
  expect(await card.getByText(ONBOARDING.cannotReason).first().isVisible()).toBe(false);
  await shoot('06-onboarding', card);
  await card.getByRole('button', { name: ONBOARDING.cannotToggle }).click();
  await expectVisible(card.getByText(ONBOARDING.cannotReason).first());
});

test('insights: the risk in one line, then the risk counts drawn', async () => {
  await say(INSIGHTS.command);
  const card = await cardWith(INSIGHTS.answer);
  await expectVisible(card.locator(INSIGHTS.chart).first());
  await shoot('07-insights', card);
});

test('Enable Plan 2 posts the approval card, and the demo approver approves it with the README custom activity', async () => {
  const estimate = page
    .locator(UI.card)
    .filter({ hasText: ESTIMATE.planNames[4] as string })
    .last();
  await estimate.getByRole('button', { name: ESTIMATE.enableButton }).click();
  const approval = await cardWith(APPROVAL.pending);
  await shoot('04-approval', approval);
  const approvalId = /Request id\s*([0-9a-z-]{8,})/i.exec(await approval.innerText())?.[1];
  expect(approvalId).toBeDefined();

  // README "Trying an approval in the Playground", step 3: what Mock an Activity → Custom activity sends.
  const template = (await (
    await fetch(`${playground.url}/_internal/v1/customActivities/template?conversationId=personal-chat-defender-apis`)
  ).json()) as Record<string, unknown>;
  await playground.sendCustomActivity({
    ...template,
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: MEGAN,
    value: { action: { type: 'Action.Execute', verb: 'approval.approve', data: { approvalId } } },
  });
  const done = await cardWith(APPROVAL.done);
  await shoot('05-approved', done);
  if (APPROVAL.expectNoBotErrors) expect(bot.output).not.toMatch(/"level":"error"/);
});

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: STEP_MS });
}
