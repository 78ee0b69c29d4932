import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config';
import { DEFAULT_RETRY } from '../azure/connection';
import { SdkAzureReader } from '../azure/azure-reader';
import { startHttpServer } from '../http/server';
import { createLogger, type Logger } from '../logging/logger';
import { ApprovalService } from '../services/approval-service';
import { ApprovalVenueService } from '../services/approval-venue';
import { AuditLog } from '../services/audit-log';
import { AuditView } from '../services/audit-view';
import { ChangeExecutor } from '../services/change-executor';
import { LeaseStore } from '../services/lease-store';
import { Retention } from '../services/retention';
import { SweepLeadership } from '../services/sweep-leadership';
import { OnboardingRunner } from '../services/onboarding-runner';
import { OnboardingService } from '../services/onboarding-service';
import { SdkOnboardingAzure } from '../azure/onboarding-azure';
import { SdkOnboardingStatuses } from '../azure/onboarding-statuses';
import { EstimateCache } from '../services/estimate-cache';
import { EstimateService } from '../services/estimate-service';
import { SharedInventory } from '../services/shared-inventory';
import { PlanChangeService } from '../services/plan-change-service';
import { StatusService } from '../services/status-service';
import { SubscriptionService } from '../services/subscription-service';
import { createBot } from '../teams/bot';
import { TeamsRuntime, type TeamsRuntimeOptions } from '../teams/runtime';
import { setUpAlerts } from './alerts';
import { setUpAzure, type AzureSetup } from './azure-connection';
import { instanceIdFor } from './instance-id';
import { openStore } from './open-store';
import { operatorEndpoints, setUpMetrics } from './operations';
import { setUpAccess } from './access';
import type { Actor } from '../domain/approval';
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
  /** Shorter time limits (ms) than the configured ones, so timeout tests do not wait seconds. */
  timeouts?: Partial<Config['timeouts']>;
  /** Bot Framework auth settings for offline tests: a local OpenID metadata URL, a fixed outbound token. */
  authOverrides?: { settings?: Record<string, string>; staticOutboundToken?: string };
  /** Shorter Teams timeouts and card-update retry delays (ms). */
  teams?: Omit<TeamsRuntimeOptions, 'logger'>;
  /** An Azure (sandbox) several test instances share; the caller owns it and closes it. */
  azure?: Omit<AzureSetup, 'sandbox'>;
  /** Timeout of each /readyz check (ms). */
  readinessTimeoutMs?: number;
}

/** The composition root: the only place that builds infrastructure and wires it into services and the bot. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const timeouts = { ...config.timeouts, ...overrides.timeouts };
  const azure: AzureSetup = overrides.azure ?? (await setUpAzure(config, overrides.retry, timeouts.azureRequestMs));
  const { metrics, connection } = setUpMetrics(azure.connection);
  const azureApi = new SdkAzureReader(connection, { metricsConcurrency: config.metricsConcurrency });
  const store = await openStore(config);
  const policy = {
    approverIds: config.approverIds,
    approverGroupIds: config.access.approverGroupIds,
    approvalsRequired: config.approvalsRequired,
  };
  const audit = new AuditLog(store, azure.clock);
  const access = setUpAccess({
    config,
    connection,
    clock: azure.clock,
    sandboxUrl: azure.sandbox?.url,
    store,
    audit,
    logger,
  });
  const isApprover = (actor: Actor) => access.policy.isApprover(actor);
  const runtime = new TeamsRuntime(config.bot, policy, config.azureMode === 'sandbox', overrides.authOverrides, {
    ...overrides.teams,
    logger,
    approvers: { isApprover },
  });

  const approvals = new ApprovalService(store, audit, azure.clock, { ...policy, ttlHours: config.approvalTtlHours });
  const approvalVenue = new ApprovalVenueService(store, audit, azure.clock, isApprover);
  // Service lists shared by the estimate, `status` and the alert sweep for a few minutes.
  const inventory = new SharedInventory(azureApi, azure.clock);
  const estimates = new EstimateService(inventory, azure.clock, new SdkOnboardingStatuses(connection));
  const estimateCache = new EstimateCache(estimates, azure.clock);
  const planChanges = new PlanChangeService(estimates, approvals, azureApi, (id) => estimateCache.forget(id));
  const onboardingAzure = new SdkOnboardingAzure(connection);
  const onboarding = new OnboardingService(onboardingAzure, azureApi, approvals);
  const onboardingRunner = new OnboardingRunner(onboardingAzure, store, config.onboardingConcurrencyPerService, logger);
  const runners = { setPlan: planChanges.runner, onboardApis: onboardingRunner.run };
  const instanceId = await instanceIdFor(config.dataDir, config.port);
  const leases = new LeaseStore(store, azure.clock);
  const holder = { instance: instanceId, process: randomUUID() };
  const leaseMs = config.reliability.leaseSeconds * 1000;
  const leadership = new SweepLeadership(leases, holder, leaseMs, logger);
  const executor = new ChangeExecutor(approvals, leases, runners, runtime, logger, {
    instanceId,
    processId: holder.process,
    leaseMs,
  });
  const retention = new Retention(store, azure.clock, config.reliability, logger);
  const subscriptions = new SubscriptionService(azureApi, store, access.policy);
  const status = new StatusService(inventory, azure.clock);
  const welcome = new WelcomeLedger(store, azure.clock);
  const alerts = setUpAlerts({
    config,
    store,
    status,
    runtime,
    audit,
    clock: azure.clock,
    logger,
    timeouts,
    metrics,
    leadership,
    sender: holder.process,
    afterSweep: hourly(() => retention.prune().then(() => undefined)),
  });

  const bot = createBot({
    runtime,
    estimates,
    estimateCache,
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
    turnBudgetMs: timeouts.turnBudgetMs,
    access: access.policy,
    bindings: access.bindings,
    auditView: new AuditView(audit),
  });
  const operator = operatorEndpoints({
    config,
    metrics,
    connection,
    store,
    approvals,
    executor,
    readinessTimeoutMs: overrides.readinessTimeoutMs,
  });
  const health = () => ({ azureMode: config.azureMode, now: azure.clock().toISOString() });
  const http = await startHttpServer({ port: config.port, bot, health, ...operator }, logger);
  await executor.resume();
  // A third of the lease period: a change whose runner died is taken over about a minute after (default 40 s lease).
  executor.startResumeSweeps(Math.max(100, Math.floor(leaseMs / 3)), () => leadership.lead());
  alerts.scheduler.start();
  alerts.drainScheduler.start();
  logger.info('bot listening', { url: http.url, azureMode: config.azureMode, sandboxUrl: azure.sandbox?.url });
  return {
    url: http.url,
    sandbox: azure.sandbox && { url: azure.sandbox.url, caCertificatePem: azure.sandbox.caCertificatePem },
    idle: async () => {
      await executor.idle();
      await runtime.background.idle();
    },
    close: async () => {
      await http.close();
      await runtime.background.idle();
      await alerts.scheduler.stop();
      await alerts.drainScheduler.stop();
      await executor.stop();
      await leadership.resign();
      await azure.sandbox?.close();
    },
  };
}

/** Runs `work` at most once an hour (wall clock); retention needs no more. */
function hourly(work: () => Promise<void>): () => Promise<void> {
  let last = 0;
  return async () => {
    if (Date.now() - last < 3_600_000) return;
    last = Date.now();
    await work();
  };
}
