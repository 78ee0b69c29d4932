import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** Receives one record per HTTP attempt to Azure (BotMetrics.azureCallFinished, in the composition root). */
export type AzureCallObserver = (operation: string, status: string, seconds: number) => void;

/**
 * The operation an ARM or metrics URL names, as a bounded label: the method and the resource type of the last
 * provider in the path (`GET microsoft.apimanagement/service/apis`), or its action (`POST metrics:getbatch`).
 * Names of subscriptions, groups and resources never appear.
 */
export function operationOf(method: string, url: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const last = parts.at(-1) ?? '';
  if (last.includes(':')) return `${method} ${last.toLowerCase()}`; // an action: metrics:getBatch
  const provider = parts.map((p) => p.toLowerCase()).lastIndexOf('providers');
  const typed = provider >= 0 && parts[provider + 1] !== undefined;
  // After a provider namespace, and from the root, names alternate: type, name, type, name …
  const types = typed
    ? [parts[provider + 1], ...parts.slice(provider + 2).filter((_, i) => i % 2 === 0)]
    : parts.filter((_, i) => i % 2 === 0);
  return `${method} ${types.join('/').toLowerCase() || '/'}`;
}

/**
 * Counts and times every attempt (perRetry: a 429 the SDK retries is one record, its retry another), so throttling
 * shows in the metrics even when the retry then succeeds.
 */
export function callMetricsPolicy(observe: AzureCallObserver): PipelinePolicy {
  return {
    name: 'defenderBotCallMetrics',
    sendRequest: async (request, next) => {
      const started = performance.now();
      const operation = operationOf(request.method, request.url);
      const seconds = (): number => (performance.now() - started) / 1000;
      try {
        const response = await next(request);
        observe(operation, String(response.status), seconds());
        return response;
      } catch (error) {
        const e = error as { name?: string; statusCode?: number; response?: { status?: number } };
        const status = e.response?.status ?? e.statusCode;
        observe(operation, status ? String(status) : e.name === 'AbortError' ? 'aborted' : 'network_error', seconds());
        throw error;
      }
    },
  };
}
