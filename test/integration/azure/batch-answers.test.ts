import { SdkAzureReader } from '../../../src/azure/azure-reader';
import { BODIES_READ_AT_ONCE } from '../../../src/azure/pacing';
import { last30CompleteDays } from '../../../src/domain/time-windows';
import type { Sandbox } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { slowBodyReads } from '../../helpers/slow-body-reads';
import { scenario, service, subscription, SUB_PROD } from '../../helpers/scenarios';

const REGIONS = ['eastus', 'eastus2', 'centralus', 'westus', 'westus2', 'westus3', 'northeurope', 'westeurope'];
const REGIONS_MORE = ['uksouth', 'ukwest', 'francecentral', 'swedencentral', 'southeastasia', 'eastasia'];
const REGIONS_EVEN_MORE = ['germanywestcentral', 'switzerlandnorth', 'norwayeast', 'italynorth', 'polandcentral'];

describe('metrics:getBatch answers', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    await sandbox?.close();
  });

  it('are read a few at a time however many batches are in flight, and every service is still counted', async () => {
    // 20 regions: 20 batches in flight at once, all answered about together (the sandbox waits 40 ms on each).
    const regions = [...REGIONS, ...REGIONS_MORE, ...REGIONS_EVEN_MORE, 'canadacentral'];
    const services = regions.map((location, i) => service({ name: `apim-${i}`, location, perDay: 100 + i }));
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', services)], { latencyMs: 40 }));
    sandbox = setup.sandbox;
    // Each read takes a while, so unbounded reads would overlap.
    const reads = slowBodyReads(60);
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 4 });
    const listed = await reader.listApimServices(SUB_PROD);
    const totals = await reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));

    expect(sandbox.requests().filter((r) => /metrics:getBatch/.test(r.path))).toHaveLength(regions.length);
    expect(reads.mostAtOnce()).toBeGreaterThan(0);
    expect(reads.mostAtOnce()).toBeLessThanOrEqual(BODIES_READ_AT_ONCE);
    expect(totals.failures.size).toBe(0);
    for (const [i, s] of services.entries())
      expect(totals.byServiceId.get(listed.find((l) => l.name === s.name)?.id ?? '')).toBe(30 * (100 + i));
  });
});
