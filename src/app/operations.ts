import type { Config } from '../config/config';
import type { AzureConnection } from '../azure/connection';
import { probeAzure } from '../azure/readiness-probe';
import type { OperatorEndpoints } from '../http/server';
import { BotMetrics } from '../observability/metrics';
import { PrometheusRegistry } from '../observability/prometheus';
import { checkReadiness } from '../observability/readiness';
import type { AlertNotifier } from '../services/alert-ports';
import type { ApprovalService } from '../services/approval-service';
import type { ChangeExecutor } from '../services/change-executor';
import type { KeyValueStore } from '../storage/store';

/** Each /readyz check gives up after this long (ms); a probe is polled every few seconds. */
export const READINESS_TIMEOUT_MS = 3_000;
const OPEN_STATES = ['pending', 'approved', 'running'] as const;

/** The metrics of one app, and an Azure connection whose every HTTP attempt they count. */
export function setUpMetrics(connection: AzureConnection): { metrics: BotMetrics; connection: AzureConnection } {
  const metrics = new BotMetrics(new PrometheusRegistry());
  const observeCall = metrics.azureCallFinished.bind(metrics);
  return { metrics, connection: { ...connection, observeCall } };
}

/** An alert notifier that also counts each delivery attempt's outcome (delivered, retryLater, gone, failed). */
export function countingDeliveries(notifier: AlertNotifier, metrics: BotMetrics): AlertNotifier {
  return {
    deliver: async (address, alert) => {
      try {
        const outcome = await notifier.deliver(address, alert);
        metrics.alertDeliveryFinished(outcome.kind);
        return outcome;
      } catch (error) {
        metrics.alertDeliveryFinished('error');
        throw error;
      }
    },
  };
}

/** /readyz, /metrics and the per-turn metric, for the HTTP server. */
export function operatorEndpoints(deps: {
  config: Config;
  metrics: BotMetrics;
  connection: AzureConnection;
  store: KeyValueStore;
  approvals: ApprovalService;
  executor: ChangeExecutor;
  readinessTimeoutMs?: number;
}): OperatorEndpoints {
  const { metrics, connection, store } = deps;
  metrics.watchOpenOperations(() => deps.executor.runningCount);
  metrics.watchApprovals(async () => {
    const counts: Record<string, number> = Object.fromEntries(OPEN_STATES.map((s) => [s, 0]));
    for (const approval of await deps.approvals.inStates(OPEN_STATES))
      counts[approval.state] = (counts[approval.state] ?? 0) + 1;
    return counts;
  });
  const checks = [
    { name: 'storage', check: async () => void (await store.get('health/readiness-probe')) },
    {
      name: 'azure',
      check: (signal: AbortSignal) => probeAzure(connection, { armCall: deps.config.azureMode === 'sandbox' }, signal),
    },
  ];
  return {
    readiness: () => checkReadiness(checks, deps.readinessTimeoutMs ?? READINESS_TIMEOUT_MS),
    metrics: () => metrics.registry.render(),
    turnFinished: (scope, status, seconds) => {
      const outcome = status >= 400 && scope.outcome === 'ok' ? 'refused' : scope.outcome;
      metrics.turnFinished(scope.command, outcome, seconds);
    },
  };
}
