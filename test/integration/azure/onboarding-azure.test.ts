import { ApiCollectionsApi } from '../../../src/azure/api-collections';
import { SdkOnboardingAzure } from '../../../src/azure/onboarding-azure';
import type { ApiRef } from '../../../src/domain/onboarding-types';
import { summarizeRecommendation } from '../../../src/domain/recommendation-summary';
import { AppError } from '../../../src/errors/app-error';
import type { Sandbox, ScenarioFault } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_PROD } from '../../helpers/scenarios';

const COLLECTIONS = /Microsoft\.Security\/apiCollections/i;

/** apim-main (Premium): orders (Unhealthy), payments (onboarded), billing (Unhealthy); apim-cons: events (N/A). */
function tenant(extra: object = {}) {
  const main = service({
    name: 'apim-main',
    apis: [
      { name: 'orders-api', displayName: 'Orders API', path: 'orders' },
      { name: 'payments-api', displayName: 'Payments API', path: 'payments', onboarded: true },
      { name: 'billing-api', displayName: 'Billing API', path: 'billing' },
    ],
  });
  const consumption = service({
    name: 'apim-cons',
    sku: 'Consumption',
    apis: [{ name: 'events-api', displayName: 'Events API', path: 'events' }],
  });
  return scenario([subscription(SUB_PROD, 'Prod', [main, consumption])], extra);
}

async function connect(content: object) {
  const { sandbox, connection } = await sandboxWith(content);
  // 10 ms between polls unless the sandbox says otherwise (it sends Retry-After: 1).
  return { sandbox, connection, azure: new SdkOnboardingAzure(connection, { pollIntervalMs: 10 }) };
}

async function waitForCall(sandbox: Sandbox, call: string): Promise<void> {
  while (!calls(sandbox, COLLECTIONS).includes(call)) await new Promise((resolve) => setImmediate(resolve));
}

const calls = (sandbox: Sandbox, pattern: RegExp): string[] =>
  sandbox
    .requests()
    .filter((r) => pattern.test(r.path))
    .map((r) => `${r.method} ${r.status}`);

async function apiNamed(azure: SdkOnboardingAzure, name: string): Promise<ApiRef> {
  const items = await azure.getRecommendation(SUB_PROD);
  const found = items.find((i) => i.api?.apiName === name)?.api;
  if (found === undefined) throw new Error(`no API ${name} in the recommendation`);
  return found;
}

