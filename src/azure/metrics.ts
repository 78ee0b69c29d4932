import { MonitorClient } from '@azure/arm-monitor';
import type { ApimService, RequestTotals, ServiceTrafficDetail, TimeWindow } from '../domain/azure-types';
import { KeyedSemaphore, mapWithConcurrency, Semaphore } from '../util/concurrency';
import { KeyedLimiter } from '../util/rate-limiter';
import { commonClientOptions, type AzureConnection } from './connection';
import { isAbort, isDeadline, shortReason } from './errors';
import { BATCH_LIMIT, daysOf, isMetric, MetricBatchReader, METRIC, NAMESPACE } from './metric-batch';
import { API_ID_FILTER, readSplit, SPLIT_TOP, type SplitMetric } from './metric-split';
import { ARM_READS_PER_SUBSCRIPTION, BATCHES_IN_FLIGHT, regionKey } from './pacing';
import { subscriptionIdOf } from './resource-ids';

/** The per-resource metrics URL template is "/{resourceUri}/providers/…": the id goes in without its leading slash. */
export function metricsResourceUri(resourceId: string): string {
  return resourceId.replace(/^\/+/, '');
}

/**
 * Reads APIM `Requests` totals. Services are grouped by subscription and region and read with metrics:getBatch
 * (one call per 50 services instead of one ARM call each, which is what ARM asks heavy metric readers to do);
 * a batch that fails, or a service missing from its answer, is read again with the per-resource metrics API.
 * A service that still fails is reported, never silently counted as zero.
 */
export class MetricsApi {
  private readonly batches: MetricBatchReader;
  /** Batch answers being read at once, across every subscription and region of the process (pacing.ts). */
  private readonly inFlight = new Semaphore(BATCHES_IN_FLIGHT);
  /**
   * Batches of one subscription and region read at once (`concurrency`), across every call of the process: an
   * estimate reads a subscription in several calls, as its services are listed, and the alert sweep may read the
   * same subscription meanwhile.
   */
  private readonly perRegion: KeyedSemaphore;
  private readonly monitor: MonitorClient;
  /** Per-resource reads are ARM reads: paced per subscription (getBatch is a separate data-plane API). */
  private readonly armReads = new KeyedLimiter(ARM_READS_PER_SUBSCRIPTION);

  constructor(
    connection: AzureConnection,
    private readonly concurrency: number,
  ) {
    this.monitor = new MonitorClient(connection.credential, commonClientOptions(connection));
    this.perRegion = new KeyedSemaphore(concurrency);
    this.batches = new MetricBatchReader(connection);
  }

  async requestTotals(
    services: readonly ApimService[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<RequestTotals> {
    const totals: RequestTotals = { byServiceId: new Map(), details: new Map(), failures: new Map() };
    const record = (service: ApimService, detail: ServiceTrafficDetail): void => {
      totals.byServiceId.set(service.id, detail.total);
      totals.details?.set(service.id, detail);
    };
    const retry: ApimService[] = [];
    await Promise.all(
      batchesOf(services).map(async (batch) => {
        const key = regionKey(batch[0] as ApimService);
        const answered = await this.perRegion.run(key, () => this.readBatch(batch, window, signal));
        for (const service of batch) {
          const value = answered?.get(service.id.toLowerCase());
          if (value === undefined) retry.push(service);
          else record(service, value);
        }
      }),
    );
    await mapWithConcurrency(retry, this.concurrency, async (service) => {
      try {
        await this.armReads.acquire(subscriptionIdOf(service.id).toLowerCase());
        record(service, await this.readOne(service, window, signal));
      } catch (error) {
        // A deadline (the turn's budget) reports the services it cut off; a stop (shutdown) ends the read.
        if (isAbort(error) && !isDeadline(signal)) throw error;
        totals.failures.set(service.id, shortReason(error));
      }
    });
    return totals;
  }

  /** resource id (lower case) → traffic, for the resources the batch answered; undefined if the call failed. */
  private async readBatch(
    batch: ApimService[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<Map<string, ServiceTrafficDetail> | undefined> {
    try {
      return await this.inFlight.run(() => this.batches.read(batch, window, signal));
    } catch (error) {
      if (isAbort(error) && !isDeadline(signal)) throw error;
      return undefined;
    }
  }

  private async readOne(service: ApimService, window: TimeWindow, signal?: AbortSignal): Promise<ServiceTrafficDetail> {
    const response = await this.monitor.metrics.list(metricsResourceUri(service.id), {
      timespan: `${window.start.toISOString()}/${window.end.toISOString()}`,
      interval: 'P1D',
      metricnames: METRIC,
      aggregation: 'Total',
      metricnamespace: NAMESPACE,
      filter: API_ID_FILTER,
      top: SPLIT_TOP,
      abortSignal: signal,
    });
    const metric = response.value.find((m) => isMetric(m.name.value));
    return readSplit(metric as SplitMetric, window.start, daysOf(window));
  }
}

/** Groups services by (subscription, region) and cuts each group into chunks of at most BATCH_LIMIT. */
export function batchesOf(services: readonly ApimService[]): ApimService[][] {
  const groups = new Map<string, ApimService[]>();
  for (const s of services) {
    const key = regionKey(s);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const batches: ApimService[][] = [];
  for (const group of groups.values())
    for (let i = 0; i < group.length; i += BATCH_LIMIT) batches.push(group.slice(i, i + BATCH_LIMIT));
  return batches;
}
