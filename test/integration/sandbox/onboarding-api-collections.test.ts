import { rm } from 'node:fs/promises';
import { type ApiInsights, loadScenario, startSandbox } from '../../../src/sandbox';
import { callSandbox, getAllPages, type SandboxTarget } from '../../helpers/sandbox-http';
import { makeTempDir, NOW, startWith, SUB_A, writeScenario } from './fixtures';
import { collectionPath, CONSUMPTION, ONBOARDING_KEY, onboardingScenario, PREMIUM, RG } from './onboarding-fixtures';

interface Collection {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown> & { provisioningState?: string; numberOfApiEndpoints: number };
}
type ErrorBody = { error: { code: string; message: string } };

const onboard = (target: SandboxTarget, service: string, api: string, version?: string) =>
  callSandbox<Collection | ErrorBody>(target, collectionPath(service, api, version), { method: 'PUT', body: {} });
const read = (target: SandboxTarget, service: string, api: string) =>
  callSandbox<Collection | ErrorBody>(target, collectionPath(service, api));

async function onboardingStatus(target: SandboxTarget, service: string, api: string): Promise<string> {
  const path = `${service}/apis/${api}/providers/Microsoft.Security/assessments/${ONBOARDING_KEY}?api-version=2021-06-01`;
  const res = await callSandbox<{ properties: { status: { code: string; statusChangeDate: string } } }>(target, path);
  return res.body.properties.status.code;
}

