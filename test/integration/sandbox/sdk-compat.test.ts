/**
 * The real Azure SDK clients the bot uses, pointed at the sandbox: proof that paths, api-versions, paging, bodies and
 * throttling are on the wire as the SDKs expect. The sandbox certificate is trusted through a per-client https.Agent.
 */
import { Agent } from 'node:https';
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { MonitorClient } from '@azure/arm-monitor';
import { SecurityCenter } from '@azure/arm-security';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { getClient } from '@azure-rest/core-client';
import type { AdditionalPolicyConfig } from '@azure-rest/core-client';
import { sandboxCredential as credential } from '../../../src/sandbox/tokens';
import { basicScenario, serviceId, type Started, startWith, SUB_A } from './fixtures';

function trustSandbox(ca: string): AdditionalPolicyConfig[] {
  const agent = new Agent({ ca, keepAlive: false });
  return [
    {
      position: 'perCall',
      policy: {
        name: 'trustSandboxCertificate',
        sendRequest: (request, next) => {
          request.agent = agent;
          return next(request);
        },
      },
    },
  ];
}

describe('the real Azure SDK clients work against the sandbox', () => {
  let s: Started;
  let options: { endpoint: string; credentialScopes: string[]; additionalPolicies: AdditionalPolicyConfig[] };
  beforeAll(async () => {
    const scenario = basicScenario({
      pageSize: 2,
      faults: [{ method: 'GET', pathRegex: '/pricings/Api\\?', status: 429, retryAfterSeconds: 1, count: 1 }],
    });
    s = await startWith(scenario);
    // The AutoRest clients derive their scope from the endpoint unless told: ARM's scope, as in Azure.
    options = {
      endpoint: s.sandbox.url,
      credentialScopes: ['https://management.azure.com/.default'],
      additionalPolicies: trustSandbox(s.sandbox.caCertificatePem),
    };
  });
  afterAll(() => s.stop());

  it('@azure-rest/core-client lists subscriptions', async () => {
    const client = getClient(s.sandbox.url, credential, {
      credentials: { scopes: ['https://management.azure.com/.default'] },
      additionalPolicies: options.additionalPolicies,
    });
    const res = await client.path('/subscriptions').get({ queryParameters: { 'api-version': '2022-12-01' } });
    expect(res.status).toBe('200');
    expect((res.body as { value: { displayName: string }[] }).value.map((v) => v.displayName)).toEqual([
      'Sub A',
      'Sub B',
    ]);
  });

  it('@azure/arm-apimanagement follows nextLinks through services and APIs', async () => {
    const client = new ApiManagementClient(credential, SUB_A, options);
    const names: string[] = [];
    for await (const service of client.apiManagementService.list()) names.push(service.name ?? '');
    expect(names).toEqual(['apim-a1', 'apim-a2', 'apim-a3']);
    const apis: string[] = [];
    for await (const api of client.api.listByService('rg-a', 'apim-a1', { filter: 'isCurrent eq true' })) {
      apis.push(`${api.name}:${api.displayName}:${api.path}`);
    }
    expect(apis).toEqual(['orders-api:Orders API:orders', 'payments-api:Payments API:payments']);
    const pages = s.sandbox.requests().filter((r) => r.path.includes('Microsoft.ApiManagement/service?'));
    expect(pages.map((r) => r.path)).toEqual([
      `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`,
      `/subscriptions/${SUB_A}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01&$skiptoken=2`,
    ]);
  });

  it('@azure/arm-monitor reads the Requests metric of a service', async () => {
    const client = new MonitorClient(credential, SUB_A, options);
    // The URL template is "/{resourceUri}/providers/…": the id goes in without its leading slash.
    const res = await client.metrics.list(serviceId(SUB_A, 'rg-a', 'apim-a1').slice(1), {
      timespan: '2026-11-17T00:00:00Z/2026-11-20T00:00:00Z',
      interval: 'P1D',
      metricnames: 'Requests',
      aggregation: 'Total',
    });
    const data = res.value[0]?.timeseries?.[0]?.data ?? [];
    expect(data.map((d) => d.total)).toEqual([100, 200, 300]);
    expect(data[0]?.timeStamp).toEqual(new Date('2026-11-17T00:00:00Z'));
    expect(s.sandbox.requests().some((r) => r.path.startsWith('/subscriptions/') && r.status === 200)).toBe(true);
  });

  it('@azure/monitor-query-metrics MetricsClient queries a batch on the regional endpoint', async () => {
    const client = new MetricsClient(s.sandbox.metricsEndpoint('eastus'), credential, {
      additionalPolicies: options.additionalPolicies,
      credentials: { scopes: ['https://metrics.monitor.azure.com/.default'] },
    });
    const results = await client.queryResources(
      [serviceId(SUB_A, 'rg-a', 'apim-a1'), serviceId(SUB_A, 'rg-a', 'apim-a2')],
      ['Requests'],
      'Microsoft.ApiManagement/service',
      {
        startTime: new Date('2026-11-17T00:00:00Z'),
        endTime: new Date('2026-11-20T00:00:00Z'),
        interval: 'P1D',
        aggregation: 'Total',
      },
    );
    const totals = results.map((r) => r.metrics[0]?.timeseries[0]?.data?.reduce((sum, p) => sum + (p.total ?? 0), 0));
    expect(totals).toEqual([600, 0]);
    expect(results[0]?.resourceRegion).toBe('eastus');
    const batch = s.sandbox.requests().find((r) => r.path.includes('metrics:getBatch'));
    expect(batch?.path).toMatch(
      /^\/_regions\/eastus\/subscriptions\/[^/]+\/metrics:getBatch\?api%2Dversion=2024-02-01&/,
    );
  });

  it('@azure/arm-security reads and sets the Api pricing, retrying a throttled read', async () => {
    const client = new SecurityCenter(credential, SUB_A, options);
    const before = await client.pricings.get('Api');
    expect(before).toMatchObject({ pricingTier: 'Standard', subPlan: 'P2', freeTrialRemainingTime: 'PT0S' });
    const throttled = s.sandbox.requests().filter((r) => r.path.includes('/pricings/Api?'));
    expect(throttled.map((r) => r.status)).toEqual([429, 200]);
    const after = await client.pricings.update('Api', { pricingTier: 'Standard', subPlan: 'P3' });
    // A sub-plan change on a plan enabled 60 days ago starts no new trial.
    expect(after).toMatchObject({ pricingTier: 'Standard', subPlan: 'P3', freeTrialRemainingTime: 'PT0S' });
    const list = await client.pricings.list();
    expect(list.value?.find((p) => p.name === 'Api')?.subPlan).toBe('P3');
  });
});
