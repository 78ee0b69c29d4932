import restify from 'restify';
import type { Logger } from '../logging/logger';
import type { ReadinessReport } from '../observability/readiness';
import { runInTurn, type TurnScope } from '../observability/turn-scope';

export interface MessageHandler {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What the operator endpoints read; absent ones are not served. */
export interface OperatorEndpoints {
  /** GET /readyz: 200 when every dependency answered, 503 with the report otherwise. */
  readiness?: () => Promise<ReadinessReport>;
  /** GET /metrics: Prometheus exposition text. */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** Called once per POST /api/messages with its turn scope, HTTP status and duration (s). */
  turnFinished?: (scope: TurnScope, status: number, seconds: number) => void;
}

/** restify only: POST /api/messages into the bot, GET /healthz, /readyz and /metrics for operators. */
export async function startHttpServer(
  options: { port: number; host?: string; bot: MessageHandler; health: () => object } & OperatorEndpoints,
  logger: Logger,
): Promise<HttpServer> {
  const server = restify.createServer({ name: 'defender-apis-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  // One turn scope per activity: its correlation id is on every log line of the turn.
  server.post('/api/messages', async (req, res) => {
    await runInTurn(async (scope) => {
      const started = performance.now();
      try {
        await options.bot.process(req, res);
      } catch (error) {
        scope.outcome = 'internal_error';
        logger.error('activity processing failed', { error });
        if (!res.headersSent) res.send(500, { error: 'internal error' });
      }
      const seconds = (performance.now() - started) / 1000;
      options.turnFinished?.(scope, res.statusCode, seconds);
      const { command, outcome } = scope;
      logger.debug('turn finished', { command, outcome, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...options.health() });
    return next();
  });
  const { readiness, metrics } = options;
  if (readiness)
    server.get('/readyz', async (_req, res) => {
      const report = await readiness();
      res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report });
    });
  if (metrics)
    server.get('/metrics', async (_req, res) => {
      const { contentType, text } = await metrics();
      res.writeHead(200, { 'Content-Type': contentType });
      res.end(text);
    });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const address = server.address();
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
