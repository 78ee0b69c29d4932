import { SdkAzureReader } from '../../../src/azure/azure-reader';
import { ResourceGraphApi } from '../../../src/azure/resource-graph';
import { last30CompleteDays } from '../../../src/domain/time-windows';
import type { ApimService } from '../../../src/domain/azure-types';
import type { Sandbox } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { slowBodyReads } from '../../helpers/slow-body-reads';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../../helpers/scenarios';

const BATCH = /metrics:getBatch/;
const GRAPH = /providers\/Microsoft\.ResourceGraph\/resources/i;

const manyServices = (prefix: string, count: number, regions: readonly string[]) =>
  Array.from({ length: count }, (_, i) =>
    service({ name: `${prefix}-${i}`, location: regions[i % regions.length], perDay: 10 + (i % 7) }),
  );

describe('traffic read while the services are listed (Resource Graph pages → getBatch)', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    await sandbox?.close();
  });

  test('every page is handed over as it arrives and every service is read once, in the calls of one read', async () => {
    // 2,030 services in three pages; 1,700 + 330 in two regions: 34 + 8 getBatch calls at the floor.
    const prod = manyServices('prod', 1_700, ['eastus', 'westeurope']);
    const dev = manyServices('dev', 330, ['eastus', 'westeurope']);
    const setup = await sandboxWith(
      scenario([subscription(SUB_PROD, 'Prod', prod), subscription(SUB_DEV, 'Dev', dev)]),
    );
    sandbox = setup.sandbox;
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 4 });
    const window = last30CompleteDays(sandbox.clock());
    const feed = reader.trafficFeed(window, () => undefined);
    const pages: number[] = [];
    const inventory = await reader.listApimServicesAcross([SUB_PROD, SUB_DEV], undefined, (services) => {
      pages.push(services.length);
      feed.add(services);
    });
    feed.finish();
    const [prodTotals, devTotals] = await Promise.all([
      feed.totals(inventory.bySubscription.get(SUB_PROD) ?? []),
      feed.totals(inventory.bySubscription.get(SUB_DEV) ?? []),
    ]);

    expect(pages).toEqual([1_000, 1_000, 30]);
    expect(sandbox.requests().filter((r) => GRAPH.test(r.path))).toHaveLength(3);
    expect(sandbox.requests().filter((r) => BATCH.test(r.path))).toHaveLength(34 + 8);
    expect(prodTotals.byServiceId.size).toBe(1_700);
    expect(devTotals.byServiceId.size).toBe(330);
    expect(prodTotals.failures.size + devTotals.failures.size).toBe(0);
    const byName = new Map(
      [...(inventory.bySubscription.get(SUB_DEV) ?? [])].map((s: ApimService) => [
        s.name,
        devTotals.byServiceId.get(s.id),
      ]),
    );
    expect(byName.get('dev-9')).toBe(30 * (10 + (9 % 7)));
  });

  test('batches of one subscription and region stay within the limit when they come from separate reads', async () => {
    const services = manyServices('prod', 200, ['eastus']);
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', services)], { latencyMs: 20 }));
    sandbox = setup.sandbox;
    const reads = slowBodyReads(40);
    const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
    const listed = await reader.listApimServices(SUB_PROD);
    const window = last30CompleteDays(sandbox.clock());
    // Two reads of two batches each, at once (as an estimate reading two pages' worth would be).
    const totals = await Promise.all([
      reader.requestTotals(listed.slice(0, 100), window),
      reader.requestTotals(listed.slice(100), window),
    ]);

    expect(reads.mostAtOnce()).toBe(2);
    expect(totals.map((t) => t.byServiceId.size)).toEqual([100, 100]);
  });

  test('a page that fails while the first page waits to be handed over fails the listing, not as an unhandled rejection', async () => {
    const setup = await sandboxWith(
      scenario([subscription(SUB_PROD, 'Prod', manyServices('prod', 1_500, ['eastus']))]),
    );
    sandbox = setup.sandbox;
    const graph = ResourceGraphApi.prototype as unknown as { page: (...args: unknown[]) => Promise<unknown> };
    const page = graph.page;
    // The second page fails at once: before the first page's rows have been handed over.
    jest.spyOn(graph, 'page').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const options = args[2] as { skip?: number };
      return options.skip ? Promise.reject(new Error('page 2 failed')) : page.apply(this, args);
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reader = new SdkAzureReader(setup.connection, { metricsConcurrency: 2 });
      await expect(reader.listApimServicesAcross([SUB_PROD], undefined, () => undefined)).rejects.toMatchObject({
        code: expect.any(String),
      });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
