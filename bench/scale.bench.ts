/**
 * Benchmark for the issue "every subscription at once, monitored traffic, trend, in under half a second": the real
 * bot (composition root, Teams route, SDK clients) against the sandbox at 50 ms per Azure call, timed from the
 * message to the card's arrival at the Bot Connector, with the Azure calls counted from the sandbox's own record.
 * Three processes, as in reality: the sandbox (Azure is remote, so its simulated work, building answers and its side
 * of TLS, is not the bot's; its CPU is printed apart), the bot (compiled, started with production's Node flags, its
 * CPU time and memory its own) and this one, which plays Teams. The sandbox and the bot each stay one process for
 * the whole run (a fresh sandbox and app per tenant), warmed up, since neither Azure's servers nor a running bot are
 * cold.
 * Prints figures next to targets; asserts nothing.
 * Run: npm run bench:scale (BENCH_SKIP_SLOW=1 leaves out the per-resource run, ~50 s).
 */
import os from 'node:os';
import { LATENCY_MS, REGIONS, tenant } from './support/scale-tenant';
import { endBotProcess } from './support/bot-process';
import { buildBot } from './support/processes';
import { endSandboxProcess } from './support/sandbox-process';
import { timedTurn, type TimedTurn } from './support/timed-turn';

const count = (run: TimedTurn, pattern: RegExp): number => run.calls.filter((c) => pattern.test(c.path)).length;
/** Resource Graph pages of the services query (the onboarding state's query reads `securityresources`). */
const graph = (run: TimedTurn) => run.calls.filter((c) => c.graphTable === 'resources').length;
const batches = (run: TimedTurn) => count(run, /metrics:getBatch/);
const perResource = (run: TimedTurn) => count(run, /Microsoft\.Insights\/metrics\?/);
const throttled = (run: TimedTurn) => run.calls.filter((c) => c.status === 429).length;
const cpu = (run: TimedTurn) => `${run.cpuMs.toFixed(0)} ms CPU; sandbox ${run.sandboxCpuMs.toFixed(0)}`;
/** A short name for a call: the Resource Graph table, else the last path segment. */
const label = (c: TimedTurn['calls'][number]) => c.graphTable ?? c.path.split('?')[0]?.split('/').at(-1) ?? c.path;
const line = (label: string, figure: string, target: string) =>
  console.log(`${label.padEnd(58)} ${figure.padEnd(40)} target: ${target}`);

/** Loads every module once (SDK clients, the Teams stack load lazily on first use), as a running bot has. */
async function warmUp(): Promise<void> {
  await timedTurn(tenant(1, 3, REGIONS), 'estimate traffic');
  await timedTurn(tenant(2, 3, REGIONS), 'estimate traffic all');
}

async function main(): Promise<void> {
  buildBot();
  console.log(
    `Sandbox latency ${LATENCY_MS} ms per Azure call; the sandbox and the bot each run in a process of their own; times are from the`,
  );
  const [load] = os.loadavg();
  console.log(
    `message to the card. Load average ${load?.toFixed(1)} on ${os.cpus().length} cores: wall times grow with it.\n`,
  );
  await warmUp();

  // 1,000 services in 10 regions: floor = 1 Resource Graph page + one getBatch per 50 services of a region.
  const floor = 1 + 10 * Math.ceil(100 / 50);
  const one = await timedTurn(tenant(1, 1_000, REGIONS), 'estimate traffic');
  line('1,000 services, 10 regions: time (bot CPU; sandbox CPU)', `${one.ms.toFixed(0)} ms (${cpu(one)})`, '≤ 500 ms');
  line(
    '  Azure calls: Resource Graph + getBatch (floor)',
    `${graph(one)} + ${batches(one)} = ${graph(one) + batches(one)} (floor ${floor})`,
    `= ${floor}`,
  );
  const others = one.calls.filter((c) => c.graphTable !== 'resources' && !/metrics:getBatch/.test(c.path));
  line('  other calls (subscriptions, plan, onboarding state)', others.map(label).join(', '), '-');

  // The same 1,000 services read with the per-resource method (getBatch refused, so every service is read with one
  // ARM metrics call, paced within ARM's read limit). The turn budget is raised so that it can finish.
  if (!process.env.BENCH_SKIP_SLOW) {
    const slow = await timedTurn(
      tenant(1, 1_000, REGIONS, { faults: [{ method: 'POST', pathRegex: 'metrics:getBatch', status: 404 }] }),
      'estimate traffic',
      { turnBudgetMs: 300_000 },
    );
    const complete = /couldn't read the traffic/.test(slow.card) ? 'INCOMPLETE' : 'complete';
    line(
      '  per-resource method, same services: time',
      `${(slow.ms / 1000).toFixed(1)} s, ${perResource(slow)} metric calls, ${complete}`,
      '-',
    );
    line('  ratio per-resource / getBatch', `${(slow.ms / one.ms).toFixed(0)}×`, '≥ 100×');
  }

  // 10,000 services across 20 subscriptions, every subscription at once.
  const all = await timedTurn(tenant(20, 500, REGIONS), 'estimate traffic all');
  line('10,000 services, 20 subscriptions (estimate all): time', `${all.ms.toFixed(0)} ms (${cpu(all)})`, '≤ 2,000 ms');
  line('  bot memory above idle (peak RSS − RSS before)', `${all.memoryAboveIdleMiB.toFixed(0)} MiB`, '≤ 100 MB');
  line('  Azure calls: Resource Graph pages + getBatch', `${graph(all)} + ${batches(all)}`, `${10} + ${200}`);
  line('  card names every subscription (shown or summed)', /Total saving/.test(all.card) ? 'yes' : 'NO', 'yes');

  // 5,000 services in one subscription and region, with the sandbox throttling like ARM and Resource Graph.
  const big = await timedTurn(tenant(1, 5_000, ['eastus'], { armThrottling: true }), 'estimate traffic');
  line(
    '5,000 services, one subscription and region (throttled)',
    `${big.ms.toFixed(0)} ms, ${throttled(big)} × 429`,
    '0 × 429',
  );
  line('  Azure calls: Resource Graph pages + getBatch', `${graph(big)} + ${batches(big)}`, `${5} + ${100}`);
  await endBotProcess();
  await endSandboxProcess();
}

void main();
