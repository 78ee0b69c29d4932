import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';

/** Longest one HTTP attempt to Azure may take by default, in ms (ARM answers reads in well under a second). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The error code a timed-out attempt carries: the SDK retry policy retries it like a network timeout. */
export const REQUEST_TIMEOUT_CODE = 'ETIMEDOUT';

/** True when an SDK failure is one of our attempts running out of time (after any retries). */
export function isRequestTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === REQUEST_TIMEOUT_CODE;
}

/**
 * Gives every attempt of every Azure call its own deadline, combined with the caller's AbortSignal. Placed per retry,
 * so an attempt that never answers is abandoned after `timeoutMs` and retried by the SDK's retry policy (ETIMEDOUT
 * is one of the system errors it retries). A caller's abort stays an AbortError and is never retried.
 * The pipeline's own `request.timeout` is not used: it surfaces as an AbortError, which the retry policy and our
 * callers cannot tell from a cancelled turn.
 */
export function requestTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'defenderBotRequestTimeout',
    sendRequest: async (request, next) => {
      const callerSignal = request.abortSignal;
      const deadline = AbortSignal.timeout(timeoutMs);
      // The caller's signal is an AbortSignalLike: follow it through its event instead of AbortSignal.any.
      const combined = new AbortController();
      const stop = (): void => combined.abort();
      if (callerSignal?.aborted) stop();
      callerSignal?.addEventListener('abort', stop);
      deadline.addEventListener('abort', stop);
      request.abortSignal = combined.signal;
      try {
        return await next(request);
      } catch (error) {
        if (deadline.aborted && !callerSignal?.aborted) {
          throw new RestError(`Azure did not answer ${request.method} ${pathOf(request.url)} within ${timeoutMs} ms.`, {
            code: REQUEST_TIMEOUT_CODE,
            request,
          });
        }
        throw error;
      } finally {
        callerSignal?.removeEventListener('abort', stop);
        deadline.removeEventListener('abort', stop);
        // The retry policy sends the same request object again: each attempt gets a fresh deadline.
        request.abortSignal = callerSignal;
      }
    },
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
