/**
 * HTTP plumbing: every ARM request is authenticated (a bearer token for this host), may be faulted, is routed, delayed
 * by the scenario's latency, recorded, and answered as JSON with ARM's headers. /_sandbox/* is the sandbox's own
 * control surface: no auth, no latency, not recorded.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ArmError, armErrorBody } from './arm-errors';
import type { ArmRequest, ArmResponse, SandboxContext } from './context';
import type { FaultInjector } from './faults';
import { serialize } from './json-text';
import { bearerTokenOf, parseRequestUrl } from './request';
import { checkAudience, checkPath } from './request-checks';
import type { Router } from './router';
import type { ArmThrottle } from './throttling';

export interface SandboxRequest {
  method: string;
  /** Path with its query string, exactly as received. */
  path: string;
  status: number;
  /** Resource Graph requests: the table their query read (`resources`, `securityresources`). */
  graphTable?: string;
}

/** Request bodies above this many bytes are refused (the largest real body, a 50-id getBatch, is ~10 KB). */
const MAX_BODY_BYTES = 1024 * 1024;
/** ARM's remaining-quota headers; fixed values, the sandbox does not throttle on its own. */
const REMAINING_READS = '249';
const REMAINING_WRITES = '199';

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  graphTable?: string;
}

/** Requests kept for GET /_sandbox/requests: the newest this many, so a long `npm start` does not grow forever. */
export const REQUEST_LOG_LIMIT = 10_000;

export class SandboxApp {
  /** Set once the server listens and its URL is known. */
  context: SandboxContext | undefined;
  private readonly served: (Omit<SandboxRequest, 'status'> & { status?: number })[] = [];

  constructor(
    private readonly router: Router,
    private readonly faults: FaultInjector,
    private readonly latencyMs: number,
    private readonly throttle?: ArmThrottle,
  ) {}

  /** Requests answered so far, in the order they arrived. */
  requests(): SandboxRequest[] {
    return this.served.flatMap(({ status, ...request }) => (status === undefined ? [] : [{ ...request, status }]));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    if (/^\/+_sandbox(\/|\?|$)/i.test(rawUrl)) {
      send(
        res,
        answerOrError(() => this.control(method, rawUrl)),
      );
      return;
    }
    const entry: Omit<SandboxRequest, 'status'> & { status?: number } = { method, path: rawUrl };
    this.served.push(entry);
    // Drop the oldest in batches (a splice per request would copy the whole log every time).
    if (this.served.length > REQUEST_LOG_LIMIT * 1.1) this.served.splice(0, this.served.length - REQUEST_LOG_LIMIT);
    let answer: Answer;
    try {
      answer = await this.armAnswer(req, method, rawUrl);
    } catch (err) {
      answer = errorAnswer(err);
    }
    // Serialized before the simulated latency: what waits is one string, not the answer's objects (64 getBatch
    // answers of a large tenant held as objects kept tens of MB alive in the sandbox's heap).
    const text = serialize(answer.body);
    if (this.latencyMs > 0) await delay(this.latencyMs);
    entry.status = answer.status;
    if (answer.graphTable !== undefined) entry.graphTable = answer.graphTable;
    send(res, answer, text);
  }

  private async armAnswer(req: IncomingMessage, method: string, rawUrl: string): Promise<Answer> {
    // Read the body first, whatever the answer, so a keep-alive connection stays usable.
    const body = await readBody(req);
    const ctx = this.context;
    if (ctx === undefined) throw new ArmError(503, 'ServiceUnavailable', 'The sandbox is still starting.');
    const token = bearerTokenOf(req.headers.authorization);
    if (token === undefined) {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    }
    checkAudience(rawUrl, token);
    checkPath(rawUrl);
    const fault = this.faults.take(method, rawUrl);
    if (fault === 'hang') return new Promise<Answer>(() => undefined);
    if (fault !== undefined) throw fault;
    const throttled = this.throttle?.take(method, rawUrl);
    if (throttled !== undefined) throw throttled;
    const url = parseRequestUrl(rawUrl);
    const armRequest: ArmRequest = { method, rawUrl, ...url, headers: req.headers, body, params: {} };
    const response: ArmResponse = await this.router.dispatch(armRequest, ctx);
    const status = response.status ?? 200;
    const quota: Record<string, string> =
      response.quota === 'writes'
        ? { 'x-ms-ratelimit-remaining-subscription-writes': REMAINING_WRITES }
        : { 'x-ms-ratelimit-remaining-subscription-reads': REMAINING_READS };
    return { status, body: response.body, headers: { ...quota, ...response.headers }, graphTable: response.graphTable };
  }

  private control(method: string, rawUrl: string): Answer {
    const path = parseRequestUrl(rawUrl).pathname.toLowerCase();
    if (method === 'GET' && path === '/_sandbox/requests') return { status: 200, body: this.requests(), headers: {} };
    if (method === 'GET' && path === '/_sandbox/health') return { status: 200, body: { ok: true }, headers: {} };
    return { status: 404, body: armErrorBody('NotFound', `No sandbox endpoint '${method} ${path}'.`), headers: {} };
  }
}

function answerOrError(produce: () => Answer): Answer {
  try {
    return produce();
  } catch (err) {
    return errorAnswer(err);
  }
}

function errorAnswer(err: unknown): Answer {
  if (err instanceof ArmError) {
    return { status: err.status, body: armErrorBody(err.code, err.message, err.details), headers: { ...err.headers } };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: armErrorBody('InternalServerError', `Sandbox error: ${message}`), headers: {} };
}

function send(res: ServerResponse, answer: Answer, text = serialize(answer.body)): void {
  const requestId = randomUUID();
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    ...answer.headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ArmError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
