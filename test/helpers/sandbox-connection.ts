import type { AzureConnection } from '../../src/azure/connection';
import { sandboxCredential } from '../../src/sandbox/tokens';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { writeScenario } from './scenarios';

/** SDK retries with short delays, so retry tests do not wait seconds (Retry-After from the sandbox still applies). */
export const FAST_RETRY = { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 50 };

/** The AzureConnection the bot would build for this sandbox: its URL, its certificate, the same pipeline. */
export function connectionTo(sandbox: Sandbox, retry = FAST_RETRY): AzureConnection {
  return {
    credential: sandboxCredential,
    armEndpoint: sandbox.url,
    metricsEndpoint: (region) => sandbox.metricsEndpoint(region),
    trustedCaPem: sandbox.caCertificatePem,
    retry,
  };
}

/** Starts a sandbox on a fresh temp folder with this scenario and returns it with a connection to it. */
export async function sandboxWith(content: object): Promise<{ sandbox: Sandbox; connection: AzureConnection }> {
  const { file, dir } = await writeScenario(content);
  const sandbox = await startSandbox({ scenarioPath: file, dataDir: dir });
  return { sandbox, connection: connectionTo(sandbox) };
}
