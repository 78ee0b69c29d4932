/**
 * A local HTTPS server that answers with Microsoft's published example responses (test/contract/fixtures), so the
 * real Azure layer can be run against what Azure documents it answers. It plays ARM and the regional metrics batch
 * host (at /_regions/{region}, as the sandbox does) and records every request with its token's audience.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateTls } from '../../src/sandbox/tls';
import { audienceOf } from '../../src/sandbox/tokens';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ScriptedRoute {
  method: string;
  /** Tested against the path with its query, as received. */
  path: RegExp;
  /** Answered in order; the last one again for every further request. */
  answers: Answer[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  audience?: string;
  body: string;
}

interface FixtureFile {
  source: { repository: string; path: string; commit: string };
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

/** One response of a fixture file, by status; `Location` headers point at `baseUrl` instead of management.azure.com. */
export function fixtureAnswer(file: string, status: number, baseUrl?: string): Answer {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', file), 'utf8')) as FixtureFile;
  const response = fixture.responses[String(status)];
  if (response === undefined) throw new Error(`${file} has no ${status} response`);
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([k, v]) => [
      k.toLowerCase(),
      baseUrl ? v.replace('https://management.azure.com', baseUrl) : v,
    ]),
  );
  return { status, headers, body: response.body };
}

export class ContractServer {
  readonly requests: RecordedRequest[] = [];
  private routes: { route: ScriptedRoute; served: number }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly caCertificatePem: string,
  ) {}

  static async start(): Promise<ContractServer> {
    const tls = await loadOrCreateTls(await mkdtemp(path.join(os.tmpdir(), 'contract-')), Date.now());
    // The request handler needs the instance, which needs the server's port: filled in once listening.
    const holder: { self?: ContractServer } = {};
    const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = holder.self?.answer(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, chunks);
        const text = answer?.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer?.status ?? 500, {
          ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          'content-length': Buffer.byteLength(text),
          ...answer?.headers,
        });
        res.end(text);
      });
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    holder.self = new ContractServer(server, `https://127.0.0.1:${port}`, tls.certPem);
    return holder.self;
  }

  /** Replaces the routes (a test sets up exactly the exchange it checks). */
  script(routes: ScriptedRoute[]): void {
    this.routes = routes.map((route) => ({ route, served: 0 }));
  }

  private answer(method: string, url: string, authorization: string | undefined, chunks: Buffer[]): Answer {
    const token = /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];
    const audience = token === undefined ? undefined : audienceOf(token);
    this.requests.push({ method, path: url, audience, body: Buffer.concat(chunks).toString('utf8') });
    const hit = this.routes.find((r) => r.route.method === method && r.route.path.test(url));
    if (hit === undefined) {
      return {
        status: 404,
        body: { error: { code: 'ResourceNotFound', message: `No example for ${method} ${url}.` } },
      };
    }
    const answer = hit.route.answers[Math.min(hit.served, hit.route.answers.length - 1)] as Answer;
    hit.served += 1;
    return answer;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
