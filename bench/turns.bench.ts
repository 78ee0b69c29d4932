/**
 * POST /api/messages for `help` against a bare botbuilder echo bot on restify, measured side by side in one run:
 * requests/s at full load (10 connections) and p99 latency at a steady 200 requests/s. Both bots are child
 * processes (ours compiled, sandbox mode, auth off, production's Node flags) replying to the same loopback
 * connector, in alternating rounds. Bounded: fixed durations (BENCH_ROUNDS × BENCH_SECONDS), loopback only.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { CountingConnector, messageBody } from './support/connector';
import { benchPort, botArgs, buildBot, row, startChild, type Child } from './support/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const STEADY_RATE = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function load(target: Child, body: string, options: { overallRate?: number; duration: number }) {
  const result = await autocannon({
    url: `${target.url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    ...options,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return result;
}

/** CPU time (user + system) of a child process so far, µs, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuUs(child: Child): number {
  const fields = readFileSync(`/proc/${child.process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measured(child: Child, run: () => ReturnType<typeof load>) {
  const before = cpuUs(child);
  const result = await run();
  return { result, cpuUsPerTurn: (cpuUs(child) - before) / Math.max(1, result.requests.total) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function turnsBench(entry = buildBot()): Promise<void> {
  const connector = await new CountingConnector().start();
  const body = messageBody('help', connector.url);
  const echo = await startChild(['-r', 'ts-node/register/transpile-only', 'bench/echo-bot.ts'], {}, benchPort());
  const bot = await startChild(botArgs(entry), { AZURE_MODE: 'sandbox', LOG_LEVEL: 'warn', BOT_ID: '' }, benchPort());
  try {
    for (const target of [echo, bot]) await load(target, body, { duration: 1 }); // warm up (JIT, caches)
    // Alternating rounds, the two bots back to back in each: other work on the machine then weighs on both alike.
    // The ratio is the median of the rounds' ratios; each bot's CPU time per turn (from /proc) is printed too,
    // since it does not depend on how much CPU the load generator and the connector got.
    const ratios: number[] = [];
    const best = { echoMax: 0, botMax: 0, echoP99: Infinity, botP99: Infinity };
    const cpu = { echo: [] as number[], bot: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const echoRun = await measured(echo, () => load(echo, body, { duration: SECONDS }));
      const botRun = await measured(bot, () => load(bot, body, { duration: SECONDS }));
      ratios.push(botRun.result.requests.average / echoRun.result.requests.average);
      cpu.echo.push(echoRun.cpuUsPerTurn);
      cpu.bot.push(botRun.cpuUsPerTurn);
      best.echoMax = Math.max(best.echoMax, echoRun.result.requests.average);
      best.botMax = Math.max(best.botMax, botRun.result.requests.average);
      const steady = { duration: SECONDS, overallRate: STEADY_RATE };
      best.echoP99 = Math.min(best.echoP99, (await load(echo, body, steady)).latency.p99);
      best.botP99 = Math.min(best.botP99, (await load(bot, body, steady)).latency.p99);
    }
    const ratio = median(ratios);
    console.log(
      `\n/api/messages 'help' (${ROUNDS} rounds of ${SECONDS} s per bot, alternating; 10 connections, loopback)`,
    );
    console.log(row('echo bot: requests/s (best round)', best.echoMax.toFixed(0), '(baseline)', undefined));
    console.log(row('our bot: requests/s (best round)', best.botMax.toFixed(0), '', undefined));
    console.log(row('our bot / echo bot (median of rounds)', `${(ratio * 100).toFixed(0)} %`, '>= 80 %', ratio >= 0.8));
    console.log(
      row(
        'CPU per turn: echo bot / our bot (median)',
        `${median(cpu.echo).toFixed(0)} / ${median(cpu.bot).toFixed(0)} µs`,
        '',
        undefined,
      ),
    );
    console.log(row(`echo bot: p99 at ${STEADY_RATE} req/s`, `${best.echoP99} ms`, '(baseline)', undefined));
    console.log(row(`our bot: p99 at ${STEADY_RATE} req/s`, `${best.botP99} ms`, '< 50 ms', best.botP99 < 50));
    console.log(
      row(
        'our bot: peak RSS under this load',
        `${bot.peakRssMiB()?.toFixed(0) ?? '?'} MiB`,
        '< 200 MiB',
        (bot.peakRssMiB() ?? 0) < 200,
      ),
    );
  } finally {
    await Promise.all([echo.stop(), bot.stop()]);
    await connector.close();
  }
}

if (require.main === module) void turnsBench();
