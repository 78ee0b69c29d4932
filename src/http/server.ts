import restify from 'restify';
import type { Logger } from '../logging/logger';

export interface MessageHandler {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** restify only: POST /api/messages into the bot, GET /healthz for probes. Nothing else is exposed. */
export async function startHttpServer(
  options: { port: number; host?: string; bot: MessageHandler; health: () => object },
  logger: Logger,
): Promise<HttpServer> {
  const server = restify.createServer({ name: 'defender-apis-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  server.post('/api/messages', async (req, res) => {
    try {
      await options.bot.process(req, res);
    } catch (error) {
      logger.error('activity processing failed', { error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...options.health() });
    return next();
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const address = server.address();
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
