import https from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { callMetricsPolicy, type AzureCallObserver } from './call-metrics-policy';

/**
 * How the Azure SDK clients reach Azure. In azure mode: the public cloud with DefaultAzureCredential. In sandbox mode:
 * the same clients and pipeline (bearer token policy included), only pointed at the local HTTPS sandbox and told to
 * trust its locally generated certificate.
 */
export interface AzureConnection {
  credential: TokenCredential;
  /** ARM endpoint, e.g. https://management.azure.com */
  armEndpoint: string;
  /** Azure Monitor metrics data plane for a region (batch API), e.g. https://eastus.metrics.monitor.azure.com */
  metricsEndpoint(region: string): string;
  /** PEM of an extra certificate to trust (the sandbox's); undefined = the system's CAs only. */
  trustedCaPem?: string;
  /** SDK retry policy: 429/503 wait for Retry-After; 408 and 5xx back off exponentially. Delays in ms. */
  retry: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number };
  /** Told about every HTTP attempt (operation, status, seconds): the metrics. */
  observeCall?: AzureCallObserver;
}

export const PUBLIC_CLOUD = {
  armEndpoint: 'https://management.azure.com',
  metricsEndpoint: (region: string): string => `https://${region}.metrics.monitor.azure.com`,
  scope: 'https://management.azure.com/.default',
};

export const DEFAULT_RETRY = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 };

/** A policy that sends every request through an agent trusting one extra CA (the sandbox's self-signed cert). */
function trustCaPolicy(pem: string): PipelinePolicy {
  const agent = new https.Agent({ ca: pem, keepAlive: true });
  return {
    name: 'trustSandboxCertificate',
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}

/** Options shared by every SDK client we build: endpoint, retries, TLS trust and a user agent that names us. */
export function commonClientOptions(connection: AzureConnection, endpoint = connection.armEndpoint) {
  return {
    endpoint,
    retryOptions: connection.retry,
    userAgentOptions: { userAgentPrefix: 'defender-apis-bot' },
    additionalPolicies: [
      ...(connection.trustedCaPem
        ? [{ policy: trustCaPolicy(connection.trustedCaPem), position: 'perCall' as const }]
        : []),
      ...(connection.observeCall
        ? [{ policy: callMetricsPolicy(connection.observeCall), position: 'perRetry' as const }]
        : []),
    ],
  };
}
