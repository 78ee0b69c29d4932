import type { Config } from '../config/config';
import { DEFAULT_RETRY } from '../azure/connection';
import { SdkAzureReader } from '../azure/azure-reader';
import { startHttpServer } from '../http/server';
import { createLogger, type Logger } from '../logging/logger';
import { ApprovalService } from '../services/approval-service';
import { AuditLog } from '../services/audit-log';
import { ChangeExecutor } from '../services/change-executor';
import { EstimateService } from '../services/estimate-service';
import { PlanChangeService } from '../services/plan-change-service';
import { SubscriptionService } from '../services/subscription-service';
import { createBot } from '../teams/bot';
import { TeamsRuntime } from '../teams/runtime';
import { setUpAzure } from './azure-connection';
import { openStore } from './open-store';

export interface RunningApp {
  /** Base URL of the bot's HTTP server (POST /api/messages). */
  url: string;
  /** The sandbox Azure, in sandbox mode: its URL and the certificate to trust when calling it directly. */
  sandbox?: { url: string; caCertificatePem: string };
  /** Resolves when background work (approved changes) has finished; for tests and graceful stops. */
  idle(): Promise<void>;
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
  const azureApi = new SdkAzureReader(azure.connection, { metricsConcurrency: config.metricsConcurrency });
  const store = await openStore(config);
  const policy = { approverIds: config.approverIds, approvalsRequired: config.approvalsRequired };
  const runtime = new TeamsRuntime(config.bot, policy, config.azureMode === 'sandbox', overrides.authOverrides);

  const audit = new AuditLog(store, azure.clock);
  const approvals = new ApprovalService(store, audit, azure.clock, { ...policy, ttlHours: config.approvalTtlHours });
  const estimates = new EstimateService(azureApi, azure.clock);
  const planChanges = new PlanChangeService(estimates, approvals, azureApi);
  const executor = new ChangeExecutor(approvals, { setPlan: planChanges.runner }, runtime, logger);
  const subscriptions = new SubscriptionService(azureApi, store);

  const bot = createBot({ runtime, estimates, subscriptions, approvals, planChanges, executor, audit, logger });
  const http = await startHttpServer(
    { port: config.port, bot, health: () => ({ azureMode: config.azureMode, now: azure.clock().toISOString() }) },
    logger,
  );
  await executor.resume();
  logger.info('bot listening', { url: http.url, azureMode: config.azureMode, sandboxUrl: azure.sandbox?.url });
  return {
    url: http.url,
    sandbox: azure.sandbox && { url: azure.sandbox.url, caCertificatePem: azure.sandbox.caCertificatePem },
    idle: () => executor.idle(),
    close: async () => {
      await http.close();
      await executor.stop();
      await azure.sandbox?.close();
    },
  };
}
