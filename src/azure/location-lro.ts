import { createRestError, type Client, type PathUncheckedResponse } from '@azure-rest/core-client';
import { createHttpPoller, type OperationResponse, type OperationState } from '@azure/core-lro';

/** Statuses a long-running PUT may answer while it is accepted or done (reference §2.5): anything else is an error. */
const LRO_STATUSES = ['200', '201', '202'];

export interface LroOptions {
  /** Added to poll URLs that lack one (the modular SDKs do the same). */
  apiVersion: string;
  abortSignal?: AbortSignal;
  /** Wait between polls in ms when the service sends no Retry-After; core-lro's default is 2000. */
  pollIntervalMs?: number;
}

/** provisioningStates after which nothing changes any more (ARM's terminal states). */
const TERMINAL_STATES = ['succeeded', 'failed', 'canceled', 'cancelled'];

/** The body's provisioningState is set and not terminal (InProgress, Accepted, Updating, …). */
export function isRunningState(body: unknown): boolean {
  const state = (body as { properties?: { provisioningState?: unknown } } | undefined)?.properties?.provisioningState;
  return typeof state === 'string' && !TERMINAL_STATES.includes(state.toLowerCase());
}

/**
 * core-lro judges a Location poll by its status code alone (200 = done). A poll that answers 200 with a running
 * provisioningState is not done, so it is shown to core-lro as the 202 it means: poll the same URL again.
 */
function toLroResponse(response: PathUncheckedResponse, isPoll = false): OperationResponse<unknown> {
  if (!LRO_STATUSES.includes(response.status)) throw createRestError(response);
  const stillRunning = isPoll && response.status !== '202' && isRunningState(response.body);
  return {
    flatResponse: response.body,
    rawResponse: {
      statusCode: stillRunning ? 202 : Number.parseInt(response.status, 10),
      // The REST client gives lower-cased header names, as core-lro expects (location, retry-after, …).
      headers: response.headers,
      request: { method: response.request.method, url: response.request.url },
      body: response.body,
    },
  };
}

function withApiVersion(url: string, apiVersion: string): string {
  if (new URL(url, 'https://placeholder.invalid').searchParams.has('api-version')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
}

/**
 * Runs an ARM long-running operation with @azure/core-lro's HTTP poller, the way the modular Azure SDKs do
 * (`resourceLocationConfig: "location"`): a 201/202 + Location is polled there (202 = running; 200/201 = done only with
 * a terminal provisioningState; Retry-After honoured), a 200/201 without headers is judged by
 * `properties.provisioningState`. Resolves with the last body.
 */
export async function runLocationLro(
  client: Client,
  start: () => PromiseLike<PathUncheckedResponse>,
  options: LroOptions,
): Promise<unknown> {
  const poller = createHttpPoller<unknown, OperationState<unknown>>(
    {
      sendInitialRequest: async () => toLroResponse(await start()),
      sendPollRequest: async (path, pollOptions) => {
        const abortSignal = (pollOptions?.abortSignal as AbortSignal | undefined) ?? options.abortSignal;
        const response = await client.pathUnchecked(withApiVersion(path, options.apiVersion)).get({ abortSignal });
        return toLroResponse(response, true);
      },
    },
    { intervalInMs: options.pollIntervalMs, resourceLocationConfig: 'location' },
  );
  return poller.pollUntilDone({ abortSignal: options.abortSignal });
}
