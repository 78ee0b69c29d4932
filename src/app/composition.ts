import type { Config } from '../config/config';
import { DEFAULT_RETRY } from '../azure/connection';
import { SdkAzureReader } from '../azure/azure-reader';
import { startHttpServer } from '../http/server';
import { createLogger, type Logger } from '../logging/logger';
import { EstimateService } from '../services/estimate-service';
import { SubscriptionService } from '../services/subscription-service';
import { createBot } from '../teams/bot';
import { setUpAzure } from './azure-connection';
import { openStore } from './open-store';

export interface RunningApp {
  /** Base URL of the bot's HTTP server (POST /api/messages). */
  url: string;
  /** The sandbox Azure, in sandbox mode: its URL and the certificate to trust when calling it directly. */
  sandbox?: { url: string; caCertificatePem: string };
  close(): Promise<void>;
}

/** Knobs tests use; production passes none. */
export interface AppOverrides {
  logger?: Logger;
  /** Shorter SDK retry delays, so retry tests do not wait seconds. */
  retry?: typeof DEFAULT_RETRY;
  /** Extra Bot Framework auth settings, e.g. a local OpenID metadata URL. */
  authOverrides?: Record<string, string>;
}

/** The composition root: the only place that builds infrastructure and wires it into services and the bot. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const azure = await setUpAzure(config, overrides.retry);
  const reader = new SdkAzureReader(azure.connection, { metricsConcurrency: config.metricsConcurrency });
  const store = await openStore(config);
  const bot = createBot(
    {
      bot: config.bot,
      sandbox: config.azureMode === 'sandbox',
      estimates: new EstimateService(reader, azure.clock),
      subscriptions: new SubscriptionService(reader, store),
      logger,
    },
    overrides.authOverrides,
  );
  const http = await startHttpServer(
    { port: config.port, bot, health: () => ({ azureMode: config.azureMode, now: azure.clock().toISOString() }) },
    logger,
  );
  logger.info('bot listening', { url: http.url, azureMode: config.azureMode, sandboxUrl: azure.sandbox?.url });
  return {
    url: http.url,
    sandbox: azure.sandbox && { url: azure.sandbox.url, caCertificatePem: azure.sandbox.caCertificatePem },
    close: async () => {
      await http.close();
      await azure.sandbox?.close();
    },
  };
}
