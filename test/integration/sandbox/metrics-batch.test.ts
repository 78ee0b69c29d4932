import { callSandbox } from '../../helpers/sandbox-http';
import { basicScenario, serviceId, type Started, startWith, SUB_A, SUB_B } from './fixtures';

interface BatchResponse {
  values: {
    starttime: string;
    endtime: string;
    interval: string;
    namespace: string;
    resourceregion: string;
    resourceid: string;
    value: {
      errorCode: string;
      errorMessage?: string;
      timeseries: { data: { timeStamp: string; total: number }[] }[];
    }[];
  }[];
}
type ErrorBody = { error: { code: string; message: string } };

const A1 = serviceId(SUB_A, 'rg-a', 'apim-a1');
const A2 = serviceId(SUB_A, 'rg-a', 'apim-a2');
const A3 = serviceId(SUB_A, 'rg-eu', 'apim-a3');

function batchPath(region: string, sub = SUB_A): string {
  // Exactly what @azure/monitor-query-metrics 1.0.0 sends: api%2Dversion first, namespace with an encoded slash.
  return (
    `/_regions/${region}/subscriptions/${sub}/metrics:getBatch?api%2Dversion=2024-02-01` +
    '&starttime=2026-11-17T00%3A00%3A00.000Z&endtime=2026-11-20T00%3A00%3A00.000Z&interval=P1D' +
    '&metricnamespace=Microsoft.ApiManagement%2Fservice&metricnames=Requests&aggregation=Total'
  );
}

function totalOf(item: BatchResponse['values'][number]): number {
  return item.value[0]!.timeseries.flatMap((t) => t.data).reduce((sum, p) => sum + p.total, 0);
}

describe('metrics:getBatch', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startWith(basicScenario());
  });
  afterAll(() => s.stop());

  it('answers one item per resource of the region, with its own totals', async () => {
    const res = await callSandbox<BatchResponse>(s.sandbox, batchPath('eastus'), {
      method: 'POST',
      body: { resourceids: [A1, A2] },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-ms-ratelimit-remaining-subscription-reads']).toMatch(/^\d+$/);
    expect(res.body.values.map((v) => v.resourceid)).toEqual([A1, A2]);
    expect(res.body.values.map(totalOf)).toEqual([600, 0]);
    expect(res.body.values[0]).toMatchObject({
      starttime: '2026-11-17T00:00:00.000Z',
      endtime: '2026-11-20T00:00:00.000Z',
      interval: 'P1D',
      namespace: 'Microsoft.ApiManagement/service',
      resourceregion: 'eastus',
    });
    expect(res.body.values[0]!.value[0]!.timeseries[0]!.data.map((p) => p.total)).toEqual([100, 200, 300]);
  });

  it('getBatch refuses 51 resource ids and a resource from another region', async () => {
    const tooMany = await callSandbox<ErrorBody>(s.sandbox, batchPath('eastus'), {
      method: 'POST',
      body: { resourceids: Array.from({ length: 51 }, () => A1) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('1 to 50');
    const otherRegion = await callSandbox<ErrorBody>(s.sandbox, batchPath('eastus'), {
      method: 'POST',
      body: { resourceids: [A1, A3] },
    });
    expect(otherRegion.status).toBe(400);
    expect(otherRegion.body.error.code).toBe('BadRequest');
    expect(otherRegion.body.error.message).toContain(`resource '${A3}' is in region westeurope, not eastus`);
  });

  it('refuses an empty batch, another subscription and another namespace', async () => {
    const empty = await callSandbox(s.sandbox, batchPath('eastus'), { method: 'POST', body: { resourceids: [] } });
    expect(empty.status).toBe(400);
    const otherSub = await callSandbox<ErrorBody>(s.sandbox, batchPath('eastus'), {
      method: 'POST',
      body: { resourceids: [serviceId(SUB_B, 'rg-b', 'apim-b1')] },
    });
    expect(otherSub.status).toBe(400);
    expect(otherSub.body.error.message).toContain(`not in subscription '${SUB_A}'`);
    const wrongNamespace = await callSandbox(
      s.sandbox,
      batchPath('eastus').replace('Microsoft.ApiManagement%2Fservice', 'Microsoft.Web%2Fsites'),
      {
        method: 'POST',
        body: { resourceids: [A1] },
      },
    );
    expect(wrongNamespace.status).toBe(400);
  });

  it('an unknown resource gets ResourceNotFound in its own item without failing the batch', async () => {
    const ghost = serviceId(SUB_A, 'rg-a', 'apim-ghost');
    const res = await callSandbox<BatchResponse>(s.sandbox, batchPath('eastus'), {
      method: 'POST',
      body: { resourceids: [ghost, A1] },
    });
    expect(res.status).toBe(200);
    expect(res.body.values[0]!.value[0]).toMatchObject({ errorCode: 'ResourceNotFound', timeseries: [] });
    expect(res.body.values[0]!.value[0]!.errorMessage).toContain(ghost);
    expect(totalOf(res.body.values[1]!)).toBe(600);
  });
});
