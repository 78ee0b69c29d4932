import type { SandboxRequestRecord } from '../../test/helpers/bot-harness';
import { messageActivity } from '../../test/helpers/activities';
import { FakeConnector } from '../../test/helpers/fake-connector';
import { waitFor } from '../../test/helpers/wait-for';
import { startBotProcess } from './bot-process';
import { startSandboxProcess } from './sandbox-process';

export interface TimedTurn {
  /** From posting the message to the card's arrival at the (fake) Bot Connector, ms. */
  ms: number;
  /** CPU time of the bot's process during the turn, ms: robust to a busy machine. */
  cpuMs: number;
  /** CPU time of the sandbox's process (simulated Azure) during the turn, ms: not the bot's cost. */
  sandboxCpuMs: number;
  calls: SandboxRequestRecord[];
  /** Peak resident memory of the bot's process during the turn minus its resident memory before it, MiB. */
  memoryAboveIdleMiB: number;
  card: string;
}

/**
 * Serves the scenario from the sandbox process, starts a fresh app in the bot process against it, sends `text` once
 * from a chat whose Bot Connector is played here, and times it to the card. Three processes, as in reality: Azure,
 * the bot, and Teams (this one). Memory: the bot process's kernel peak-RSS mark (VmHWM), reset just before the
 * message, so a peak between two samples is not missed (Linux; /proc/self/clear_refs).
 */
export async function timedTurn(
  scenario: object,
  text: string,
  options: { turnBudgetMs?: number } = {},
): Promise<TimedTurn> {
  const sandbox = await startSandboxProcess(scenario);
  const bot = await startBotProcess(sandbox, options);
  const connector = await new FakeConnector().start();
  try {
    const botCpu = await bot.mark();
    const sandboxCpu = await sandbox.cpuMs();
    const started = performance.now();
    const answer = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(messageActivity(text, { serviceUrl: connector.url })),
    });
    if (answer.status >= 300) throw new Error(`POST /api/messages answered ${answer.status}`);
    // A turn longer than Teams' message budget (10 s) answers its request first and posts the card later.
    await waitFor(() => connector.cards().length > 0, 300_000, 'the card');
    const arrived = connector.messages().find((m) => m.activity.attachments?.length)?.receivedAtMs ?? NaN;
    const used = await bot.measure();
    return {
      ms: arrived - started,
      cpuMs: used.cpuMs - botCpu,
      sandboxCpuMs: (await sandbox.cpuMs()) - sandboxCpu,
      calls: await sandbox.requests(),
      memoryAboveIdleMiB: used.memoryAboveIdleMiB,
      card: JSON.stringify(connector.cards()[0] ?? {}),
    };
  } finally {
    await bot.close();
    await connector.close();
    await sandbox.close();
  }
}
