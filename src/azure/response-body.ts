import { addAbortSignal, type Readable } from 'node:stream';
import { RestError } from '@azure/core-rest-pipeline';
import { REQUEST_TIMEOUT_CODE } from './request-timeout-policy';

/**
 * Reads a response body the pipeline handed over unread (`asNodeStream`), as text. The request's own deadline
 * (request-timeout-policy.ts) ends when the headers arrive, so the body gets one of its own: a body that stalls
 * fails as a timed-out attempt (ETIMEDOUT) would, and the caller's abort (a stop) stays an AbortError.
 */
export async function readBodyText(
  body: NodeJS.ReadableStream | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  if (!body) return '';
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, timeoutMs);
  const follow = (): void => stop.abort();
  if (signal?.aborted) follow();
  signal?.addEventListener('abort', follow);
  const stream = addAbortSignal(stop.signal, body as Readable);
  try {
    // One decode of the whole body: decoding chunk by chunk (stream/consumers' text) built a rope that JSON.parse
    // then had to flatten, and cost about twice the CPU on 125 KB answers.
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (timedOut && !signal?.aborted)
      throw new RestError(`Azure did not send the whole answer within ${timeoutMs} ms.`, {
        code: REQUEST_TIMEOUT_CODE,
      });
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', follow);
  }
}

/** A body's JSON, or undefined when it is not JSON (an error page from a proxy, say). */
export function jsonOrUndefined(body: string): unknown {
  try {
    return body ? (JSON.parse(body) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
