import http from 'node:http';

/**
 * A minimal Bot Connector on loopback for benchmarks: answers every reply like Teams (200 + an id) and only counts
 * messages per conversation (the test FakeConnector keeps every body, too much memory for load runs).
 */
export class CountingConnector {
  readonly perConversation = new Map<string, number>();
  /** Alert cards by alert id: conversation → copies received, and when each arrived (performance.now()). */
  readonly alerts = new Map<string, { perConversation: Map<string, number>; times: number[] }>();
  /** performance.now() of every message received, in order. */
  readonly times: number[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (match && req.method === 'POST' && body.includes('"type":"message"')) {
          const id = decodeURIComponent(match[1] as string);
          this.perConversation.set(id, (this.perConversation.get(id) ?? 0) + 1);
          this.times.push(performance.now());
          const alertId = /"alertId":"([^"]+)"/.exec(body)?.[1];
          if (alertId) {
            const alert = this.alerts.get(alertId) ?? {
              perConversation: new Map<string, number>(),
              times: [] as number[],
            };
            this.alerts.set(alertId, alert);
            alert.perConversation.set(id, (alert.perConversation.get(id) ?? 0) + 1);
            alert.times.push(performance.now());
          }
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.times.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
    return this;
  }

  reset(): void {
    this.perConversation.clear();
    this.alerts.clear();
    this.times.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A Teams personal-chat message as the bot receives it (auth off: the bot runs without BOT_ID in sandbox mode). */
export function messageBody(text: string, serviceUrl: string, conversationId = 'a:bench-conversation'): string {
  return JSON.stringify({
    type: 'message',
    id: 'activity-1',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench', name: 'Bench User', aadObjectId: '00000000-0000-4000-8000-0000000be0c1' },
    recipient: { id: '28:bot', name: 'Defender APIs' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-US',
    text,
  });
}
