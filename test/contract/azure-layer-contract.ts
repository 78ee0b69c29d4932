/**
 * What the Azure layer returns for the tenant of Microsoft's examples. The same assertions run against the
 * examples themselves (fixtures.contract.test.ts) and against the sandbox (sandbox.contract.test.ts).
 */
import { ApiCollectionsApi } from '../../src/azure/api-collections';
import { SdkAzureReader } from '../../src/azure/azure-reader';
import { SdkOnboardingAzure } from '../../src/azure/onboarding-azure';
import { summarizeRecommendation } from '../../src/domain/recommendation-summary';
import {
  CONSUMPTION,
  CONSUMPTION_ID,
  PREMIUM,
  PREMIUM_ID,
  SUB,
  SUB2,
  WINDOW,
  type MakeWorld,
  type World,
} from './worlds';

export const ECHO_COLLECTION = {
  serviceId: PREMIUM_ID,
  apiName: 'echo-api',
  displayName: 'Echo API',
  baseUrl: 'https://ogf-z3-06162021-premium.azure-api.net/echo',
  endpoints: 6,
  inactive: 3,
  unauthenticated: 1,
  external: 3,
  sensitive: 1,
  sensitivityLabel: 'Highly Confidential',
  provisioningState: 'Succeeded',
};

const PREMIUM_SERVICE = { id: PREMIUM_ID, name: PREMIUM, resourceGroup: 'rg1', region: 'eastus', sku: 'Premium' };
const CONSUMPTION_SERVICE = {
  id: CONSUMPTION_ID,
  name: CONSUMPTION,
  resourceGroup: 'rg1',
  region: 'eastus',
  sku: 'Consumption',
};

export function describeAzureLayerContract(name: string, makeWorld: MakeWorld): void {
  describe(`the Azure layer against ${name}`, () => {
    let world: World | undefined;
    afterEach(async () => {
      await world?.close();
      world = undefined;
    });
    const reader = (w: World) => new SdkAzureReader(w.connection, { metricsConcurrency: 2 });
    const onboarding = (w: World) => new SdkOnboardingAzure(w.connection, { pollIntervalMs: 10 });
    const noDoubleSlash = (w: World) => expect(w.requests().filter((r) => r.path.startsWith('//'))).toEqual([]);

    test('subscriptions are listed with their names', async () => {
      world = await makeWorld();
      expect(await reader(world).listSubscriptions()).toEqual([
        { id: SUB, name: 'Example Subscription' },
        { id: SUB2, name: 'Example Subscription2' },
      ]);
    });

    test('API Management services come with their resource group, ARM region name and tier', async () => {
      world = await makeWorld();
      const services = await reader(world).listApimServices(SUB);
      expect([...services]).toEqual([PREMIUM_SERVICE, CONSUMPTION_SERVICE]);
      expect(services.stoppedEarly).toBeUndefined();
    });

    test("a service's current APIs are listed with display name and path, and an empty nextLink ends the list", async () => {
      world = await makeWorld();
      const apis = await onboarding(world).listApis(PREMIUM_SERVICE);
      expect(apis.map((a) => [a.apiName, a.displayName, a.path])).toEqual([
        ['a1', 'api1', 'api1'],
        ['5a73933b8f27f7cc82a2d533', 'api1', 'api1'],
        ['echo-api', 'Echo API', 'echo'],
        ['5a7390baa5816a110435aee0', 'Swagger Petstore Extensive', 'vvv'],
      ]);
    });

    test('Requests totals come from one getBatch per region, matched on the metric name, points without data count 0', async () => {
      world = await makeWorld();
      const totals = await reader(world).requestTotals([PREMIUM_SERVICE, CONSUMPTION_SERVICE], WINDOW);
      expect(Object.fromEntries(totals.byServiceId)).toEqual({ [PREMIUM_ID]: 400, [CONSUMPTION_ID]: 15 });
      expect(totals.failures.size).toBe(0);
      expect(world.requests().filter((r) => r.path.includes('metrics:getBatch'))).toHaveLength(1);
      expect(world.requests().filter((r) => r.path.includes('Microsoft.Insights/metrics?'))).toEqual([]);
    });

    test('without the batch host, each service is read with per-resource metrics on a single-slash path', async () => {
      world = await makeWorld({ batchUnavailable: true });
      const totals = await reader(world).requestTotals([PREMIUM_SERVICE, CONSUMPTION_SERVICE], WINDOW);
      expect(Object.fromEntries(totals.byServiceId)).toEqual({ [PREMIUM_ID]: 400, [CONSUMPTION_ID]: 15 });
      const perResource = world.requests().filter((r) => r.path.includes('Microsoft.Insights/metrics?'));
      expect(perResource).toHaveLength(2);
      noDoubleSlash(world);
    });

    test('the Defender for APIs plan is read with its sub-plan, trial left and the time it was enabled', async () => {
      world = await makeWorld();
      expect(await reader(world).getDefenderPlan(SUB)).toEqual({
        tier: 'Standard',
        planId: 'P2',
        freeTrialRemaining: 'PT0S',
        enabledSince: expect.any(Date),
      });
    });

    test('the onboarding recommendation is found by its display name and mapped onto the APIs', async () => {
      world = await makeWorld();
      const items = await onboarding(world).getRecommendation(SUB);
      const summary = summarizeRecommendation(items);
      expect({ unhealthy: summary.unhealthy, healthy: summary.healthy, notApplicable: summary.notApplicable }).toEqual({
        unhealthy: 3,
        healthy: 1,
        notApplicable: 1,
      });
      const byApi = Object.fromEntries(items.map((i) => [i.resourceId.split('/').at(-1), i]));
      expect(byApi['echo-api']).toMatchObject({
        status: 'Healthy',
        api: { apiName: 'echo-api', displayName: 'Echo API' },
      });
      expect(byApi['a1']).toMatchObject({ status: 'Unhealthy', api: { serviceId: PREMIUM_ID, path: 'api1' } });
      expect(byApi['cons-api']).toMatchObject({ status: 'NotApplicable', cause: 'OffByPolicy' });
    });

    test('onboarded APIs are listed and read with their security insights', async () => {
      world = await makeWorld();
      expect(await onboarding(world).listCollections(SUB)).toEqual([ECHO_COLLECTION]);
      const echo = (await onboarding(world).listApis(PREMIUM_SERVICE)).find((a) => a.apiName === 'echo-api');
      expect(await onboarding(world).getCollection(echo!)).toEqual(ECHO_COLLECTION);
      const a1 = (await onboarding(world).listApis(PREMIUM_SERVICE)).find((a) => a.apiName === 'a1');
      expect(await onboarding(world).getCollection(a1!)).toBeUndefined();
    });

    test('onboarding an onboarded API answers with its collection, and offboarding it succeeds', async () => {
      world = await makeWorld();
      const collections = new ApiCollectionsApi(world.connection);
      expect(await collections.onboard(PREMIUM_ID, 'echo-api', { pollIntervalMs: 10 })).toEqual(ECHO_COLLECTION);
      await expect(collections.offboard(PREMIUM_ID, 'echo-api')).resolves.toBeUndefined();
      noDoubleSlash(world);
    });
  });
}
