/**
 * CPU profile of the turn path: runs the compiled bot with `node --cpu-prof` under the `help` load for a fixed
 * time and writes the .cpuprofile to bench/profiles/ (open it in Chrome DevTools or VS Code). Run:
 * npm run bench:profile
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { CountingConnector, messageBody } from './support/connector';
import { BOT_NODE_FLAGS, benchPort, buildBot, ROOT, startChild } from './support/processes';

async function main(): Promise<void> {
  const entry = buildBot();
  const dir = path.join(ROOT, 'bench', 'profiles');
  const connector = await new CountingConnector().start();
  const bot = await startChild(
    [...BOT_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`, entry],
    { AZURE_MODE: 'sandbox', LOG_LEVEL: 'warn', BOT_ID: '' },
    benchPort(),
  );
  const result = await autocannon({
    url: `${bot.url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: messageBody('help', connector.url),
    connections: 10,
    duration: Number(process.env.BENCH_SECONDS ?? 8),
  });
  console.log(`help: ${result.requests.average.toFixed(0)} requests/s, p99 ${result.latency.p99} ms`);
  await bot.stop();
  await connector.close();
  console.log(`profile written to ${dir}`);
}

void main();