describe('onboarding through the real SDK and REST clients against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('the recommendation is counted by status and each item is mapped to its API and service', async () => {
    const setup = await connect(tenant());
    sandbox = setup.sandbox;
    const items = await setup.azure.getRecommendation(SUB_PROD);
    const summary = summarizeRecommendation(items);
    expect(summary).toMatchObject({ healthy: 1, unhealthy: 2, notApplicable: 1, total: 4 });
    expect(summary.unhealthyByService.map((g) => g.apis.map((a) => a.displayName))).toEqual([
      ['Billing API', 'Orders API'],
    ]);
    const orders = items.find((i) => i.api?.apiName === 'orders-api')!;
    expect(orders.api).toEqual({
      serviceId: `/subscriptions/${SUB_PROD}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/apim-main`,
      serviceName: 'apim-main',
      resourceGroup: 'rg-apis',
      region: 'eastus',
      sku: 'Premium',
      apiName: 'orders-api',
      displayName: 'Orders API',
      path: 'orders',
    });
    expect(orders.resourceId).toBe(`${orders.api!.serviceId}/apis/orders-api`);
    const events = items.find((i) => i.api?.apiName === 'events-api')!;
    expect(events).toMatchObject({ status: 'NotApplicable', cause: 'OffByPolicy' });
    expect(events.description).toMatch(/Consumption tier/);
  });

  test('assessments are read across pages, and the recommendation key is looked up once per process', async () => {
    const setup = await connect(tenant({ pageSize: 2 }));
    sandbox = setup.sandbox;
    const first = await setup.azure.getRecommendation(SUB_PROD);
    expect(first).toHaveLength(4);
    // 2 services × 2 + 4 APIs + 2 subscription-level assessments = 10, in pages of 2.
    expect(calls(sandbox, /Microsoft\.Security\/assessments\?/i)).toHaveLength(5);
    const lookups = calls(sandbox, /assessmentMetadata/i).length;
    expect(lookups).toBeGreaterThan(0);
    const second = await new SdkOnboardingAzure(setup.connection).getRecommendation(SUB_PROD);
    expect(second).toEqual(first);
    expect(calls(sandbox, /assessmentMetadata/i)).toHaveLength(lookups);
  });

  test('onboarding waits out the long-running operation (201, 202, 200) and honours Retry-After', async () => {
    const setup = await connect(tenant());
    sandbox = setup.sandbox;
    const orders = await apiNamed(setup.azure, 'orders-api');
    expect(await setup.azure.getCollection(orders)).toBeUndefined();
    const started = Date.now();
    const collection = await setup.azure.onboard(orders);
    // Polls are 10 ms apart unless the service asks otherwise; the sandbox's Retry-After: 1 makes it ≥ 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls(sandbox, COLLECTIONS)).toEqual(['GET 404', 'PUT 201', 'GET 202', 'GET 200']);
    expect(collection).toMatchObject({
      serviceId: orders.serviceId,
      apiName: 'orders-api',
      displayName: 'Orders API',
      baseUrl: 'https://apim-main.azure-api.net/orders',
      provisioningState: 'Succeeded',
    });
    expect(collection.endpoints).toBeGreaterThan(0);
    expect(await setup.azure.getCollection(orders)).toEqual(collection);
  });

  test('an onboarded API is Healthy in the next read of the recommendation and is listed with its insights', async () => {
    const setup = await connect(tenant({ pageSize: 1 }));
    sandbox = setup.sandbox;
    await setup.azure.onboard(await apiNamed(setup.azure, 'orders-api'));
    const orders = (await setup.azure.getRecommendation(SUB_PROD)).find((i) => i.api?.apiName === 'orders-api');
    expect(orders?.status).toBe('Healthy');
    const listed = await setup.azure.listCollections(SUB_PROD);
    expect(listed.map((c) => c.apiName).sort()).toEqual(['orders-api', 'payments-api']);
    expect(calls(sandbox, /Security\/apiCollections\?/i)).toHaveLength(2); // one collection per page
  });

  test('onboarding an onboarded API completes with its first answer', async () => {
    const setup = await connect(tenant());
    sandbox = setup.sandbox;
    const collection = await setup.azure.onboard(await apiNamed(setup.azure, 'payments-api'));
    expect(collection.provisioningState).toBe('Succeeded');
    expect(calls(sandbox, COLLECTIONS)).toEqual(['PUT 200']);
  });

  test('a revision suffix is dropped from the API id that is onboarded', async () => {
    const setup = await connect(tenant({ onboardingRunningPolls: 0 }));
    sandbox = setup.sandbox;
    const orders = await apiNamed(setup.azure, 'orders-api');
    await setup.azure.onboard({ ...orders, apiName: 'orders-api;rev=3' });
    const put = sandbox.requests().find((r) => r.method === 'PUT')!;
    expect(put.path).toMatch(/\/apiCollections\/orders-api\?api-version=2023-11-15$/);
  });

  test('a 403 on one API’s onboarding is an azure_forbidden error naming the roles to grant', async () => {
    const faults: ScenarioFault[] = [{ method: 'PUT', pathRegex: 'apiCollections/billing-api\\?', status: 403 }];
    const setup = await connect(tenant({ faults }));
    sandbox = setup.sandbox;
    const error = await setup.azure.onboard(await apiNamed(setup.azure, 'billing-api')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'azure_forbidden',
      userMessage: expect.stringMatching(/Security Admin role plus the API Management Service Contributor role/),
    });
    await expect(setup.azure.onboard(await apiNamed(setup.azure, 'orders-api'))).resolves.toMatchObject({
      apiName: 'orders-api',
    });
  });

  test('onboarding an API of a Consumption service fails in our words, with Azure’s code and request id only', async () => {
    const setup = await connect(tenant());
    sandbox = setup.sandbox;
    const error = await setup.azure.onboard(await apiNamed(setup.azure, 'events-api')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'azure_bad_request',
      userMessage: expect.stringMatching(
        /couldn't onboard the API 'events-api'.*\(Azure error ApiCollectionNotSupported, request id [0-9a-f-]{36}\)/,
      ),
    });
    // Azure's own message stays in the log (detail), never in what a person reads.
    expect((error as AppError).userMessage).not.toContain('does not support');
    expect((error as AppError).message).toContain('does not support');
  });

  test('a poll answering 200 with provisioningState InProgress keeps the onboarding polling until Succeeded', async () => {
    const setup = await connect(tenant({ onboardingPollShape: '200-in-progress', onboardingRunningPolls: 2 }));
    sandbox = setup.sandbox;
    const orders = await apiNamed(setup.azure, 'orders-api');
    const collection = await setup.azure.onboard(orders);
    expect(calls(sandbox, COLLECTIONS)).toEqual(['PUT 201', 'GET 200', 'GET 200', 'GET 200']);
    expect(collection.provisioningState).toBe('Succeeded');
  });

  test('a collection found InProgress (a resume after a stop) is polled until it settles, not taken as done', async () => {
    const setup = await connect(tenant({ onboardingRunningPolls: 2 }));
    sandbox = setup.sandbox;
    const orders = await apiNamed(setup.azure, 'orders-api');
    const abandoned = new AbortController();
    const started = setup.azure.onboard(orders, abandoned.signal);
    await waitForCall(sandbox, 'PUT 201');
    abandoned.abort();
    await expect(started).rejects.toMatchObject({ name: 'AbortError' });
    const settled = await setup.azure.settledCollection(orders);
    expect(settled?.provisioningState).toBe('Succeeded');
    // The first reads show InProgress; the collection counts only once a read says Succeeded.
    expect(calls(sandbox, COLLECTIONS).slice(-3)).toEqual(['GET 200', 'GET 200', 'GET 200']);
  });

  test('a 429 with Retry-After on the PUT is waited out and the onboarding goes on', async () => {
    const faults: ScenarioFault[] = [
      { method: 'PUT', pathRegex: 'apiCollections/orders-api', status: 429, retryAfterSeconds: 1, count: 1 },
    ];
    const setup = await connect(tenant({ faults, onboardingRunningPolls: 0 }));
    sandbox = setup.sandbox;
    const orders = await apiNamed(setup.azure, 'orders-api');
    const started = Date.now();
    await expect(setup.azure.onboard(orders)).resolves.toMatchObject({ provisioningState: 'Succeeded' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls(sandbox, COLLECTIONS)).toEqual(['PUT 429', 'PUT 201', 'GET 200']);
  });

  test('the APIs of a service are listed in our vocabulary, and offboarding makes the API Unhealthy again', async () => {
    const setup = await connect(tenant());
    sandbox = setup.sandbox;
    const payments = await apiNamed(setup.azure, 'payments-api');
    const main = {
      id: payments.serviceId,
      name: 'apim-main',
      resourceGroup: 'rg-apis',
      region: 'eastus',
      sku: 'Premium',
    };
    const apis = await setup.azure.listApis(main);
    expect(apis.map((a) => [a.apiName, a.displayName, a.path])).toEqual([
      ['orders-api', 'Orders API', 'orders'],
      ['payments-api', 'Payments API', 'payments'],
      ['billing-api', 'Billing API', 'billing'],
    ]);
    await new ApiCollectionsApi(setup.connection).offboard(payments.serviceId, 'payments-api');
    expect(await setup.azure.getCollection(payments)).toBeUndefined();
    const items = await setup.azure.getRecommendation(SUB_PROD);
    expect(items.find((i) => i.api?.apiName === 'payments-api')?.status).toBe('Unhealthy');
  });
});
