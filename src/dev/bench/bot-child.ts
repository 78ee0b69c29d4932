/**
 * The bot in a process of its own, for the scale benchmark (bench/support/bot-process.ts forks it): compiled, with
 * production's Node flags (tools/node-flags.ts), so its CPU time and memory are the bot's alone, not the harness's
 * (the fake Bot Connector, scenario files) nor ts-node's (the TypeScript compiler is about 50 MB of heap, which every
 * full garbage collection would mark). It lives in src/ only so that `npm run build` compiles it; the bot never
 * loads it. One process serves every run of a benchmark, one app at a
 * time (messages from bot-process.ts over IPC), so its code is as warm as a running bot's; each run gets a fresh
 * app (composition root, stores, SDK clients) pointed at the sandbox process.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../app/composition';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../logging/logger';
import { sandboxCredential } from '../../sandbox/tokens';
import { send, serve } from './ipc';

export type BotChildMessage =
  | {
      type: 'start';
      env: Record<string, string>;
      dataDir: string;
      /** The sandbox process's address, certificate and clock (its time minus this machine's, ms). */
      sandbox: { url: string; caCertificatePem: string; clockOffsetMs: number };
      retry: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number };
      turnBudgetMs?: number;
    }
  | { type: 'mark' | 'measure' | 'stop' | 'exit' };

let current: RunningApp | undefined;
let idleRssMiB = 0;
/** BENCH_BOT_PROFILE=<folder>: a CPU profile of each timed turn (mark to measure), turn-<n>.cpuprofile. */
const profileDir = process.env.BENCH_BOT_PROFILE;
const profiler = profileDir ? new Session() : undefined;
let profiled = 0;
const statusMiB = (field: string): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function stop(): Promise<void> {
  await current?.close();
  current = undefined;
}

async function handle(message: BotChildMessage): Promise<void> {
  if (message.type === 'start') {
    await stop();
    const { url, caCertificatePem, clockOffsetMs } = message.sandbox;
    current = await startApp(loadConfig(message.env, message.dataDir), {
      logger: createLogger('silent'),
      retry: message.retry,
      timeouts: message.turnBudgetMs ? { turnBudgetMs: message.turnBudgetMs } : undefined,
      azure: {
        connection: {
          credential: sandboxCredential,
          armEndpoint: url,
          metricsEndpoint: (region) => `${url}/_regions/${region}`,
          trustedCaPem: caCertificatePem,
          retry: message.retry,
        },
        // The sandbox's clock, advancing in real time (as in sandbox mode).
        clock: () => new Date(Date.now() + clockOffsetMs),
      },
    });
    send({ type: 'ready', url: current.url });
  } else if (message.type === 'mark') {
    // Just before the message: settle the heap, then reset the kernel's peak-RSS mark (VmHWM; Linux).
    global.gc?.();
    idleRssMiB = statusMiB('VmRSS');
    writeFileSync('/proc/self/clear_refs', '5');
    await profiler?.post('Profiler.start');
    send({ type: 'marked', cpuMs: cpuMs() });
  } else if (message.type === 'measure') {
    if (profiler && profileDir) {
      const { profile } = await profiler.post('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(path.join(profileDir, `turn-${++profiled}.cpuprofile`), JSON.stringify(profile));
    }
    send({ type: 'measured', cpuMs: cpuMs(), memoryAboveIdleMiB: statusMiB('VmHWM') - idleRssMiB });
  } else if (message.type === 'stop') {
    await stop();
    send({ type: 'stopped' });
  } else {
    await stop();
    process.exit(0);
  }
}

if (profiler) {
  profiler.connect();
  void profiler.post('Profiler.enable');
}
serve<BotChildMessage>('bot-child', handle);
