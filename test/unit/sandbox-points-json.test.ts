import type { SandboxContext } from '../../src/sandbox/context';
import { pointsJson, serviceMetric, serviceMetricJson } from '../../src/sandbox/metric-body';
import { parseDimensionFilter } from '../../src/sandbox/metric-filter';
import { metricQuery } from '../../src/sandbox/metric-query';
import type { ScenarioService, ScenarioSubscription } from '../../src/sandbox/scenario';
import { serviceId } from '../../src/sandbox/tenant';

const DAY = 86_400_000;
const LAST_DAY = Date.parse('2026-11-20T00:00:00Z');
/** Only what the traffic model reads. */
const ctx = { lastDayStartMs: LAST_DAY } as unknown as SandboxContext;
const query = metricQuery(
  { startMs: LAST_DAY - 30 * DAY, endMs: LAST_DAY },
  new Map([
    ['interval', 'P1D'],
    ['metricnames', 'Requests'],
    ['aggregation', 'Total'],
    ['metricnamespace', 'Microsoft.ApiManagement/service'],
  ]),
);

function ref(service: Partial<ScenarioService>) {
  const subscription = { subscriptionId: '11111111-1111-4111-8111-111111111111' } as ScenarioSubscription;
  const full = { name: 'apim', resourceGroup: 'rg', location: 'eastus', sku: 'Premium', ...service } as ScenarioService;
  return { subscription, service: full, id: serviceId(subscription, full) };
}

describe('the sandbox writes metric points as JSON text', () => {
  test('the same text JSON.stringify makes of the point objects, whatever the totals', () => {
    const totals = [0, 1, 1_000, 2 ** 40, 1e21, 0.1 + 0.2, 1 / 3, -5, Number.NaN, Infinity];
    const buckets = totals.map((total, i) => ({ startMs: LAST_DAY + i * DAY, total }));
    const objects = buckets.map((b) => ({
      timeStamp: new Date(b.startMs).toISOString().replace('.000Z', 'Z'),
      total: b.total,
    }));
    expect(pointsJson(buckets)).toBe(JSON.stringify(objects));
    expect(pointsJson([])).toBe('[]');
  });

  test.each([
    [
      'split by API, several APIs of uneven traffic',
      "ApiId eq '*'",
      { apis: [{ name: 'orders' }, { name: 'pay"ments' }] },
    ],
    [
      'split by API, APIs with traffic of their own',
      "ApiId eq '*'",
      {
        apis: [
          { name: 'a', dailyRequests: [1, 2, 3] },
          { name: 'b', dailyRequests: { perDay: 7.5 } },
        ],
      },
    ],
    ['split, a service without APIs', "ApiId eq '*'", { apis: [] }],
    ['not split', undefined, { apis: [{ name: 'orders' }] }],
  ])('a whole metric (%s) is the text JSON.stringify makes of it', (_name, filterText, service) => {
    const filter = parseDimensionFilter(filterText, '1000');
    const r = ref({ dailyRequests: { perDay: 1_001 }, ...(service as Partial<ScenarioService>) });
    expect(serviceMetricJson(ctx, r, query, filter, LAST_DAY + DAY)).toBe(
      JSON.stringify(serviceMetric(ctx, r, query, filter, LAST_DAY + DAY)),
    );
  });
});
