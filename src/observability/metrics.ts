/**
 * The bot's metrics, behind a small port: callers record what happened in the bot's own vocabulary and never see
 * the metrics library. `PrometheusRegistry` (prometheus.ts) is the only implementation that talks prom-client;
 * names and labels are listed in the README ("Operating it").
 */
export type Labels = Record<string, string>;

export interface CounterHandle {
  inc(labels: Labels, by?: number): void;
}

export interface HistogramHandle {
  observe(labels: Labels, value: number): void;
}

/** A gauge read when metrics are scraped: each sample is one label set and its value. */
export type GaugeReader = () => Promise<{ labels: Labels; value: number }[]> | { labels: Labels; value: number }[];

export interface MetricRegistry {
  counter(name: string, help: string, labelNames: readonly string[]): CounterHandle;
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): HistogramHandle;
  gauge(name: string, help: string, labelNames: readonly string[], read: GaugeReader): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

/** Seconds; from a cheap in-process turn up to Azure calls that wait out a Retry-After. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The metrics the bot records. Label values are bounded sets (command names, ARM resource types, status codes). */
export class BotMetrics {
  private readonly turns: CounterHandle;
  private readonly turnSeconds: HistogramHandle;
  private readonly azureCalls: CounterHandle;
  private readonly azureSeconds: HistogramHandle;
  private readonly deliveries: CounterHandle;

  constructor(readonly registry: MetricRegistry) {
    this.turns = registry.counter('defender_bot_turns_total', 'Turns served, by command and outcome.', [
      'command',
      'outcome',
    ]);
    this.turnSeconds = registry.histogram(
      'defender_bot_turn_duration_seconds',
      'Time from receiving an activity to answering it.',
      ['command'],
      LATENCY_BUCKETS,
    );
    this.azureCalls = registry.counter(
      'defender_bot_azure_requests_total',
      'HTTP requests to Azure (each retry counts), by operation and response status.',
      ['operation', 'status'],
    );
    this.azureSeconds = registry.histogram(
      'defender_bot_azure_request_duration_seconds',
      'Latency of each HTTP request to Azure.',
      ['operation'],
      LATENCY_BUCKETS,
    );
    this.deliveries = registry.counter(
      'defender_bot_alert_deliveries_total',
      'Alert delivery attempts to a conversation, by outcome.',
      ['outcome'],
    );
  }

  turnFinished(command: string, outcome: string, seconds: number): void {
    this.turns.inc({ command, outcome });
    this.turnSeconds.observe({ command }, seconds);
  }

  /** `status`: the HTTP status, or "network_error" / "aborted" when no response came. */
  azureCallFinished(operation: string, status: string, seconds: number): void {
    this.azureCalls.inc({ operation, status });
    this.azureSeconds.observe({ operation }, seconds);
  }

  alertDeliveryFinished(outcome: string): void {
    this.deliveries.inc({ outcome });
  }

  /** Approvals not yet finished, by state (pending, approved, running); read at scrape time. */
  watchApprovals(read: () => Promise<Record<string, number>>): void {
    this.registry.gauge('defender_bot_approvals', 'Unfinished approval requests, by state.', ['state'], async () =>
      Object.entries(await read()).map(([state, value]) => ({ labels: { state }, value })),
    );
  }

  /** Approved changes this instance is carrying out now (plan changes, onboarding operations). */
  watchOpenOperations(read: () => number): void {
    this.registry.gauge(
      'defender_bot_open_operations',
      'Approved changes (plan changes, onboarding operations) running in this instance.',
      [],
      () => [{ labels: {}, value: read() }],
    );
  }
}
