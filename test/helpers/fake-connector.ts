import http from 'node:http';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** The activity id in the path, if any (a reply-to or the activity being updated). */
  activityId?: string;
  /** The Authorization header the bot sent (its own outbound token), if any. */
  authorization?: string;
  /** performance.now() when the whole request had arrived (benchmarks time "message to card" with it), ms. */
  receivedAtMs: number;
  activity: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: unknown }[];
  };
}

/**
 * Plays the Bot Connector (the service at the activity's serviceUrl) on localhost: records replies
 * (POST …/activities[/id]) and updates (PUT …/activities/id) and answers like Teams does.
 * `failNext(status, times)` makes the next calls fail, e.g. 429 with Retry-After.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private failures: {
    status: number;
    remaining: number;
    retryAfter?: number;
    conversationId?: string;
    method?: string;
  }[] = [];
  /** Calls of this method are left unanswered (the connector hangs) this many more times. */
  private hangs: { method: string; remaining: number }[] = [];
  /** Calls that were left hanging, in order. */
  readonly hung: { method: string; url: string }[] = [];
  /** Calls answered with an injected failure, in order (to count retries). */
  readonly refused: { status: number; conversationId: string }[] = [];
  url = '';
  /** Personal chats the bot opened (POST /v3/conversations): the new id and the member it is with. */
  readonly created: { conversationId: string; memberId: string; tenantId?: string }[] = [];
  /** Answer POST /v3/conversations with 403, as Teams does when the bot is not installed for that user. */
  refuseNewConversations = false;
  /** The roster the connector reports for every conversation (GET …/pagedmembers). */
  members: { id: string; name: string; aadObjectId: string }[] = [];

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/`;
    return this;
  }

  /** `conversationId`: fail only calls to that conversation (e.g. a channel's proactive posts, not thread replies). */
  failNext(status: number, times: number, retryAfter?: number, conversationId?: string): void {
    this.failures.push({ status, remaining: times, retryAfter, conversationId });
  }

  /** The next `times` card updates (PUT …/activities/id) fail with `status`; other calls are answered. */
  failNextUpdates(status: number, times: number, retryAfter?: number): void {
    this.failures.push({ status, remaining: times, retryAfter, method: 'PUT' });
  }

  /** The next `times` calls with `method` get no answer at all (until the connector closes). */
  hangNext(method: string, times: number): void {
    this.hangs.push({ method, remaining: times });
  }

  /** Messages (not typing indicators) sent to a conversation. */
  messages(): ConnectorCall[] {
    return this.calls.filter((c) => c.activity.type === 'message');
  }

  /** The Adaptive Card contents of every message, in order. */
  cards(): Record<string, unknown>[] {
    return this.messages().flatMap((c) =>
      (c.activity.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content as Record<string, unknown>),
    );
  }

  texts(): string[] {
    return this.messages()
      .map((c) => c.activity.text)
      .filter((t): t is string => typeof t === 'string');
  }

  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections(); // hung calls included
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private createConversation(body: string, res: http.ServerResponse): void {
    if (this.refuseNewConversations) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } }));
      return;
    }
    const parameters = JSON.parse(body || '{}') as { members?: { id?: string }[]; tenantId?: string };
    const memberId = parameters.members?.[0]?.id ?? '';
    const conversationId = `a:personal-with-${memberId}`;
    this.created.push({ conversationId, memberId, tenantId: parameters.tenantId });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: conversationId }));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers/.test(req.url ?? '')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ members: this.members }));
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?(\?|$)/.test(req.url ?? '')) {
        this.createConversation(body, res);
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      const target = decodeURIComponent(match?.[1] ?? '');
      const hang = this.hangs.find((h) => h.remaining > 0 && h.method === req.method);
      if (hang && match) {
        hang.remaining--;
        this.hung.push({ method: req.method ?? '', url: req.url ?? '' });
        return; // never answered
      }
      const failure = this.failures.find(
        (f) =>
          f.remaining > 0 &&
          (f.conversationId === undefined || f.conversationId === target) &&
          (f.method === undefined || f.method === req.method),
      );
      if (failure) {
        failure.remaining--;
        this.refused.push({ status: failure.status, conversationId: target });
        res.writeHead(failure.status, failure.retryAfter ? { 'Retry-After': String(failure.retryAfter) } : {});
        res.end('{}');
        return;
      }
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      this.calls.push({
        method: req.method ?? '',
        conversationId: decodeURIComponent(match[1] ?? ''),
        activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
        authorization: req.headers.authorization,
        receivedAtMs: performance.now(),
        activity: body ? (JSON.parse(body) as ConnectorCall['activity']) : {},
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${this.calls.length}` }));
    });
  }
}
