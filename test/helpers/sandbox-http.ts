/** A tiny HTTPS JSON client for tests that talk to the sandbox directly (trusting its self-signed certificate). */
import { request } from 'node:https';
import { sandboxToken } from '../../src/sandbox/tokens';

export interface SandboxTarget {
  url: string;
  caCertificatePem: string;
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface CallOptions {
  method?: string;
  /** JSON-encoded when given. */
  body?: unknown;
  /** Bearer token; default a sandbox token for the host called (ARM or metrics); null sends no Authorization header. */
  token?: string | null;
}

/** Calls `pathOrUrl` (a path on the sandbox, or an absolute URL such as a nextLink) and parses the JSON answer. */
export function callSandbox<T = unknown>(
  sandbox: SandboxTarget,
  pathOrUrl: string,
  options: CallOptions = {},
): Promise<JsonResponse<T>> {
  const url = pathOrUrl.startsWith('https://') ? new URL(pathOrUrl) : new URL(sandbox.url);
  const path = pathOrUrl.startsWith('https://') ? `${url.pathname}${url.search}` : pathOrUrl;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const scope = /^\/_regions\//i.test(path)
    ? 'https://metrics.monitor.azure.com/.default'
    : 'https://management.azure.com/.default';
  const token = options.token === undefined ? sandboxToken(scope) : options.token;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      // `path` is passed as is, so tests can send exactly what an SDK sends (e.g. a leading "//").
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers,
        ca: sandbox.caCertificatePem,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as T });
          } catch {
            reject(new Error(`Non-JSON answer (${res.statusCode}) from ${path}: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** GETs a paged ARM list, following absolute nextLinks; returns every item and the URLs that were fetched. */
export async function getAllPages<T>(sandbox: SandboxTarget, firstPath: string) {
  const items: T[] = [];
  const fetched: string[] = [];
  let next: string | undefined = firstPath;
  while (next !== undefined) {
    fetched.push(next);
    const res: JsonResponse<{ value: T[]; nextLink?: string }> = await callSandbox(sandbox, next);
    if (res.status !== 200) throw new Error(`GET ${next} answered ${res.status}: ${JSON.stringify(res.body)}`);
    items.push(...res.body.value);
    next = res.body.nextLink;
  }
  return { items, fetched };
}
