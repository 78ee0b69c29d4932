import https from 'node:https';
import tls from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestTimeoutPolicy } from './request-timeout-policy';
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
  /** Longest one HTTP attempt may take, in ms, before it is abandoned (and retried); default 30 s. */
  requestTimeoutMs?: number;
  /** Told about every HTTP attempt (operation, status, seconds): the metrics. */
  observeCall?: AzureCallObserver;
}

/**
 * Hosts and token scopes of an Azure cloud. A scope is always a full scope ending in /.default: the metrics batch
 * client uses what it is given verbatim, and client-secret, certificate and workload-identity credentials refuse a
 * bare resource URI. The batch host's scope is the one its data-plane spec (metricBatch.json) declares. Only the
 * public cloud is wired up; a sovereign cloud would be one more AzureCloud with its own hosts and scopes.
 */
export interface AzureCloud {
  armEndpoint: string;
  metricsEndpoint(region: string): string;
  /** Token scope for ARM (management.azure.com). */
  scope: string;
  /** Token scope for the regional metrics:getBatch host. */
  metricsScope: string;
}

export const PUBLIC_CLOUD: AzureCloud = {
  armEndpoint: 'https://management.azure.com',
  metricsEndpoint: (region: string): string => `https://${region}.metrics.monitor.azure.com`,
  scope: 'https://management.azure.com/.default',
  metricsScope: 'https://metrics.monitor.azure.com/.default',
};

export const DEFAULT_RETRY = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 };

/**
 * TLS contexts trusting one extra CA, one per PEM: given as `ca`, Node would parse the PEM into a new context for
 * every connection (about 1 ms of CPU each, hundreds for a large estimate); production trusts the system's CAs.
 */
const trustContexts = new Map<string, tls.SecureContext>();

/** A policy that sends every request through an agent trusting one extra CA (the sandbox's self-signed cert). */
function trustCaPolicy(pem: string): PipelinePolicy {
  let secureContext = trustContexts.get(pem);
  if (!secureContext) {
    // One PEM in a bot's life; tests start a sandbox (a new certificate) per bot, so keep only the last few.
    if (trustContexts.size >= 8) trustContexts.clear();
    trustContexts.set(pem, (secureContext = tls.createSecureContext({ ca: pem })));
  }
  const agent = new https.Agent({ secureContext, keepAlive: true });
  return {
    name: 'trustSandboxCertificate',
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}

/**
 * Options shared by every SDK client we build: endpoint, token scope, retries, a timeout on every attempt, TLS trust
 * and a user agent that names us. The scope is given explicitly (both spellings: `credentialScopes` for the AutoRest
 * clients, `credentials.scopes` for the modular and REST ones): the AutoRest clients would otherwise derive it from
 * the endpoint, which is right for management.azure.com only.
 */
export function commonClientOptions(
  connection: AzureConnection,
  endpoint = connection.armEndpoint,
  scope = PUBLIC_CLOUD.scope,
) {
  const timeout = {
    policy: requestTimeoutPolicy(connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    position: 'perRetry' as const,
  };
  return {
    endpoint,
    credentialScopes: [scope],
    credentials: { scopes: [scope] },
    retryOptions: connection.retry,
    userAgentOptions: { userAgentPrefix: 'defender-apis-bot' },
    additionalPolicies: [
      ...(connection.trustedCaPem
        ? [{ policy: trustCaPolicy(connection.trustedCaPem), position: 'perCall' as const }]
        : []),
      timeout,
      ...(connection.observeCall
        ? [{ policy: callMetricsPolicy(connection.observeCall), position: 'perRetry' as const }]
        : []),
    ],
  };
}
