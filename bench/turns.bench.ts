/**
 * POST /api/messages for `help` against a bare botbuilder echo bot on restify, measured side by side in one run:
 * requests/s at full load (10 connections) and p99 latency at a steady 200 requests/s. Both bots are child
 * processes (ours compiled, sandbox mode, auth off) replying to the same loopback connector. Bounded: fixed
 * durations, loopback only.
 */
import autocannon from 'autocannon';
import { CountingConnector, messageBody } from './support/connector';
import { benchPort, botArgs, buildBot, row, startChild, type Child } from './support/processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STEADY_RATE = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

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

export async function turnsBench(entry = buildBot()): Promise<void> {
  const connector = await new CountingConnector().start();
  const body = messageBody('help', connector.url);
  const echo = await startChild(['-r', 'ts-node/register/transpile-only', 'bench/echo-bot.ts'], {}, benchPort());
  const bot = await startChild(botArgs(entry), { AZURE_MODE: 'sandbox', LOG_LEVEL: 'warn', BOT_ID: '' }, benchPort());
  try {
    for (const target of [echo, bot]) await load(target, body, { duration: 1 }); // warm up (JIT, caches)
    // Alternating rounds, best of each: other work on the machine then weighs on both bots alike.
    const best = { echoMax: 0, botMax: 0, echoP99: Infinity, botP99: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      best.echoMax = Math.max(best.echoMax, (await load(echo, body, { duration: SECONDS })).requests.average);
      best.botMax = Math.max(best.botMax, (await load(bot, body, { duration: SECONDS })).requests.average);
      const steady = { duration: SECONDS, overallRate: STEADY_RATE };
      best.echoP99 = Math.min(best.echoP99, (await load(echo, body, steady)).latency.p99);
      best.botP99 = Math.min(best.botP99, (await load(bot, body, steady)).latency.p99);
    }
    const echoMax = { requests: { average: best.echoMax } };
    const botMax = { requests: { average: best.botMax } };
    const echoSteady = { latency: { p99: best.echoP99 } };
    const botSteady = { latency: { p99: best.botP99 } };
    const ratio = botMax.requests.average / echoMax.requests.average;
    console.log(`\n/api/messages 'help' (best of ${ROUNDS} alternating ${SECONDS} s runs, 10 connections, loopback)`);
    console.log(row('echo bot: requests/s', echoMax.requests.average.toFixed(0), '(baseline)', undefined));
    console.log(row('our bot: requests/s', botMax.requests.average.toFixed(0), '', undefined));
    console.log(row('our bot / echo bot', `${(ratio * 100).toFixed(0)} %`, '>= 80 %', ratio >= 0.8));
    console.log(row(`echo bot: p99 at ${STEADY_RATE} req/s`, `${echoSteady.latency.p99} ms`, '(baseline)', undefined));
    console.log(
      row(`our bot: p99 at ${STEADY_RATE} req/s`, `${botSteady.latency.p99} ms`, '< 50 ms', botSteady.latency.p99 < 50),
    );
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
