import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { productionNodeFlags } from '../../tools/node-flags';
import type { BotChildMessage } from '../../src/dev/bench/bot-child';
import { ask as askChild, sharedChild, stopServing } from './child-ipc';
import type { SandboxProcess } from './sandbox-process';

/**
 * The one bot process of this benchmark: compiled, with production's Node flags (tools/node-flags.ts) and
 * `--expose-gc`, so each run starts from a settled heap.
 * BENCH_BOT_PROFILE=<folder> (src/dev/bench/bot-child.ts) writes a CPU profile of each timed turn there.
 */
const botChild = sharedChild('bot-child.js', [...productionNodeFlags(), '--expose-gc']);

const ask = <T>(child: ChildProcess, message: BotChildMessage, answer: string): Promise<T> =>
  askChild<T>(child, message, answer);

export interface BotProcess {
  url: string;
  /** Settles the bot's heap and resets its peak-RSS mark; resolves with its CPU time so far, ms. */
  mark(): Promise<number>;
  /** The bot's CPU time so far (ms) and its peak RSS since mark() minus its RSS at mark(), MiB. */
  measure(): Promise<{ cpuMs: number; memoryAboveIdleMiB: number }>;
  close(): Promise<void>;
}

/** A fresh app in the bot process, in sandbox mode, reading Azure from the sandbox process. */
export async function startBotProcess(sandbox: SandboxProcess, options: { turnBudgetMs?: number } = {}) {
  const child = botChild.get();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'defender-bench-bot-'));
  const { url } = await ask<{ url: string }>(
    child,
    {
      type: 'start',
      env: { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      dataDir,
      sandbox: { url: sandbox.url, caCertificatePem: sandbox.caCertificatePem, clockOffsetMs: sandbox.clockOffsetMs },
      // Short SDK retry delays, as the tests use: a retried call must not dominate a timed run.
      retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
      turnBudgetMs: options.turnBudgetMs,
    },
    'ready',
  );
  const bot: BotProcess = {
    url,
    mark: async () => (await ask<{ cpuMs: number }>(child, { type: 'mark' }, 'marked')).cpuMs,
    measure: () => ask(child, { type: 'measure' }, 'measured'),
    close: () => stopServing(child),
  };
  return bot;
}

/** Ends the bot process (at the end of a benchmark). */
export const endBotProcess = (): Promise<void> => botChild.end();
