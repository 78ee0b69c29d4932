/**
 * The sandbox Azure in a process of its own, for benchmarks (bench/support/sandbox-process.ts forks it, compiled):
 * Azure is remote in reality, so its simulated work (building metric answers, its side of TLS) must not count
 * against the bot's CPU time and memory. One process serves every run of a benchmark, one scenario at a time
 * (messages over IPC), so its code is as warm in a timed run as a running Azure is; each scenario gets a fresh
 * sandbox and request record. In src/ only so that `npm run build` compiles it.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { send, serve } from './ipc';

type Message = { type: 'start'; scenarioPath: string; dataDir: string } | { type: 'stop' | 'cpu' | 'exit' };

let current: Sandbox | undefined;

async function stop(): Promise<void> {
  await current?.close();
  current = undefined;
}

async function handle(message: Message): Promise<void> {
  if (message.type === 'start') {
    await stop();
    current = await startSandbox({ scenarioPath: message.scenarioPath, dataDir: message.dataDir });
    // The clock's reading at the moment of sending, so the bot's clock can be set to agree with it.
    const { url, caCertificatePem } = current;
    send({ type: 'ready', url, caCertificatePem, nowMs: current.clock().getTime() });
  } else if (message.type === 'stop') {
    await stop();
    send({ type: 'stopped' });
  } else if (message.type === 'cpu') {
    send({ type: 'cpu', usage: process.cpuUsage() });
  } else {
    await stop();
    process.exit(0);
  }
}

serve<Message>('sandbox-child', handle);
