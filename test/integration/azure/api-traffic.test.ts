import { SdkAzureReader } from '../../../src/azure/azure-reader';
import { last30CompleteDays } from '../../../src/domain/time-windows';
import type { Sandbox } from '../../../src/sandbox';
import { callSandbox } from '../../helpers/sandbox-http';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, service, subscription, SUB_PROD } from '../../helpers/scenarios';

const api = (name: string, extra: object = {}) => ({ name, displayName: name, path: name, ...extra });
const days = (perDay: number) => [...Array<number>(30).fill(perDay), 0];

const SERVICES = [
  // Per-API traffic: the service's Requests are the sum of its APIs'.
  {
    ...service({
      name: 'apim-orders',
      apis: [api('orders', { dailyRequests: days(700) }), api('billing', { dailyRequests: days(300) })],
    }),
    dailyRequests: undefined,
  },
  // No per-API traffic: the service's traffic is split evenly (whole requests, remainder to the first API).
  service({ name: 'apim-even', perDay: 10, apis: [api('a'), api('b'), api('c')] }),
  // No APIs: one series that names no API.
  service({ name: 'apim-bare', perDay: 5, apis: [] }),
];

async function read(faults: object[] = []) {
  const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', SERVICES)], { faults }));
  const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
  const services = await reader.listApimServices(SUB_PROD);
  const totals = await reader.requestTotals(services, last30CompleteDays(setup.sandbox.clock()));
  const byName = (name: string) => totals.details?.get(services.find((s) => s.name === name)?.id ?? '');
  return { sandbox: setup.sandbox, totals, byName };
}

describe('Requests split by the ApiId dimension', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test.each([
    ['metrics:getBatch', []],
    ['the per-resource metrics API', [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }]],
  ])('%s gives each API its traffic, and the day-by-day series of the window', async (_label, faults) => {
    const result = await read(faults);
    sandbox = result.sandbox;
    const orders = result.byName('apim-orders');
    expect(orders?.total).toBe(30_000);
    expect(Object.fromEntries(orders?.byApi ?? [])).toEqual({ orders: 21_000, billing: 9_000 });
    expect(orders?.daily).toEqual(Array<number>(30).fill(1_000));
    expect(orders?.splitComplete).toBe(true);
    expect(Object.fromEntries(result.byName('apim-even')?.byApi ?? [])).toEqual({ a: 120, b: 90, c: 90 });
    expect(Object.fromEntries(result.byName('apim-bare')?.byApi ?? [])).toEqual({ '': 150 });
    const metricCalls = sandbox.requests().filter((r) => /metrics(:getBatch)?\?/i.test(r.path) && r.status === 200);
    expect(metricCalls.length).toBeGreaterThan(0);
    for (const call of metricCalls)
      expect(decodeURIComponent(call.path)).toMatch(/filter=ApiId eq '\*'.*top=1000|top=1000.*filter=ApiId eq '\*'/);
  });

  test('the sandbox answers a split like Azure: one timeseries per API named in metadatavalues, at most top (10)', async () => {
    const many = service({
      name: 'apim-many',
      perDay: 12,
      apis: Array.from({ length: 12 }, (_, i) => api(`api-${i}`)),
    });
    sandbox = (await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', [many])]))).sandbox;
    const id = `/subscriptions/${SUB_PROD}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/apim-many`;
    const query = `api-version=2024-02-01&metricnamespace=Microsoft.ApiManagement/service&metricnames=Requests&aggregation=Total&interval=P1D&starttime=2026-11-01T00:00:00Z&endtime=2026-11-02T00:00:00Z&filter=${encodeURIComponent("ApiId eq '*'")}`;
    const answer = await callSandbox<{ values: { value: { timeseries: { metadatavalues: unknown[] }[] }[] }[] }>(
      sandbox,
      `/_regions/eastus/subscriptions/${SUB_PROD}/metrics:getBatch?${query}`,
      { method: 'POST', body: { resourceids: [id] } },
    );
    expect(answer.status).toBe(200);
    const series = answer.body.values[0]?.value[0]?.timeseries ?? [];
    expect(series).toHaveLength(10);
    expect(series[0]?.metadatavalues).toEqual([{ name: { value: 'apiid', localizedValue: 'ApiId' }, value: 'api-0' }]);
    const refused = await callSandbox(
      sandbox,
      `/_regions/eastus/subscriptions/${SUB_PROD}/metrics:getBatch?${query.replace('filter=', 'filter=Hostname%20eq%20%27x%27&x=')}`,
      { method: 'POST', body: { resourceids: [id] } },
    );
    expect(refused.status).toBe(400);
  });
});
