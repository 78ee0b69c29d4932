import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_SCENARIO_PATH, loadScenario, type Sandbox, startSandbox } from '../../../src/sandbox';
import { callSandbox, getAllPages } from '../../helpers/sandbox-http';
import { makeTempDir } from './fixtures';

type Service = { id: string; location: string; sku: { name: string } };
type Batch = { values: { value: { timeseries: { data: { total: number }[] }[] }[] }[] };

/** Requests over the 30 complete UTC days before the day of "now", summed over a subscription's services. */
async function last30CompleteDays(sandbox: Sandbox, subscriptionId: string): Promise<number> {
  const { items } = await getAllPages<Service & { id: string }>(
    sandbox,
    `/subscriptions/${subscriptionId}/providers/Microsoft.ApiManagement/service?api-version=2024-05-01`,
  );
  const today = new Date(sandbox.clock().toISOString().slice(0, 10)).getTime();
  const start = new Date(today - 30 * 86_400_000).toISOString();
  const end = new Date(today).toISOString();
  let total = 0;
  for (const service of items) {
    const region = service.location.toLowerCase().replace(/ /g, '');
    const res = await callSandbox<Batch>(
      sandbox,
      `/_regions/${region}/subscriptions/${subscriptionId}/metrics:getBatch?api-version=2024-02-01&starttime=${start}&endtime=${end}` +
        '&interval=P1D&metricnamespace=Microsoft.ApiManagement/service&metricnames=Requests&aggregation=Total',
      { method: 'POST', body: { resourceids: [service.id] } },
    );
    total += res.body.values[0]!.value[0]!.timeseries[0]!.data.reduce((sum, p) => sum + p.total, 0);
  }
  return total;
}

describe('the bundled demo scenario', () => {
  it('is believable: two subscriptions, ~8 services in 3 regions, ~40 APIs, a Consumption service', async () => {
    const scenario = await loadScenario(DEMO_SCENARIO_PATH);
    const services = scenario.subscriptions.flatMap((s) => s.apiManagementServices ?? []);
    expect(scenario.subscriptions.map((s) => s.displayName)).toEqual(['Contoso Production', 'Contoso Dev/Test']);
    expect(new Set(services.map((s) => s.location))).toEqual(new Set(['eastus', 'westeurope', 'southeastasia']));
    expect(services.some((s) => s.sku === 'Consumption')).toBe(true);
    expect(services.flatMap((s) => s.apis ?? []).length).toBeGreaterThanOrEqual(35);
    for (const service of services) expect((service.dailyRequests as number[]).length).toBeGreaterThanOrEqual(62);
  });

  it('needs Plan 2 for Production (12-20 M requests in 30 days) and Plan 1 for Dev/Test (0.5-0.9 M)', async () => {
    const dir = await makeTempDir();
    const sandbox = await startSandbox({ scenarioPath: DEMO_SCENARIO_PATH, dataDir: join(dir, 'data') });
    try {
      const scenario = await loadScenario(DEMO_SCENARIO_PATH);
      const [prod, dev] = scenario.subscriptions;
      const prodTotal = await last30CompleteDays(sandbox, prod!.subscriptionId);
      const devTotal = await last30CompleteDays(sandbox, dev!.subscriptionId);
      expect(prodTotal).toBeGreaterThan(12_000_000);
      expect(prodTotal).toBeLessThan(20_000_000);
      expect(devTotal).toBeGreaterThan(500_000);
      expect(devTotal).toBeLessThan(900_000);
      expect(Number.isInteger(prodTotal) && Number.isInteger(devTotal)).toBe(true);
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
