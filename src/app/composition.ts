import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config/config';
import { DEFAULT_RETRY } from '../azure/connection';
import { SdkAzureReader } from '../azure/azure-reader';
import { startHttpServer } from '../http/server';
import { createLogger, type Logger } from '../logging/logger';
import { ApprovalService } from '../services/approval-service';
import { ApprovalVenueService } from '../services/approval-venue';
import { AuditLog } from '../services/audit-log';
import { ChangeExecutor } from '../services/change-executor';
import { OnboardingRunner } from '../services/onboarding-runner';
import { OnboardingService } from '../services/onboarding-service';
import { SdkOnboardingAzure } from '../azure/onboarding-azure';
import { EstimateService } from '../services/estimate-service';
import { PlanChangeService } from '../services/plan-change-service';
import { StatusService } from '../services/status-service';
import { SubscriptionService } from '../services/subscription-service';
import { createBot } from '../teams/bot';
import { TeamsRuntime } from '../teams/runtime';
import { setUpAlerts } from './alerts';
import { setUpAzure } from './azure-connection';
import { openStore } from './open-store';
import { WelcomeLedger } from '../services/welcome-ledger';

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
  /** Bot Framework auth settings for offline tests: a local OpenID metadata URL, a fixed outbound token. */
  authOverrides?: { settings?: Record<string, string>; staticOutboundToken?: string };
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
  const approvalVenue = new ApprovalVenueService(store, audit, azure.clock, config.approverIds);
  const estimates = new EstimateService(azureApi, azure.clock);
  const planChanges = new PlanChangeService(estimates, approvals, azureApi);
  const onboardingAzure = new SdkOnboardingAzure(azure.connection);
  const onboarding = new OnboardingService(onboardingAzure, azureApi, approvals);
  const onboardingRunner = new OnboardingRunner(onboardingAzure, store, config.onboardingConcurrencyPerService, logger);
  const runners = { setPlan: planChanges.runner, onboardApis: onboardingRunner.run };
  // Host and port name this instance in the leases of running changes (port 0 is tests: a fresh id each time).
  const instanceId = config.port ? `${os.hostname()}:${config.port}` : randomUUID();
  const executor = new ChangeExecutor(approvals, runners, runtime, logger, { instanceId });
  const subscriptions = new SubscriptionService(azureApi, store);
  const status = new StatusService(azureApi, azure.clock);
  const welcome = new WelcomeLedger(store, azure.clock);
  const alerts = setUpAlerts({ config, store, status, runtime, audit, clock: azure.clock, logger });

  const bot = createBot({
    runtime,
    estimates,
    subscriptions,
    approvals,
    approvalVenue,
    planChanges,
    executor,
    audit,
    onboarding,
    status,
    alerts: alerts.service,
    alertCards: alerts.cards,
    welcome,
    logger,
  });
  const http = await startHttpServer(
    { port: config.port, bot, health: () => ({ azureMode: config.azureMode, now: azure.clock().toISOString() }) },
    logger,
  );
  await executor.resume();
  executor.startResumeSweeps();
  alerts.scheduler.start();
  logger.info('bot listening', { url: http.url, azureMode: config.azureMode, sandboxUrl: azure.sandbox?.url });
  return {
    url: http.url,
    sandbox: azure.sandbox && { url: azure.sandbox.url, caCertificatePem: azure.sandbox.caCertificatePem },
    idle: () => executor.idle(),
    close: async () => {
      await http.close();
      await alerts.scheduler.stop();
      await executor.stop();
      await azure.sandbox?.close();
    },
  };
}
