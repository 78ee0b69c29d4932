import { readFileSync, writeFileSync } from 'node:fs';
import type { AppOverrides } from '../../src/app/composition';
import { TestBot, type SandboxRequestRecord } from '../../test/helpers/bot-harness';
import { waitFor } from '../../test/helpers/wait-for';
import { startSandboxProcess } from './sandbox-process';

export interface TimedTurn {
  /** From posting the message to the card's arrival at the (fake) Bot Connector, ms. */
  ms: number;
  /** CPU time of the bot's process (the bot and this harness) during the turn, ms: robust to a busy machine. */
  cpuMs: number;
  /** CPU time of the sandbox's process (simulated Azure) during the turn, ms: not the bot's cost. */
  sandboxCpuMs: number;
  calls: SandboxRequestRecord[];
  /** Peak resident memory of the bot's process during the turn minus its resident memory before it, MiB. */
  memoryAboveIdleMiB: number;
  card: string;
}

const SHORT_RETRY = { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 };
const statusKiB = (field: string): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

/**
 * Starts the sandbox in its own process (Azure is remote: its work must not count as the bot's) and the real bot
 * here, sends `text` once and times it to the card. Memory: the kernel's peak-RSS mark (VmHWM), reset just before
 * the message, so a peak between two samples is not missed (Linux; /proc/self/clear_refs).
 */
export async function timedTurn(scenario: object, text: string, overrides: AppOverrides = {}): Promise<TimedTurn> {
  const sandbox = await startSandboxProcess(scenario, SHORT_RETRY);
  const bot = await TestBot.start(scenario, {}, { retry: SHORT_RETRY, ...overrides, azure: sandbox.azure });
  try {
    global.gc?.();
    const idle = statusKiB('VmRSS');
    writeFileSync('/proc/self/clear_refs', '5');
    const sandboxCpu = await sandbox.cpuMs();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await bot.say(text);
    // A turn longer than Teams' message budget (10 s) answers its request first and posts the card later.
    await waitFor(() => bot.connector.cards().length > 0, 300_000, 'the card');
    const arrived = bot.connector.messages().find((m) => m.activity.attachments?.length)?.receivedAtMs ?? NaN;
    const used = process.cpuUsage(cpu);
    return {
      ms: arrived - started,
      cpuMs: (used.user + used.system) / 1000,
      sandboxCpuMs: (await sandbox.cpuMs()) - sandboxCpu,
      calls: await sandbox.requests(),
      memoryAboveIdleMiB: statusKiB('VmHWM') - idle,
      card: JSON.stringify(bot.connector.cards()[0] ?? {}),
    };
  } finally {
    await bot.close();
    await sandbox.close();
  }
}
