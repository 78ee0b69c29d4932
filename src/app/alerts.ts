import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../observability/metrics';
import { AlertCardActions } from '../services/alert-card-actions';
import { AlertChecker } from '../services/alert-checker';
import { AlertDelivery, OUTBOX_DRAIN_MS } from '../services/alert-delivery';
import { AlertOutbox } from '../services/alert-outbox';
import type { AlertAudit } from '../services/alert-ports';
import { AlertScheduler, FIRST_SWEEP_DELAY_MS } from '../services/alert-scheduler';
import { AlertService } from '../services/alert-service';
import { AlertSubscriptions } from '../services/alert-subscriptions';
import { ConversationRegistry } from '../services/conversation-registry';
import type { StatusService } from '../services/status-service';
import type { SweepLeadership } from '../services/sweep-leadership';
import type { KeyValueStore } from '../storage/store';
import { TeamsAlertNotifier } from '../teams/alert-notifier';
import { countingDeliveries } from './operations';
import type { TeamsRuntime } from '../teams/runtime';

/** Where a non-leading instance asks for an alert check soon (ISO time of the last request). */
const CHECK_REQUESTED = 'sweeps/alert-check-requested';

export interface AlertsWiring {
  service: AlertService;
  cards: AlertCardActions;
  /** Started once the HTTP server is up; stopped (awaiting a running sweep) on close. */
  scheduler: AlertScheduler;
  /** Drains the outbox between usage checks (a send a dead instance left in `sending` is taken up in a minute). */
  drainScheduler: AlertScheduler;
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
  /** alertCheckMs: one subscription's check in a sweep. */
  timeouts: { alertCheckMs: number };
  /** Only the leading instance sweeps (rate limits hold for the whole app). */
  leadership: SweepLeadership;
  /** This process's nonce, in the `sending` records of its attempts. */
  sender: string;
  /** Runs after each usage check on the leader (retention). */
  afterSweep?: () => Promise<void>;
  metrics: BotMetrics;
}): AlertsWiring {
  const { config, store, status, runtime, audit, clock, leadership } = deps;
  const logger = deps.logger.child({ component: 'alerts' });
  const subscriptions = new AlertSubscriptions(store);
  const registry = new ConversationRegistry(store);
  const outbox = new AlertOutbox(store);
  const notifier = countingDeliveries(new TeamsAlertNotifier(runtime, logger), deps.metrics);
  const delivery = new AlertDelivery({
    outbox,
    subscriptions,
    registry,
    notifier,
    audit,
    clock,
    logger,
    sender: deps.sender,
  });
  const thresholds = config.alertThresholds;
  const checkTimeoutMs = deps.timeouts.alertCheckMs;
  const checker = new AlertChecker({
    status,
    subscriptions,
    outbox,
    delivery,
    clock,
    thresholds,
    logger,
    checkTimeoutMs,
  });
  const intervalMs = config.alertCheckIntervalSeconds * 1000;
  const scheduler = new AlertScheduler(
    (signal) =>
      leadership.ifLeader(async () => {
        await checker.sweep(signal);
        await deps.afterSweep?.();
      }),
    { intervalMs, firstDelayMs: Math.min(FIRST_SWEEP_DELAY_MS, intervalMs) },
    logger,
  );
  // Often enough to keep the leadership lease renewed (a third of its period) and to retry dead sends in a minute.
  const drainMs = Math.min(OUTBOX_DRAIN_MS, (config.reliability.leaseSeconds * 1000) / 3, intervalMs);
  // A chat that turns alerts on asks for a check soon; on another instance than the leader the request goes through
  // storage (a blind write: any request means "check soon"), and the leader's next drain tick brings its check on.
  let lastRequestSeen = '';
  const drainScheduler = new AlertScheduler(
    () =>
      leadership.ifLeader(async () => {
        await checker.drain();
        const requested = (await store.get<{ at: string }>(CHECK_REQUESTED))?.value.at ?? '';
        if (requested > lastRequestSeen) scheduler.soon();
        lastRequestSeen = requested;
      }),
    { intervalMs: drainMs, firstDelayMs: drainMs },
    logger,
  );
  const requestCheck = (): void => {
    scheduler.soon();
    store.put(CHECK_REQUESTED, { at: new Date().toISOString() }).catch((error: unknown) => {
      logger.warn('could not ask the sweeping instance for an alert check', { error });
    });
  };
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
      onSubscribed: requestCheck,
    }),
    cards: new AlertCardActions(store, outbox, subscriptions, clock),
    scheduler,
    drainScheduler,
  };
}
