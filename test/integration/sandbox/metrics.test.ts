import { callSandbox } from '../../helpers/sandbox-http';
import { basicScenario, serviceId, type Started, startWith, SUB_A, SUB_B } from './fixtures';

interface MetricsResponse {
  timespan: string;
  interval: string;
  namespace: string;
  resourceregion: string;
  value: {
    id: string;
    name: { value: string };
    unit: string;
    errorCode: string;
    timeseries: { data: { timeStamp: string; total: number }[] }[];
  }[];
}

const A1 = serviceId(SUB_A, 'rg-a', 'apim-a1');

function metricsPath(resourceId: string, query: string): string {
  // One slash, as Microsoft's GetMetric example and the SDKs (given an id without its leading slash) send it.
  return `${resourceId}/providers/microsoft.insights/metrics?api-version=2024-02-01&metricnames=Requests&aggregation=Total&${query}`;
}

function points(res: { body: MetricsResponse }) {
  return res.body.value[0]!.timeseries[0]!.data;
}

function sum(res: { body: MetricsResponse }): number {
  return points(res).reduce((total, p) => total + p.total, 0);
}

// apim-a1 has dailyRequests [100, 200, 300, 1000] ending on 2026-11-20, the day of "now" (12:00 UTC).
describe('per-resource Requests metrics', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startWith(basicScenario());
  });
  afterAll(() => s.stop());

  it('a window that ends at midnight returns exactly the sum of the days inside it', async () => {
    const res = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(A1, 'timespan=2026-11-01T00:00:00Z/2026-11-20T00:00:00Z&interval=P1D'),
    );
    expect(res.status).toBe(200);
    expect(points(res)).toHaveLength(19);
    expect(points(res).slice(-3)).toEqual([
      { timeStamp: '2026-11-17T00:00:00Z', total: 100 },
      { timeStamp: '2026-11-18T00:00:00Z', total: 200 },
      { timeStamp: '2026-11-19T00:00:00Z', total: 300 },
    ]);
    expect(points(res)[0]).toEqual({ timeStamp: '2026-11-01T00:00:00Z', total: 0 });
    expect(sum(res)).toBe(600);
  });

  it('the day that contains now counts only its elapsed part', async () => {
    const res = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(A1, 'timespan=2026-11-19T00:00:00Z/2026-11-21T00:00:00Z&interval=P1D'),
    );
    expect(points(res)).toEqual([
      { timeStamp: '2026-11-19T00:00:00Z', total: 300 },
      { timeStamp: '2026-11-20T00:00:00Z', total: 500 },
    ]);
  });

  it('a part of a day gets its share of the day, and hourly buckets split a day evenly', async () => {
    const part = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(A1, 'timespan=2026-11-19T06:00:00Z/2026-11-19T12:00:00Z&interval=FULL'),
    );
    expect(points(part)).toEqual([{ timeStamp: '2026-11-19T06:00:00Z', total: 75 }]);
    const hourly = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(A1, 'timespan=2026-11-18T00:00:00Z/2026-11-19T00:00:00Z&interval=PT1H'),
    );
    expect(points(hourly)).toHaveLength(24);
    expect(points(hourly)[5]).toEqual({ timeStamp: '2026-11-18T05:00:00Z', total: 200 / 24 });
    expect(sum(hourly)).toBeCloseTo(200, 9);
  });

  it('a bare duration ends now, and start/duration is accepted', async () => {
    const last30 = await callSandbox<MetricsResponse>(s.sandbox, metricsPath(A1, 'timespan=P30D&interval=FULL'));
    expect(last30.body.timespan).toBe('2026-10-21T12:00:00Z/2026-11-20T12:00:00Z');
    expect(last30.body.interval).toBe('P30D');
    expect(sum(last30)).toBe(1100);
    const startDuration = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(A1, `timespan=${encodeURIComponent('2026-11-18T00:00:00Z/P2D')}&interval=P1D`),
    );
    expect(sum(startDuration)).toBe(500);
  });

  it('the answer has the Azure Monitor shape', async () => {
    const res = await callSandbox<MetricsResponse>(s.sandbox, metricsPath(A1, 'timespan=P1D&interval=PT6H'));
    expect(res.body).toMatchObject({
      namespace: 'Microsoft.ApiManagement/service',
      resourceregion: 'eastus',
      interval: 'PT6H',
    });
    expect(res.body.value[0]).toMatchObject({
      id: `${A1}/providers/Microsoft.Insights/metrics/Requests`,
      type: 'Microsoft.Insights/metrics',
      name: { value: 'Requests', localizedValue: 'Requests' },
      unit: 'Count',
      errorCode: 'Success',
    });
  });

  it('perDay traffic is the same every day, as far back as asked', async () => {
    const b1 = serviceId(SUB_B, 'rg-b', 'apim-b1');
    const res = await callSandbox<MetricsResponse>(
      s.sandbox,
      metricsPath(b1, 'timespan=2025-10-01T00:00:00Z/2025-11-01T00:00:00Z&interval=P1D'),
    );
    expect(points(res)).toHaveLength(31);
    expect(points(res).every((p) => p.total === 86400)).toBe(true);
  });

  it('an unknown metric name is a 400 naming the valid metric', async () => {
    const res = await callSandbox<{ error: { code: string; message: string } }>(
      s.sandbox,
      `${A1}/providers/Microsoft.Insights/metrics?api-version=2024-02-01&metricnames=Capacity&timespan=P1D`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toContain('Valid metrics: Requests');
  });

  it('a malformed timespan or interval is a 400, an unknown service a 404', async () => {
    const badSpan = await callSandbox(s.sandbox, metricsPath(A1, 'timespan=yesterday'));
    expect(badSpan.status).toBe(400);
    const badInterval = await callSandbox(s.sandbox, metricsPath(A1, 'timespan=P1D&interval=P1M'));
    expect(badInterval.status).toBe(400);
    const missing = await callSandbox<{ error: { code: string } }>(
      s.sandbox,
      metricsPath(serviceId(SUB_A, 'rg-a', 'apim-nope'), 'timespan=P1D'),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceNotFound');
    const subscriptionScope = await callSandbox(s.sandbox, metricsPath(`/subscriptions/${SUB_A}`, 'timespan=P1D'));
    expect(subscriptionScope.status).toBe(400);
  });
});
