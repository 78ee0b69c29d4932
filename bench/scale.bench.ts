/**
 * Benchmark for the issue "every subscription at once, monitored traffic, trend, in under half a second": the real
 * bot (composition root, Teams route, SDK clients) against the sandbox at 50 ms per Azure call, timed from the
 * message to the card, with the Azure calls counted from the sandbox's own record. Prints figures next to targets;
 * asserts nothing. Run: npm run bench (or BENCH_SKIP_SLOW=1 to leave out the per-resource run, ~50 s).
 */
import os from 'node:os';
import { TestBot } from '../test/helpers/bot-harness';

const LATENCY_MS = 50;
const REGIONS = [
  'eastus',
  'westeurope',
  'southeastasia',
  'westus2',
  'northeurope',
  'japaneast',
  'uksouth',
  'centralus',
  'australiaeast',
  'francecentral',
];
const NOW = '2026-11-20T00:00:00Z';

const subId = (i: number): string => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;

function tenant(subscriptions: number, servicesEach: number, regions: readonly string[], extra: object = {}) {
  return {
    now: NOW,
    latencyMs: LATENCY_MS,
    pageSize: 1000,
    ...extra,
    subscriptions: Array.from({ length: subscriptions }, (_, s) => ({
      subscriptionId: subId(s + 1),
      displayName: `Subscription ${s + 1}`,
      defenderForApis: { pricingTier: 'Standard', subPlan: 'P1' },
      apiManagementServices: Array.from({ length: servicesEach }, (_, i) => ({
        name: `apim-${s}-${i}`,
        resourceGroup: 'rg',
        location: regions[i % regions.length],
        sku: 'Premium',
        dailyRequests: { perDay: 1_000 + i },
        apis: [{ name: 'orders', displayName: 'Orders', path: 'orders' }],
      })),
    })),
  };
}

interface Run {
  ms: number;
  /** CPU time of the process (bot and in-process sandbox) during the turn: robust to a busy machine. */
  cpuMs: number;
  calls: { method: string; path: string; status: number }[];
  peakRssMb: number;
  idleRssMb: number;
  card: string;
}

async function timed(content: object, text: string): Promise<Run> {
  const bot = await TestBot.start(content);
  try {
    global.gc?.();
    const idleRssMb = process.memoryUsage().rss / 2 ** 20;
    let peak = idleRssMb;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 5);
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await bot.say(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
    const calls = await bot.sandboxRequests();
    return { ms, cpuMs, calls, peakRssMb: peak, idleRssMb, card: JSON.stringify(bot.connector.cards()[0] ?? {}) };
  } finally {
    await bot.close();
  }
}

const count = (run: Run, pattern: RegExp): number => run.calls.filter((c) => pattern.test(c.path)).length;
const graph = (run: Run) => count(run, /Microsoft\.ResourceGraph/);
const batches = (run: Run) => count(run, /metrics:getBatch/);
const perResource = (run: Run) => count(run, /Microsoft\.Insights\/metrics\?/);
const throttled = (run: Run) => run.calls.filter((c) => c.status === 429).length;
const line = (label: string, figure: string, target: string) =>
  console.log(`${label.padEnd(58)} ${figure.padEnd(34)} target: ${target}`);

/** Loads every module once (SDK clients, the Teams stack load lazily on first use), as a running bot has. */
async function warmUp(): Promise<void> {
  await timed(tenant(1, 3, REGIONS), 'estimate traffic');
  await timed(tenant(2, 3, REGIONS), 'estimate traffic all');
}

async function main(): Promise<void> {
  console.log(`Sandbox latency ${LATENCY_MS} ms per Azure call; times are from the message to the card.`);
  const [load] = os.loadavg();
  console.log(
    `Load average ${load?.toFixed(1)} on ${os.cpus().length} cores: wall times grow with it, CPU times less so.\n`,
  );
  await warmUp();

  // 1,000 services in 10 regions: floor = 1 Resource Graph page + one getBatch per 50 services of a region.
  const floor = 1 + 10 * Math.ceil(100 / 50);
  const one = await timed(tenant(1, 1_000, REGIONS), 'estimate traffic');
  line(
    '1,000 services, 10 regions: time (CPU)',
    `${one.ms.toFixed(0)} ms (${one.cpuMs.toFixed(0)} ms CPU)`,
    '≤ 500 ms',
  );
  line(
    '  Azure calls: Resource Graph + getBatch (floor)',
    `${graph(one)} + ${batches(one)} = ${graph(one) + batches(one)} (floor ${floor})`,
    `= ${floor}`,
  );
  line('  other calls (subscriptions, plan, onboarding state)', `${one.calls.length - graph(one) - batches(one)}`, '-');

  // The same estimate with the per-resource method (one metrics call per service, within ARM's read limit).
  if (!process.env.BENCH_SKIP_SLOW) {
    const slow = await timed(
      tenant(1, 1_000, REGIONS, { faults: [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }] }),
      'estimate traffic',
    );
    line(
      '  per-resource method, same run: time',
      `${(slow.ms / 1000).toFixed(1)} s, ${perResource(slow)} metric calls`,
      '-',
    );
    line('  ratio per-resource / getBatch', `${(slow.ms / one.ms).toFixed(0)}×`, '≥ 100×');
  }

  // 10,000 services across 20 subscriptions, every subscription at once.
  const all = await timed(tenant(20, 500, REGIONS), 'estimate traffic all');
  line(
    '10,000 services, 20 subscriptions (estimate all): time',
    `${all.ms.toFixed(0)} ms (${all.cpuMs.toFixed(0)} ms CPU)`,
    '≤ 2,000 ms',
  );
  line(
    '  memory above idle (peak RSS − RSS before, bot + sandbox)',
    `${(all.peakRssMb - all.idleRssMb).toFixed(0)} MB`,
    '≤ 100 MB',
  );
  line('  Azure calls: Resource Graph pages + getBatch', `${graph(all)} + ${batches(all)}`, `${10} + ${200}`);
  line('  card names every subscription (shown or summed)', /Total saving/.test(all.card) ? 'yes' : 'NO', 'yes');

  // 5,000 services in one subscription and region, with the sandbox throttling like ARM and Resource Graph.
  const big = await timed(tenant(1, 5_000, ['eastus'], { armThrottling: true }), 'estimate traffic');
  line(
    '5,000 services, one subscription and region (throttled)',
    `${big.ms.toFixed(0)} ms, ${throttled(big)} × 429`,
    '0 × 429',
  );
  line('  Azure calls: Resource Graph pages + getBatch', `${graph(big)} + ${batches(big)}`, `${5} + ${100}`);
}

void main();