describe('apiCollections: onboarding as a long-running operation', () => {
  it('a PUT answers 201 with an absolute Location and an InProgress body; polls answer 202 then 200', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const put = await onboard(s.sandbox, PREMIUM, 'orders-api');
      expect(put.status).toBe(201);
      expect(put.body).toEqual({
        id: `${PREMIUM}/providers/Microsoft.Security/apiCollections/orders-api`,
        name: 'orders-api',
        type: 'Microsoft.Security/apiCollections',
        properties: { provisioningState: 'InProgress' },
      });
      const location = put.headers.location as string;
      expect(location).toBe(
        `${s.sandbox.url}${PREMIUM}/providers/Microsoft.Security/apiCollections/orders-api?api-version=2023-11-15&op=1`,
      );
      expect(put.headers['retry-after']).toBe('1');
      const running = await callSandbox(s.sandbox, location);
      expect(running.status).toBe(202);
      expect(running.headers.location).toBe(location);
      const done = await callSandbox<Collection>(s.sandbox, location);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        id: `${PREMIUM}/providers/Microsoft.Security/apiCollections/orders-api`,
        name: 'orders-api',
        type: 'Microsoft.Security/apiCollections',
        properties: {
          provisioningState: 'Succeeded',
          displayName: 'Orders API',
          discoveredVia: PREMIUM,
          baseUrl: 'https://apim-prem.azure-api.net/orders',
        },
      });
      const status = await callSandbox<{ properties: { status: { code: string; statusChangeDate: string } } }>(
        s.sandbox,
        `${PREMIUM}/apis/orders-api/providers/Microsoft.Security/assessments/${ONBOARDING_KEY}?api-version=2021-06-01`,
      );
      expect(status.body.properties.status).toMatchObject({
        code: 'Healthy',
        statusChangeDate: new Date(NOW).toISOString(),
      });
    } finally {
      await s.stop();
    }
  });

  it('onboardingRunningPolls sets how many polls answer 202 before the 200', async () => {
    for (const polls of [0, 3]) {
      const s = await startWith(onboardingScenario({ onboardingRunningPolls: polls }));
      try {
        const location = (await onboard(s.sandbox, PREMIUM, 'orders-api')).headers.location as string;
        const statuses: number[] = [];
        for (let i = 0; i <= polls; i++) statuses.push((await callSandbox(s.sandbox, location)).status);
        expect(statuses).toEqual([...Array<number>(polls).fill(202), 200]);
      } finally {
        await s.stop();
      }
    }
  });

  it('onboarding an onboarded API answers 200 at once, and the preview api-version onboards synchronously', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const again = await onboard(s.sandbox, PREMIUM, 'payments-api');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ properties: { provisioningState: 'Succeeded' } });
      const preview = await onboard(s.sandbox, PREMIUM, 'orders-api', '2022-11-20-preview');
      expect(preview.status).toBe(200);
      expect((preview.body as Collection).properties).not.toHaveProperty('provisioningState');
      expect(await onboardingStatus(s.sandbox, PREMIUM, 'orders-api')).toBe('Healthy');
    } finally {
      await s.stop();
    }
  });

  it('an API on a Consumption service, or one declared NotApplicable, is refused with 400 and stays as it was', async () => {
    const s = await startWith(onboardingScenario());
    try {
      const refused = await onboard(s.sandbox, CONSUMPTION, 'events-api');
      expect(refused.status).toBe(400);
      expect((refused.body as ErrorBody).error.code).toBe('ApiCollectionNotSupported');
      expect((refused.body as ErrorBody).error.message).toMatch(/Consumption tier/);
      expect((await read(s.sandbox, CONSUMPTION, 'events-api')).status).toBe(404);
      expect(await onboardingStatus(s.sandbox, CONSUMPTION, 'events-api')).toBe('NotApplicable');
      expect((await onboard(s.sandbox, PREMIUM, 'legacy-soap')).status).toBe(400);
    } finally {
      await s.stop();
    }
  });

  it('unknown services and APIs, and APIs not onboarded, are 404', async () => {
    const s = await startWith(onboardingScenario());
    try {
      expect((await read(s.sandbox, PREMIUM, 'orders-api')).status).toBe(404);
      expect((await onboard(s.sandbox, PREMIUM, 'nope-api')).status).toBe(404);
      expect((await onboard(s.sandbox, PREMIUM, 'orders-api;rev=2')).status).toBe(404);
      expect((await onboard(s.sandbox, PREMIUM.replace('apim-prem', 'apim-none'), 'orders-api')).status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it('onboarding and offboarding survive a restart of the sandbox', async () => {
    const s = await startWith(onboardingScenario());
    let second: Awaited<ReturnType<typeof startSandbox>> | undefined;
    try {
      expect((await onboard(s.sandbox, PREMIUM, 'orders-api')).status).toBe(201);
      const off = await callSandbox(s.sandbox, collectionPath(PREMIUM, 'payments-api'), { method: 'DELETE' });
      expect(off.status).toBe(200);
      await s.sandbox.close();
      second = await startSandbox({ scenarioPath: s.scenarioPath, dataDir: s.dataDir });
      const orders = await read(second, PREMIUM, 'orders-api');
      expect(orders.status).toBe(200);
      expect(orders.body).toMatchObject({ properties: { provisioningState: 'Succeeded' } });
      expect((await read(second, PREMIUM, 'payments-api')).status).toBe(404);
      expect(await onboardingStatus(second, PREMIUM, 'orders-api')).toBe('Healthy');
      expect(await onboardingStatus(second, PREMIUM, 'payments-api')).toBe('Unhealthy');
    } finally {
      await second?.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('a fault on one API’s PUT answers that API only', async () => {
    const faults = [{ method: 'PUT', pathRegex: 'apiCollections/orders-api\\?', status: 403 }];
    const s = await startWith(onboardingScenario({ faults }));
    try {
      const denied = await onboard(s.sandbox, PREMIUM, 'orders-api');
      expect(denied.status).toBe(403);
      expect((denied.body as ErrorBody).error.code).toBe('AuthorizationFailed');
      expect((await onboard(s.sandbox, PREMIUM, 'payments-api')).status).toBe(200);
      expect((await read(s.sandbox, PREMIUM, 'orders-api')).status).toBe(404);
    } finally {
      await s.stop();
    }
  });
});

describe('apiCollections: lists and insights', () => {
  it('onboarded APIs are listed by subscription (paged), resource group and service', async () => {
    const s = await startWith(onboardingScenario({ pageSize: 1 }));
    try {
      const base = `/subscriptions/${SUB_A}`;
      const bySub = await getAllPages<Collection>(
        s.sandbox,
        `${base}/providers/Microsoft.Security/apiCollections?api-version=2023-11-15`,
      );
      expect(bySub.items.map((c) => c.name)).toEqual(['payments-api', 'lagging-api']);
      expect(bySub.fetched).toHaveLength(2);
      const byGroup = await getAllPages<Collection>(
        s.sandbox,
        `${base}/resourceGroups/${RG}/providers/Microsoft.Security/apiCollections?api-version=2023-11-15`,
      );
      expect(byGroup.items).toHaveLength(2);
      const byService = await getAllPages<Collection>(
        s.sandbox,
        `${CONSUMPTION}/providers/Microsoft.Security/apiCollections?api-version=2022-11-20-preview`,
      );
      expect(byService.items).toEqual([]);
      const noGroup = await callSandbox(
        s.sandbox,
        `${base}/resourceGroups/rg-none/providers/Microsoft.Security/apiCollections?api-version=2023-11-15`,
      );
      expect(noGroup.status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it('insight counters are stable, never above the endpoint count, and scenario overrides win', async () => {
    const scenario = onboardingScenario();
    const apis = scenario.subscriptions[0]!.apiManagementServices![0]!.apis!;
    apis[1]!.insights = { endpoints: 9, unauthenticated: 4, sensitivityLabel: 'Highly Confidential' };
    const s = await startWith(scenario);
    try {
      const lagging = (await read(s.sandbox, PREMIUM, 'lagging-api')).body as Collection;
      const again = (await read(s.sandbox, PREMIUM, 'lagging-api')).body as Collection;
      expect(again).toEqual(lagging);
      const p = lagging.properties;
      for (const key of [
        'numberOfInactiveApiEndpoints',
        'numberOfUnauthenticatedApiEndpoints',
        'numberOfExternalApiEndpoints',
        'numberOfApiEndpointsWithSensitiveDataExposed',
      ]) {
        expect(p[key]).toEqual(expect.any(Number));
        expect(p[key] as number).toBeLessThanOrEqual(p.numberOfApiEndpoints);
      }
      expect(p.numberOfApiEndpoints).toBeGreaterThanOrEqual(3);
      const payments = ((await read(s.sandbox, PREMIUM, 'payments-api')).body as Collection).properties;
      expect(payments).toMatchObject({
        numberOfApiEndpoints: 9,
        numberOfUnauthenticatedApiEndpoints: 4,
        sensitivityLabel: 'Highly Confidential',
      });
    } finally {
      await s.stop();
    }
  });
});

describe('onboarding scenario fields', () => {
  it('bad insights and onboardingRunningPolls are reported with their paths', async () => {
    const scenario = onboardingScenario({ onboardingRunningPolls: -1 });
    const typo = { endpoints: 2, external: 5, unauthenticatd: 1 };
    scenario.subscriptions[0]!.apiManagementServices![0]!.apis![0]!.insights = typo as ApiInsights;
    const dir = await makeTempDir();
    try {
      const path = await writeScenario(dir, scenario);
      const message = await loadScenario(path).then(
        () => '',
        (err: Error) => err.message,
      );
      const api = 'subscriptions[0].apiManagementServices[0].apis[0]';
      expect(message).toContain('onboardingRunningPolls: must be an integer from 0 to 100, got -1');
      expect(message).toContain(`${api}.insights.unauthenticatd: is not a known property`);
      expect(message).toContain(`${api}.insights.external: must be at most endpoints (2), got 5`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
