import path from 'node:path';
import type { SandboxRequestRecord } from '../../test/helpers/bot-harness';
import { writeScenario } from '../../test/helpers/scenarios';
import { callSandbox, type SandboxTarget } from '../../test/helpers/sandbox-http';
import { ask, sharedChild, stopServing } from './child-ipc';

interface Ready {
  type: 'ready';
  url: string;
  caCertificatePem: string;
  nowMs: number;
}

export interface SandboxProcess extends SandboxTarget {
  /** The sandbox's clock minus this machine's, ms: the bot's clock is the sandbox's, as in sandbox mode. */
  clockOffsetMs: number;
  /** The sandbox's record of the Azure calls it served. */
  requests(): Promise<SandboxRequestRecord[]>;
  /** CPU time (user + system) the sandbox process has used so far, ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** BENCH_SANDBOX_PROFILE=<folder>: the sandbox process writes a CPU profile there when it ends. */
const profileFlags = process.env.BENCH_SANDBOX_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SANDBOX_PROFILE}`]
  : [];

/** The one sandbox process of this benchmark, compiled. */
const sandboxChild = sharedChild('sandbox-child.js', profileFlags);

/** Ends the sandbox process (at the end of a benchmark). */
export const endSandboxProcess = (): Promise<void> => sandboxChild.end();

/**
 * Serves this scenario from the sandbox process; returns its address, certificate and clock for the bot.
 */
export async function startSandboxProcess(scenario: object) {
  const { file, dir } = await writeScenario(scenario);
  const child = sandboxChild.get();
  const ready = await ask<Ready>(
    child,
    { type: 'start', scenarioPath: file, dataDir: path.join(dir, 'sandbox') },
    'ready',
  );
  const target = { url: ready.url, caCertificatePem: ready.caCertificatePem };
  const sandbox: SandboxProcess = {
    ...target,
    clockOffsetMs: ready.nowMs - Date.now(),
    requests: async () =>
      (await callSandbox<SandboxRequestRecord[]>(target, '/_sandbox/requests', { token: null })).body,
    cpuMs: async () => {
      const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(child, { type: 'cpu' }, 'cpu');
      return (usage.user + usage.system) / 1000;
    },
    close: () => stopServing(child),
  };
  return sandbox;
}
