import { ALEX, MEGAN, ADELE, type Person } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { actionsOf } from '../helpers/card-actions';
import { scenario, service, subscription, SUB_PROD } from '../helpers/scenarios';
import { assertValidAdaptiveCard } from '../helpers/validate-card';
import { waitFor } from '../helpers/wait-for';

const api = (name: string, extra: object = {}) => ({ name, displayName: `${name} API`, path: name, ...extra });
const SERVICES = [
  service({
    name: 'apim-orders',
    perDay: 1000,
    apis: [api('orders'), api('payments'), api('customers'), api('inventory', { onboarded: true })],
  }),
  service({
    name: 'apim-partners',
    location: 'westeurope',
    sku: 'Standard',
    perDay: 10,
    apis: [api('partners'), api('catalog')],
  }),
  service({
    name: 'apim-func',
    location: 'southeastasia',
    sku: 'Consumption',
    perDay: 5,
    apis: [api('webhooks'), api('legacy', { recommendation: 'Unhealthy' })],
  }),
];
const PROD = subscription(SUB_PROD, 'Contoso Production', SERVICES, { pricingTier: 'Standard', subPlan: 'P2' });
const GROUP = { conversationId: '19:secops@thread.v2', conversationType: 'groupChat' as const };
const APPROVERS = { APPROVER_IDS: `${MEGAN.aadObjectId},${ADELE.aadObjectId}` };
const text = (value: unknown): string => JSON.stringify(value);

