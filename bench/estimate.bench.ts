/**
 * Benchmark: how long a 30-day estimate takes for a large tenant, through the real SDK clients and the sandbox,
 * with metrics:getBatch and with the per-resource fallback, and how many ARM calls each makes. Prints numbers;
 * asserts nothing (targets belong here, not in timed unit tests). Run: npm run bench
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SdkAzureReader } from '../src/azure/azure-reader';
import { sandboxCredential } from '../src/sandbox/tokens';
import { comparePlans } from '../src/domain/plans';
import { last30CompleteDays } from '../src/domain/time-windows';
import { startSandbox } from '../src/sandbox';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 300);
const REGIONS = ['eastus', 'westeurope', 'southeastasia'];
const SUB = '33333333-3333-4333-8333-333333333333';

async function run(label: string, faults: object[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const services = Array.from({ length: SERVICES }, (_, i) => ({
    name: `apim-${i}`,
    resourceGroup: 'rg',
    location: REGIONS[i % REGIONS.length],
    sku: 'Premium',
    dailyRequests: { perDay: 1000 + i },
    apis: [],
  }));
  const scenario = {
    now: '2026-11-20T00:00:00Z',
    pageSize: 100,
    faults,
    subscriptions: [{ subscriptionId: SUB, displayName: 'Bench', apiManagementServices: services }],
  };
  const file = path.join(dir, 'scenario.json');
  await writeFile(file, JSON.stringify(scenario));
  const sandbox = await startSandbox({ scenarioPath: file, dataDir: dir });
  const reader = new SdkAzureReader(
    {
      credential: sandboxCredential,
      armEndpoint: sandbox.url,
      metricsEndpoint: (r) => sandbox.metricsEndpoint(r),
      trustedCaPem: sandbox.caCertificatePem,
      retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 10 },
    },
    { metricsConcurrency: 4 },
  );
  const started = process.hrtime.bigint();
  const listed = await reader.listApimServices(SUB);
  const totals = await reader.requestTotals(listed, last30CompleteDays(sandbox.clock()));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const calls = sandbox.requests().length;
  const total = [...totals.byServiceId.values()].reduce((a, b) => a + b, 0);
  await sandbox.close();
  console.log(
    `${label.padEnd(28)} services=${SERVICES} time=${ms.toFixed(0)} ms  ARM calls=${calls}  total=${total.toLocaleString('en-US')}`,
  );
}

function planMath(): void {
  const rounds = 1_000_000;
  const started = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < rounds; i++) sink += comparePlans(i * 1_000).cheapest.totalMicroUsd;
  const ns = Number(process.hrtime.bigint() - started) / rounds;
  console.log(`plan comparison (5 plans)      ${ns.toFixed(0)} ns per call (checksum ${sink % 997})`);
}

export async function estimateBench(): Promise<void> {
  console.log(`\nEstimate for one subscription with ${SERVICES} API Management services (in-process sandbox)`);
  await run('getBatch by region', []);
  await run('per-resource fallback', [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }]);
  planMath();
  console.log(`rss=${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
}

if (require.main === module) void estimateBench();
