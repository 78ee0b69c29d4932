import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../observability/metrics';
import { AlertCardActions } from '../services/alert-card-actions';
import { AlertChecker } from '../services/alert-checker';
import { AlertDelivery } from '../services/alert-delivery';
import { AlertOutbox } from '../services/alert-outbox';
import type { AlertAudit } from '../services/alert-ports';
import { AlertScheduler, FIRST_SWEEP_DELAY_MS } from '../services/alert-scheduler';
import { AlertService } from '../services/alert-service';
import { AlertSubscriptions } from '../services/alert-subscriptions';
import { ConversationRegistry } from '../services/conversation-registry';
import type { StatusService } from '../services/status-service';
import type { KeyValueStore } from '../storage/store';
import { TeamsAlertNotifier } from '../teams/alert-notifier';
import { countingDeliveries } from './operations';
import type { TeamsRuntime } from '../teams/runtime';

export interface AlertsWiring {
  service: AlertService;
  cards: AlertCardActions;
  /** Started once the HTTP server is up; stopped (awaiting a running sweep) on close. */
  scheduler: AlertScheduler;
}

/** Builds the proactive entitlement alerts: storage, the Teams notifier, the checker and its timer. */
export function setUpAlerts(deps: {
  config: Config;
  store: KeyValueStore;
  status: StatusService;
  runtime: TeamsRuntime;
  audit: AlertAudit;
  clock: Clock;
  logger: Logger;
  metrics: BotMetrics;
}): AlertsWiring {
  const { config, store, status, runtime, audit, clock } = deps;
  const logger = deps.logger.child({ component: 'alerts' });
  const subscriptions = new AlertSubscriptions(store);
  const registry = new ConversationRegistry(store);
  const outbox = new AlertOutbox(store);
  const notifier = countingDeliveries(new TeamsAlertNotifier(runtime, logger), deps.metrics);
  const delivery = new AlertDelivery({ outbox, subscriptions, registry, notifier, audit, clock, logger });
  const thresholds = config.alertThresholds;
  const checker = new AlertChecker({ status, subscriptions, outbox, delivery, clock, thresholds, logger });
  const intervalMs = config.alertCheckIntervalSeconds * 1000;
  const scheduler = new AlertScheduler(
    (signal) => checker.sweep(signal),
    { intervalMs, firstDelayMs: Math.min(FIRST_SWEEP_DELAY_MS, intervalMs) },
    logger,
  );
  return {
    service: new AlertService({
      subscriptions,
      registry,
      outbox,
      status,
      audit,
      clock,
      thresholds,
      checkIntervalSeconds: config.alertCheckIntervalSeconds,
      logger,
      onSubscribed: () => scheduler.soon(),
    }),
    cards: new AlertCardActions(store, outbox, subscriptions, clock),
    scheduler,
  };
}
