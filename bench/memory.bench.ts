/**
 * Resident memory of the compiled bot (sandbox mode) with 10,000 stored conversations that watch a subscription:
 * alert sweeps read all of them every 2 s (usage is below every threshold, so nothing is sent) while `help` turns
 * run at a steady 100 requests/s. Reports the peak (VmHWM) and the RSS at the end. Bounded: fixed durations.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { CountingConnector, messageBody } from './support/connector';
import { benchPort, botArgs, buildBot, row, startChild } from './support/processes';
import { benchDataDir, seedConversations } from './support/seed';

const CONVERSATIONS = Number(process.env.BENCH_STORED ?? 10_000);
const TARGET_MIB = 200;

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

export async function memoryBench(entry = buildBot()): Promise<void> {
  const connector = await new CountingConnector().start();
  const { dir, scenario } = await benchDataDir(10); // far below Plan 1's entitlement: no alert is due
  const seeding = Date.now();
  await seedConversations(dir, CONVERSATIONS, connector.url);
  const seeded = ((Date.now() - seeding) / 1000).toFixed(0);
  const env = {
    SANDBOX_SCENARIO: scenario,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    BOT_ID: '',
    ALERT_CHECK_INTERVAL_SECONDS: '2',
  };
  const bot = await startChild(botArgs(entry), env, benchPort());
  try {
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // the first sweep starts within 2 s
    await autocannon({
      url: `${bot.url}/api/messages`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: messageBody('help', connector.url),
      connections: 4,
      overallRate: 100,
      duration: 5,
    });
    const peak = bot.peakRssMiB() ?? NaN;
    console.log(
      `\nMemory with ${CONVERSATIONS} stored conversations (seeded in ${seeded} s; sweeps every 2 s; help at 100 req/s)`,
    );
    console.log(row('peak RSS (VmHWM)', `${peak.toFixed(0)} MiB`, `< ${TARGET_MIB} MiB`, peak < TARGET_MIB));
    console.log(row('RSS at the end', `${rssMiB(bot.process.pid).toFixed(0)} MiB`, `< ${TARGET_MIB} MiB`, undefined));
  } finally {
    await bot.stop();
    await connector.close();
  }
}

if (require.main === module) void memoryBench();
