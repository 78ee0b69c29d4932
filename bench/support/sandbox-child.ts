/**
 * The sandbox Azure alone in its own process, for benchmarks: Azure is remote in reality, so its simulated work
 * (building metric answers, TLS on its side) must not count against the bot's CPU time and memory. Started by
 * sandbox-process.ts with an IPC channel; argv: scenario file, data folder.
 */
import { startSandbox } from '../../src/sandbox';

async function main(): Promise<void> {
  const [scenarioPath, dataDir] = process.argv.slice(2);
  if (!scenarioPath || !dataDir || !process.send) throw new Error('usage: sandbox-child <scenario> <dataDir> (IPC)');
  const sandbox = await startSandbox({ scenarioPath, dataDir });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() });
    if (message.type === 'close') void sandbox.close().then(() => process.exit(0));
  });
  // Its clock's reading at the moment of sending, so the bot's clock can be set to agree with it.
  process.send({
    type: 'ready',
    url: sandbox.url,
    caCertificatePem: sandbox.caCertificatePem,
    nowMs: sandbox.clock().getTime(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
