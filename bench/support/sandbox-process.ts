import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SandboxRequestRecord } from '../../test/helpers/bot-harness';
import { writeScenario } from '../../test/helpers/scenarios';
import { callSandbox, type SandboxTarget } from '../../test/helpers/sandbox-http';
import { ask, endChild } from './child-ipc';
import { ROOT } from './processes';

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

let shared: ChildProcess | undefined;

/** The one sandbox process of this benchmark, started on first use, compiled (call buildBot() first). */
function sandboxChild(): ChildProcess {
  if (!shared || shared.exitCode !== null) {
    shared = fork(path.join(ROOT, 'dist', 'src', 'dev', 'bench', 'sandbox-child.js'), [], {
      execArgv: profileFlags,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }
  return shared;
}

/** Ends the sandbox process (at the end of a benchmark). */
export async function endSandboxProcess(): Promise<void> {
  const child = shared;
  shared = undefined;
  await endChild(child);
}

/**
 * Serves this scenario from the sandbox process; returns its address, certificate and clock for the bot.
 */
export async function startSandboxProcess(scenario: object) {
  const { file, dir } = await writeScenario(scenario);
  const child = sandboxChild();
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
    close: async () => {
      if (child.exitCode === null) await ask(child, { type: 'stop' }, 'stopped');
    },
  };
  return sandbox;
}