const collectionPuts = async (bot: TestBot) =>
  (await bot.sandboxRequests()).filter((r) => r.method === 'PUT' && /apiCollections\//.test(r.path));
const apiOf = (path: string): string => /apiCollections\/([^?]+)/.exec(path)?.[1] ?? '';

async function fixAndApprove(bot: TestBot, verb: string, data: Record<string, string>, approvers: Person[] = [MEGAN]) {
  const asked = await bot.click(verb, data, { ...GROUP, from: ALEX });
  expect(text(asked.body)).toMatch(/I asked the approvers to onboard/);
  const approvalCard = bot.connector.cards().at(-1);
  assertValidAdaptiveCard(approvalCard);
  const approve = actionsOf(approvalCard).find((a) => a.verb === 'approval.approve')!;
  await Promise.all(approvers.map((who) => bot.click('approval.approve', approve.data, { ...GROUP, from: who })));
  await bot.app.idle();
  return { approvalCard, approvalId: approve.data.approvalId! };
}

const lastUpdate = (bot: TestBot): string =>
  text(bot.connector.calls.filter((c) => c.method === 'PUT').at(-1)?.activity);

describe('onboard unhealthy APIs', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  test('the card counts the recommendation and lists unhealthy APIs by service; Consumption APIs get no Fix', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    await bot.say('onboard unhealthy APIs', GROUP);
    const card = bot.connector.cards()[0];
    assertValidAdaptiveCard(card);
    const body = text(card);
    expect(body).toMatch(/Unhealthy \(not onboarded\)","value":"6"/);
    expect(body).toMatch(/Healthy \(onboarded\)","value":"1"/);
    expect(body).toMatch(/Not applicable","value":"1"/);
    expect(body).toContain('apim-orders · East US · Premium');
    expect(body).toContain('legacy API on apim-func (Consumption tier: Defender for APIs does not support it)');
    // 30 days: apim-orders 30,000 over 4 APIs (inventory onboarded), apim-partners 300; Consumption left out.
    expect(body).toContain(
      'Bill what-if: onboarding these 5 APIs raises the monitored traffic from 7,500 to 30,300 requests a month (last 30 days). On Plan 2 the bill goes from $700.00 to $700.00 a month; Plan 1 would then be the cheapest, at $200.00.',
    );
    const fixes = actionsOf(card).filter((a) => a.verb === 'api.fix');
    expect(fixes.map((f) => f.data.apiName).sort()).toEqual(['catalog', 'customers', 'orders', 'partners', 'payments']);
    expect(actionsOf(card).find((a) => a.verb === 'apis.fixAll')?.title).toBe('Fix all (5)');
    expect(
      actionsOf(card)
        .filter((a) => a.verb === 'apis.fixService')
        .map((a) => a.title),
    ).toEqual(['Fix all in apim-orders (3)', 'Fix all in apim-partners (2)']);
  });

  test('Fix all, approved twice at once, onboards each API exactly once and ends with a summary', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const { approvalCard } = await fixAndApprove(bot, 'apis.fixAll', { subscriptionId: SUB_PROD }, [
      MEGAN,
      ADELE,
      MEGAN,
    ]);
    expect(text(approvalCard)).toContain('apim-orders (East US, Premium): customers API, orders API, payments API');
    expect(text(approvalCard)).toContain('adds load on the API Management gateway');

    const puts = await collectionPuts(bot);
    expect(puts.map((p) => apiOf(p.path)).sort()).toEqual(['catalog', 'customers', 'orders', 'partners', 'payments']);
    await waitFor(() => lastUpdate(bot).includes('5 of 5 APIs onboarded'), 5_000, 'the summary card');
    expect(lastUpdate(bot)).toContain('✓ onboarded: orders API (apim-orders)');

    bot.connector.clear();
    await bot.say('onboard unhealthy APIs', GROUP);
    const after = bot.connector.cards()[0];
    expect(text(after)).toContain('Nothing to fix');
    expect(actionsOf(after).filter((a) => a.verb === 'api.fix')).toEqual([]);
  });

  test('one API answering 403 is reported with the role to grant while the others finish, and can be retried', async () => {
    const faults = [{ method: 'PUT', pathRegex: 'apiCollections/payments', status: 403, count: 1 }];
    bot = await TestBot.start(scenario([PROD], { faults }), APPROVERS);
    await fixAndApprove(bot, 'apis.fixService', { subscriptionId: SUB_PROD, serviceId: serviceIdOf('apim-orders') });
    await waitFor(() => lastUpdate(bot).includes('2 of 3 APIs onboarded, 1 failed'), 5_000, 'the summary card');
    const final = lastUpdate(bot);
    expect(final).toContain('✗ failed: payments API (apim-orders)');
    expect(final).toContain('Security Admin');
    expect(final).toContain('Retry failed (1)');

    bot.connector.clear();
    await bot.say('onboard unhealthy APIs', GROUP);
    expect(
      actionsOf(bot.connector.cards()[0])
        .filter((a) => a.verb === 'api.fix')
        .map((a) => a.data.apiName)
        .sort(),
    ).toEqual(['catalog', 'partners', 'payments']);

    const approvalId = /"approvalId":"([0-9a-f-]{36})"/.exec(final)![1]!;
    const retry = await bot.click('apis.retryFailed', { approvalId }, { ...GROUP, from: ALEX });
    expect(text(retry.body)).toContain('I asked the approvers again for the 1 API that failed');
    const approve = actionsOf(bot.connector.cards().at(-1)).find((a) => a.verb === 'approval.approve')!;
    await bot.click('approval.approve', approve.data, { ...GROUP, from: MEGAN });
    await bot.app.idle();
    expect((await collectionPuts(bot)).filter((p) => apiOf(p.path) === 'payments').map((p) => p.status)).toEqual([
      403, 201,
    ]);
  });

  test('a Fix for an API that is not unhealthy (stale or forged card) creates nothing', async () => {
    bot = await TestBot.start(scenario([PROD]), APPROVERS);
    const forged = await bot.click(
      'api.fix',
      { subscriptionId: SUB_PROD, serviceId: serviceIdOf('apim-orders'), apiName: 'inventory' },
      GROUP,
    );
    expect(text(forged.body)).toContain('nothing to fix there any more');
    const consumption = await bot.click(
      'api.fix',
      { subscriptionId: SUB_PROD, serviceId: serviceIdOf('apim-func'), apiName: 'legacy' },
      GROUP,
    );
    expect(text(consumption.body)).toContain('nothing to fix there any more');
    expect(bot.connector.cards()).toEqual([]);
  });

  test('a long list pages with Show more, and every page stays under 28 KB', async () => {
    const many = Array.from({ length: 40 }, (_, i) => api(`api-${String(i).padStart(2, '0')}`));
    const big = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-big', perDay: 1, apis: many })], {
      pricingTier: 'Standard',
    });
    bot = await TestBot.start(scenario([big], { pageSize: 50 }), APPROVERS);
    await bot.say('onboard unhealthy APIs', GROUP);
    let card: unknown = bot.connector.cards()[0];
    const seen: string[] = [];
    for (let pages = 0; pages < 5 && card; pages++) {
      assertValidAdaptiveCard(card);
      seen.push(
        ...actionsOf(card)
          .filter((a) => a.verb === 'api.fix')
          .map((a) => a.data.apiName!),
      );
      const more = actionsOf(card).find((a) => a.verb === 'apis.page' && a.title === 'Show more');
      card = more ? ((await bot.click('apis.page', more.data, GROUP)).body as { value: unknown }).value : undefined;
    }
    expect(seen).toEqual(many.map((a) => a.name));
  });

  test('Show more has a way back, and the service button counts every API it fixes even when a page shows some', async () => {
    const many = Array.from({ length: 20 }, (_, i) => api(`api-${String(i).padStart(2, '0')}`));
    const big = subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-big', perDay: 1, apis: many })], {
      pricingTier: 'Standard',
    });
    bot = await TestBot.start(scenario([big], { pageSize: 50 }), APPROVERS);
    await bot.say('onboard unhealthy APIs', GROUP);
    const first = bot.connector.cards()[0];
    expect(text(first)).toContain('20 APIs to onboard to Defender for APIs in Contoso Production');
    expect(text(first)).toContain('apim-big · East US · Premium · 15 of its 20 APIs on this page');
    expect(actionsOf(first).find((a) => a.verb === 'apis.fixService')?.title).toBe('Fix all in apim-big (20)');
    expect(actionsOf(first).some((a) => a.title === 'Previous page')).toBe(false);
    const more = actionsOf(first).find((a) => a.title === 'Show more')!;
    const second = ((await bot.click('apis.page', more.data, GROUP)).body as { value: unknown }).value;
    assertValidAdaptiveCard(second);
    expect(text(second)).toContain('16–20 of 20');
    const back = actionsOf(second).find((a) => a.title === 'Previous page')!;
    const again = ((await bot.click('apis.page', back.data, GROUP)).body as { value: unknown }).value;
    const fixes = (card: unknown) =>
      actionsOf(card)
        .filter((a) => a.verb === 'api.fix')
        .map((a) => a.data.apiName);
    expect(fixes(again)).toEqual(fixes(first));
  });

  test('onboarded APIs lists the collections riskiest first with totals', async () => {
    const insightful = subscription(
      SUB_PROD,
      'Contoso Production',
      [
        service({
          name: 'apim-orders',
          perDay: 1,
          apis: [
            api('quiet', {
              onboarded: true,
              insights: { endpoints: 4, unauthenticated: 0, external: 0, sensitive: 0, inactive: 4 },
            }),
            api('exposed', {
              onboarded: true,
              insights: {
                endpoints: 9,
                unauthenticated: 3,
                external: 5,
                sensitive: 2,
                inactive: 0,
                sensitivityLabel: 'Highly Confidential',
              },
            }),
          ],
        }),
      ],
      { pricingTier: 'Standard' },
    );
    bot = await TestBot.start(scenario([insightful]), APPROVERS);
    await bot.say('onboarded APIs', GROUP);
    const card = bot.connector.cards()[0];
    assertValidAdaptiveCard(card);
    const body = text(card);
    expect(body.indexOf('exposed API')).toBeLessThan(body.indexOf('quiet API'));
    expect(body).toContain('9 endpoints: 3 unauthenticated, 5 external, 2 sensitive, 0 inactive');
    expect(body).toMatch(/Endpoints","value":"13"/);
    expect(body).toContain('Highly Confidential');
    // The answer first, then the risk counts drawn as bars (a FactSet says the same where charts are not drawn).
    expect(body).toMatch(/"text":"2 onboarded APIs: \d+ of 13 endpoints unauthenticated, \d+ exposing sensitive data"/);
    expect(body).toMatch(/"type":"Chart.HorizontalBar","title":"Endpoints at risk[^"]*".*"x":"Unauthenticated"/);
    // The Playground draws no chart titles: the unit is under the axis.
    expect(body).toContain('"xAxisTitle":"Endpoints, all onboarded APIs"');
  });
});

function serviceIdOf(name: string): string {
  return `/subscriptions/${SUB_PROD}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/${name}`;
}
