import { SdkAzureReader } from '../../../src/azure/azure-reader';
import type { Sandbox } from '../../../src/sandbox';
import { callSandbox } from '../../helpers/sandbox-http';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../../helpers/scenarios';

const GRAPH = /providers\/Microsoft\.ResourceGraph\/resources/i;
const ARM_LIST = /providers\/Microsoft\.ApiManagement\/service\?/i;

function manyServices(prefix: string, count: number, regions = ['eastus']) {
  return Array.from({ length: count }, (_, i) =>
    service({ name: `${prefix}-${i}`, location: regions[i % regions.length], perDay: 1 }),
  );
}

describe('APIM services of many subscriptions: Azure Resource Graph, ARM where it is denied', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('one query lists every subscription, in pages of 1,000 rows, with region, SKU and resource group', async () => {
    const prod = manyServices('prod', 1_200, ['eastus', 'westeurope']);
    const dev = manyServices('dev', 3);
    const setup = await sandboxWith(
      scenario([subscription(SUB_PROD, 'Prod', prod), subscription(SUB_DEV, 'Dev', dev)]),
    );
    sandbox = setup.sandbox;
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
    const inventory = await reader.listApimServicesAcross([SUB_PROD, SUB_DEV]);
    expect(inventory.source).toBe('resourceGraph');
    expect(inventory.bySubscription.get(SUB_PROD)).toHaveLength(1_200);
    expect(
      inventory.bySubscription
        .get(SUB_DEV)
        ?.map((s) => s.name)
        .sort(),
    ).toEqual(['dev-0', 'dev-1', 'dev-2']);
    expect(inventory.bySubscription.get(SUB_PROD)?.find((s) => s.name === 'prod-1')).toMatchObject({
      region: 'westeurope',
      sku: 'Premium',
      resourceGroup: 'rg-apis',
    });
    const calls = sandbox.requests();
    expect(calls.filter((r) => GRAPH.test(r.path)).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01 200',
      'POST /providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01 200',
    ]);
    expect(calls.filter((r) => ARM_LIST.test(r.path))).toEqual([]);
  });

  test('pages after the first are asked for by $skip once the first gave the row count: every service once', async () => {
    const setup = await sandboxWith(
      scenario([
        subscription(SUB_PROD, 'Prod', manyServices('prod', 1_700)),
        subscription(SUB_DEV, 'Dev', manyServices('dev', 800)),
      ]),
    );
    sandbox = setup.sandbox;
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
    const inventory = await reader.listApimServicesAcross([SUB_PROD, SUB_DEV]);
    const ids = [...inventory.bySubscription.values()].flat().map((s) => s.id);
    expect(ids).toHaveLength(2_500);
    expect(new Set(ids).size).toBe(2_500);
    expect(sandbox.requests().filter((r) => GRAPH.test(r.path))).toHaveLength(3);
  });

  test('where Resource Graph answers 403, each subscription is listed over ARM instead', async () => {
    const faults = [{ method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 403 }];
    const setup = await sandboxWith(
      scenario(
        [subscription(SUB_PROD, 'Prod', manyServices('prod', 2)), subscription(SUB_DEV, 'Dev', manyServices('dev', 1))],
        { faults },
      ),
    );
    sandbox = setup.sandbox;
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
    const inventory = await reader.listApimServicesAcross([SUB_PROD, SUB_DEV]);
    expect(inventory.source).toBe('arm');
    expect(inventory.bySubscription.get(SUB_PROD)).toHaveLength(2);
    expect(inventory.bySubscription.get(SUB_DEV)).toHaveLength(1);
    expect(sandbox.requests().filter((r) => ARM_LIST.test(r.path))).toHaveLength(2);
  });

  test('other Resource Graph failures are not hidden behind the fallback', async () => {
    const faults = [{ method: 'POST', pathRegex: 'Microsoft.ResourceGraph', status: 400 }];
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', manyServices('p', 1))], { faults }));
    sandbox = setup.sandbox;
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
    await expect(reader.listApimServicesAcross([SUB_PROD])).rejects.toMatchObject({ code: 'azure_bad_request' });
  });
});

describe('the sandbox speaks Resource Graph', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('a query the sandbox does not know gets Resource Graph own 400 with InvalidQuery in the details', async () => {
    sandbox = (await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', [])]))).sandbox;
    const answer = await callSandbox<{ error: { code: string; message: string; details: { code: string }[] } }>(
      sandbox,
      '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01',
      { method: 'POST', body: { subscriptions: [SUB_PROD], query: 'Resources | summarize count() by location' } },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
    expect(answer.body.error.message).toMatch(/^Please provide below info when asking for support: timestamp = /);
    expect(answer.body.error.details[0]?.code).toBe('InvalidQuery');
  });

  test('a page answers like the official example: totalRecords, count, resultTruncated, $skipToken, data', async () => {
    sandbox = (await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', manyServices('p', 3))]))).sandbox;
    const path = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
    const query = "Resources | where type =~ 'microsoft.apimanagement/service' | project id, name, location";
    const first = await callSandbox<Record<string, unknown>>(sandbox, path, {
      method: 'POST',
      body: { subscriptions: [SUB_PROD], query, options: { $top: 2 } },
    });
    expect(first.status).toBe(200);
    expect(first.headers['x-ms-user-quota-remaining']).toBeDefined();
    expect(first.body).toMatchObject({ totalRecords: 3, count: 2, resultTruncated: 'false', facets: [] });
    expect(Object.keys((first.body.data as object[])[0] ?? {})).toEqual(['id', 'name', 'location']);
    const second = await callSandbox<Record<string, unknown>>(sandbox, path, {
      method: 'POST',
      body: { subscriptions: [SUB_PROD], query, options: { $skipToken: first.body.$skipToken } },
    });
    expect(second.body).toMatchObject({ totalRecords: 3, count: 1 });
    expect(second.body.$skipToken).toBeUndefined();
  });
});
