import { SdkAzureReader } from '../../../src/azure/azure-reader';
import { last30CompleteDays, monthToDate } from '../../../src/domain/time-windows';
import type { Sandbox } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../../helpers/scenarios';

async function connect(content: object): Promise<{ sandbox: Sandbox; reader: SdkAzureReader }> {
  const { sandbox, connection } = await sandboxWith(content);
  return { sandbox, reader: new SdkAzureReader(connection, { metricsConcurrency: 2 }) };
}

const paths = (sandbox: Sandbox, pattern: RegExp): string[] =>
  sandbox
    .requests()
    .filter((r) => pattern.test(r.path))
    .map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);

describe('Azure SDK clients against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('the service list is followed across pages until every service is read', async () => {
    const services = Array.from({ length: 12 }, (_, i) => service({ name: `apim-${i}`, perDay: 1 }));
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', services)]));
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    expect(listed.map((s) => s.name).sort()).toEqual(services.map((s) => s.name).sort());
    const listCalls = sandbox.requests().filter((r) => /Microsoft\.ApiManagement\/service\?/i.test(r.path));
    expect(listCalls.length).toBe(3); // 5 + 5 + 2 with the sandbox's page size of 5
    expect(listed[0]).toMatchObject({ region: 'eastus', sku: 'Premium', resourceGroup: 'rg-apis' });
  });

  test('subscriptions are listed with their names', async () => {
    const setup = await connect(
      scenario([subscription(SUB_PROD, 'Contoso Production', []), subscription(SUB_DEV, 'Contoso Dev', [])]),
    );
    sandbox = setup.sandbox;
    expect(await setup.reader.listSubscriptions()).toEqual(
      expect.arrayContaining([
        { id: SUB_PROD, name: 'Contoso Production' },
        { id: SUB_DEV, name: 'Contoso Dev' },
      ]),
    );
  });

  test('totals come from one getBatch call per region and are exact over 30 complete days', async () => {
    const services = [
      service({ name: 'east-a', perDay: 100_000 }),
      service({ name: 'east-b', perDay: 3 }),
      service({ name: 'west-a', location: 'westeurope', perDay: 7 }),
    ];
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', services)]));
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    const totals = await setup.reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
    const byName = Object.fromEntries(listed.map((s) => [s.name, totals.byServiceId.get(s.id)]));
    expect(byName).toEqual({ 'east-a': 3_000_000, 'east-b': 90, 'west-a': 210 });
    expect(totals.failures.size).toBe(0);
    const batches = paths(sandbox, /metrics:getBatch/);
    expect(batches).toHaveLength(2);
    expect(batches.some((p) => p.includes('/_regions/eastus/'))).toBe(true);
    expect(batches.some((p) => p.includes('/_regions/westeurope/'))).toBe(true);
    expect(paths(sandbox, /providers\/Microsoft\.Insights\/metrics/i)).toEqual([]);
  });

  test('more than 50 services in one region take two batch calls', async () => {
    const services = Array.from({ length: 51 }, (_, i) => service({ name: `apim-${i}`, perDay: 1, apis: [] }));
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', services)], { pageSize: 100 }));
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    const totals = await setup.reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
    expect([...totals.byServiceId.values()].reduce((a, b) => a + b, 0)).toBe(51 * 30);
    expect(paths(sandbox, /metrics:getBatch/)).toHaveLength(2);
  });

  test('a 429 with Retry-After is waited out and then the totals arrive', async () => {
    const faults = [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 429, retryAfterSeconds: 1, count: 2 }];
    const setup = await connect(
      scenario([subscription(SUB_PROD, 'Prod', [service({ name: 'a', perDay: 10 })])], { faults }),
    );
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    const started = Date.now();
    const totals = await setup.reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // two Retry-After: 1 waits
    expect(totals.byServiceId.get(listed[0]!.id)).toBe(300);
    expect(paths(sandbox, /metrics:getBatch/).map((p) => p.split(' ').at(-1))).toEqual(['429', '429', '200']);
  });

  test('when getBatch is not available, each service is read with the per-resource metrics API', async () => {
    const faults = [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }];
    const services = [service({ name: 'a', perDay: 10 }), service({ name: 'b', perDay: 20 })];
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', services)], { faults }));
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    const totals = await setup.reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
    expect([...totals.byServiceId.values()].sort()).toEqual([300, 600]);
    const perResource = sandbox.requests().filter((r) => /\/providers\/Microsoft\.Insights\/metrics\?/i.test(r.path));
    expect(perResource).toHaveLength(2);
    // One slash: the id goes into the SDK's "/{resourceUri}/…" template without its own leading slash.
    expect(perResource[0]!.path.startsWith('/subscriptions/')).toBe(true);
  });

  test('a service whose metrics keep failing is reported and the others are still counted', async () => {
    const faults = [
      { method: 'POST', pathRegex: 'metrics:getBatch', status: 500 },
      { method: 'GET', pathRegex: 'service/broken/providers/Microsoft.Insights/metrics', status: 500 },
    ];
    const services = [service({ name: 'healthy', perDay: 10 }), service({ name: 'broken', perDay: 20 })];
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', services)], { faults }));
    sandbox = setup.sandbox;
    const listed = await setup.reader.listApimServices(SUB_PROD);
    const totals = await setup.reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
    const broken = listed.find((s) => s.name === 'broken')!;
    const healthy = listed.find((s) => s.name === 'healthy')!;
    expect(totals.byServiceId.get(healthy.id)).toBe(300);
    expect(totals.byServiceId.has(broken.id)).toBe(false);
    expect(totals.failures.get(broken.id)).toMatch(/HTTP 500/);
  });

  test('month to date counts only the elapsed part of today', async () => {
    const setup = await connect(
      scenario([subscription(SUB_PROD, 'Prod', [service({ name: 'a', dailyRequests: { perDay: 86_400 } })])], {
        now: '2026-11-03T12:00:00Z',
      }),
    );
    sandbox = setup.sandbox;
    const reader = setup.reader;
    const listed = await reader.listApimServices(SUB_PROD);
    const window = monthToDate(sandbox.clock());
    const total = (await reader.requestTotals(listed, window)).byServiceId.get(listed[0]!.id)!;
    // 86,400 a day = 1 a second: Nov 1 and 2 in full, then half of Nov 3 (plus the few seconds the test took).
    expect(total).toBeGreaterThanOrEqual(2.5 * 86_400);
    expect(total).toBeLessThan(2.5 * 86_400 + 120);
  });

  test('the Defender for APIs plan is read from the Api pricing at 2024-01-01, with the time it was enabled', async () => {
    const setup = await connect(
      scenario([
        subscription(SUB_PROD, 'Prod', [], { pricingTier: 'Standard', subPlan: 'P3' }),
        subscription(SUB_DEV, 'Dev', []),
      ]),
    );
    sandbox = setup.sandbox;
    expect(await setup.reader.getDefenderPlan(SUB_PROD)).toMatchObject({
      tier: 'Standard',
      planId: 'P3',
      freeTrialRemaining: 'PT0S',
      // 2022-03-01 (what @azure/arm-security 5 calls) has no enablementTime: this needs 2023-01-01 or later.
      enabledSince: expect.any(Date),
    });
    expect(await setup.reader.getDefenderPlan(SUB_DEV)).toEqual({ tier: 'Free' });
    expect(paths(sandbox, /pricings\/Api/).every((p) => p.endsWith(' 200'))).toBe(true);
    expect(sandbox.requests().every((r) => !/pricings.*api-version=2022-03-01/.test(r.path))).toBe(true);
  });

  test('a subscription the bot may not read gives an error that names the role to grant', async () => {
    const faults = [{ method: 'GET', pathRegex: 'Microsoft.ApiManagement/service', status: 403 }];
    const setup = await connect(scenario([subscription(SUB_PROD, 'Prod', [])], { faults }));
    sandbox = setup.sandbox;
    await expect(setup.reader.listApimServices(SUB_PROD)).rejects.toMatchObject({
      code: 'azure_forbidden',
      userMessage: expect.stringMatching(/Reader role/),
    });
  });
});
