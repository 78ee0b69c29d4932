/**
 * Alert fan-out: 1,000 conversations watch one subscription that is over its entitlement; the compiled bot's first
 * alert sweep delivers to all of them through a loopback Bot Connector. Runs in real time (no scaled clock): the
 * bot's own Teams limiter (30 sends/s per app) sets the pace, so expect about 33 s. Bounded: 120 s at most.
 */
import { CountingConnector } from './support/connector';
import { benchPort, botArgs, buildBot, row, startChild } from './support/processes';
import { benchDataDir, seedConversations } from './support/seed';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000);
/** Teams' floor for one app: about 1,000 messages per 30 s; the target is within 10 % of it. */
const FLOOR_PER_SECOND = 1_000 / 30;
const LIMIT_MS = 120_000;

export async function alertsBench(entry = buildBot()): Promise<void> {
  const connector = await new CountingConnector().start();
  const { dir, scenario } = await benchDataDir(200_000); // ~4M requests month to date: over Plan 1's 1M
  await seedConversations(dir, CONVERSATIONS, connector.url);
  const env = {
    SANDBOX_SCENARIO: scenario,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    BOT_ID: '',
    ALERT_CHECK_INTERVAL_SECONDS: '3600',
  };
  const bot = await startChild(botArgs(entry), env, benchPort());
  const started = Date.now();
  try {
    const first = () => [...connector.alerts.values()][0];
    while ((first()?.perConversation.size ?? 0) < CONVERSATIONS && Date.now() - started < LIMIT_MS)
      await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // late duplicates would show up now
    const alert = first() ?? { perConversation: new Map<string, number>(), times: [] };
    const reached = alert.perConversation.size;
    const duplicates = [...alert.perConversation.values()].filter((n) => n > 1).length;
    const seconds = ((alert.times.at(-1) ?? NaN) - (alert.times[0] ?? NaN)) / 1000;
    const rate = (reached - 1) / seconds;
    console.log(`\nAlert fan-out of one alert to ${CONVERSATIONS} conversations (real time, loopback connector)`);
    console.log(row('conversations reached', `${reached}`, `${CONVERSATIONS}`, reached === CONVERSATIONS));
    console.log(row('conversations that got it more than once', `${duplicates}`, '0', duplicates === 0));
    // 10 % under the floor's rate, over the CONVERSATIONS - 1 intervals between the first and the last delivery.
    const slowest = (CONVERSATIONS - 1) / (FLOOR_PER_SECOND * 0.9);
    console.log(
      row('first to last delivery', `${seconds.toFixed(2)} s`, `<= ${slowest.toFixed(2)} s`, seconds <= slowest),
    );
    const floor = `>= ${(FLOOR_PER_SECOND * 0.9).toFixed(1)} (floor ${FLOOR_PER_SECOND.toFixed(1)})`;
    console.log(row('deliveries per second', rate.toFixed(2), floor, rate >= FLOOR_PER_SECOND * 0.9));
  } finally {
    await bot.stop();
    await connector.close();
  }
}

if (require.main === module) void alertsBench();
