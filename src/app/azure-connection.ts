import path from 'node:path';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Config } from '../config/config';
import { DEFAULT_RETRY, PUBLIC_CLOUD, type AzureConnection } from '../azure/connection';
import { azureCredential } from '../azure/credentials';
import type { Sandbox } from '../sandbox';

export interface AzureSetup {
  connection: AzureConnection;
  clock: Clock;
  /** Present in sandbox mode; closed with the app. */
  sandbox?: Sandbox;
}

/** Azure mode: the public cloud. Sandbox mode: start the local ARM sandbox and use its clock and certificate. */
export async function setUpAzure(
  config: Config,
  retry = DEFAULT_RETRY,
  requestTimeoutMs = config.timeouts.azureRequestMs,
): Promise<AzureSetup> {
  if (config.azureMode === 'azure') {
    return {
      connection: {
        credential: azureCredential(),
        armEndpoint: PUBLIC_CLOUD.armEndpoint,
        metricsEndpoint: PUBLIC_CLOUD.metricsEndpoint,
        retry,
        requestTimeoutMs,
      },
      clock: systemClock,
    };
  }
  // Loaded here only: in azure mode the sandbox (and its development-only certificate generator, selfsigned) is never
  // required, so a production install without devDependencies runs.
  const { DEMO_SCENARIO_PATH, startSandbox, sandboxCredential } = await import('../sandbox').catch((error: unknown) => {
    throw new Error(
      'AZURE_MODE=sandbox needs the sandbox, which a production deployment leaves out: set AZURE_MODE=azure.',
      {
        cause: error,
      },
    );
  });
  const sandbox = await startSandbox({
    scenarioPath: config.sandboxScenario ?? DEMO_SCENARIO_PATH,
    dataDir: path.join(config.dataDir, 'sandbox'),
    port: config.sandboxPort,
  });
  return {
    connection: {
      // Tokens whose audience is the requested scope's resource, checked by the sandbox as Azure does.
      credential: sandboxCredential,
      armEndpoint: sandbox.url,
      metricsEndpoint: (region) => sandbox.metricsEndpoint(region),
      trustedCaPem: sandbox.caCertificatePem,
      retry,
      requestTimeoutMs,
    },
    clock: sandbox.clock,
    sandbox,
  };
}
