import { MonitorClient } from '@azure/arm-monitor';
import { MetricsClient, type MetricsQueryResourcesOptions } from '@azure/monitor-query-metrics';
import type { ApimService, RequestTotals, TimeWindow } from '../domain/azure-types';
import { mapWithConcurrency } from '../util/concurrency';
import { commonClientOptions, PUBLIC_CLOUD, type AzureConnection } from './connection';
import { isAbort, isDeadline, shortReason } from './errors';
import { parseResourceId } from './resource-ids';

const NAMESPACE = 'Microsoft.ApiManagement/service';
const METRIC = 'Requests';
/** metrics:getBatch takes at most 50 resource ids, all in one subscription and region. */
export const BATCH_LIMIT = 50;

type Series = { timeseries?: { data?: { total?: number | null }[] }[] } | undefined;

/** Σ of `total` over every data point; a missing total counts as 0 (no traffic in that bucket). */
function sumSeries(metric: Series): number {
  let sum = 0;
  for (const ts of metric?.timeseries ?? []) for (const point of ts.data ?? []) sum += point.total ?? 0;
  return sum;
}

/** The per-resource metrics URL template is "/{resourceUri}/providers/…": the id goes in without its leading slash. */
export function metricsResourceUri(resourceId: string): string {
  return resourceId.replace(/^\/+/, '');
}

interface RawBatchBody {
  values?: { resourceid?: string; value?: { name?: { value?: string } }[] }[];
}

/**
 * resource id (lower case) → the metrics' invariant names (`name.value`), in answer order. The SDK's own result
 * names each metric `localizedValue || value`, which is a display name that may be localized.
 */
function metricNamesOf(body: unknown): Map<string, (string | undefined)[]> {
  const names = new Map<string, (string | undefined)[]>();
  for (const item of (body as RawBatchBody | undefined)?.values ?? []) {
    if (item.resourceid)
      names.set(
        item.resourceid.toLowerCase(),
        (item.value ?? []).map((m) => m.name?.value),
      );
  }
  return names;
}

const isMetric = (name: string | undefined): boolean => name?.toLowerCase() === METRIC.toLowerCase();

/**
 * Reads APIM `Requests` totals. Services are grouped by subscription and region and read with metrics:getBatch
 * (one call per 50 services instead of one ARM call each, which is what ARM asks heavy metric readers to do);
 * a batch that fails, or a service missing from its answer, is read again with the per-resource metrics API.
 * A service that still fails is reported, never silently counted as zero.
 */
export class MetricsApi {
  private readonly batchClients = new Map<string, MetricsClient>();
  private readonly monitor: MonitorClient;

  constructor(
    private readonly connection: AzureConnection,
    private readonly concurrency: number,
  ) {
    this.monitor = new MonitorClient(connection.credential, commonClientOptions(connection));
  }

  async requestTotals(
    services: readonly ApimService[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<RequestTotals> {
    const totals: RequestTotals = { byServiceId: new Map(), failures: new Map() };
    const retry: ApimService[] = [];
    await mapWithConcurrency(batchesOf(services), this.concurrency, async (batch) => {
      const answered = await this.readBatch(batch, window, signal);
      for (const service of batch) {
        const value = answered?.get(service.id.toLowerCase());
        if (value === undefined) retry.push(service);
        else totals.byServiceId.set(service.id, value);
      }
    });
    await mapWithConcurrency(retry, this.concurrency, async (service) => {
      try {
        totals.byServiceId.set(service.id, await this.readOne(service, window, signal));
      } catch (error) {
        // A deadline (the turn's budget) reports the services it cut off; a stop (shutdown) ends the read.
        if (isAbort(error) && !isDeadline(signal)) throw error;
        totals.failures.set(service.id, shortReason(error));
      }
    });
    return totals;
  }

  /** resource id (lower case) → total, for the resources the batch answered; undefined if the call failed. */
  private async readBatch(
    batch: ApimService[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<Map<string, number> | undefined> {
    const region = (batch[0] as ApimService).region;
    let names = new Map<string, (string | undefined)[]>();
    const options = {
      startTime: window.start,
      endTime: window.end,
      interval: 'P1D',
      aggregation: 'Total',
      abortSignal: signal,
      onResponse: (raw: { parsedBody?: unknown }) => {
        names = metricNamesOf(raw.parsedBody);
      },
    };
    try {
      const results = await this.batchClient(region).queryResources(
        batch.map((s) => s.id),
        [METRIC],
        NAMESPACE,
        options as MetricsQueryResourcesOptions,
      );
      const answered = new Map<string, number>();
      for (const result of results) {
        const invariant = names.get(result.resourceId?.toLowerCase() ?? '') ?? [];
        const metric = result.metrics.find((_, i) => isMetric(invariant[i])) as
          (Series & { errorCode?: string }) | undefined;
        if (!result.resourceId || !metric || (metric.errorCode && metric.errorCode !== 'Success')) continue;
        answered.set(result.resourceId.toLowerCase(), sumSeries(metric));
      }
      return answered;
    } catch (error) {
      if (isAbort(error) && !isDeadline(signal)) throw error;
      return undefined;
    }
  }

  private async readOne(service: ApimService, window: TimeWindow, signal?: AbortSignal): Promise<number> {
    const response = await this.monitor.metrics.list(metricsResourceUri(service.id), {
      timespan: `${window.start.toISOString()}/${window.end.toISOString()}`,
      interval: 'P1D',
      metricnames: METRIC,
      aggregation: 'Total',
      metricnamespace: NAMESPACE,
      abortSignal: signal,
    });
    return sumSeries(response.value.find((m) => isMetric(m.name.value)));
  }

  private batchClient(region: string): MetricsClient {
    let client = this.batchClients.get(region);
    if (!client) {
      const endpoint = this.connection.metricsEndpoint(region);
      // The batch host's own full scope: the client passes what it is given to the credential verbatim.
      client = new MetricsClient(
        endpoint,
        this.connection.credential,
        commonClientOptions(this.connection, endpoint, PUBLIC_CLOUD.metricsScope),
      );
      this.batchClients.set(region, client);
    }
    return client;
  }
}

/** Groups services by (subscription, region) and cuts each group into chunks of at most BATCH_LIMIT. */
export function batchesOf(services: readonly ApimService[]): ApimService[][] {
  const groups = new Map<string, ApimService[]>();
  for (const s of services) {
    const key = `${parseResourceId(s.id).subscriptionId.toLowerCase()}|${s.region}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const batches: ApimService[][] = [];
  for (const group of groups.values())
    for (let i = 0; i < group.length; i += BATCH_LIMIT) batches.push(group.slice(i, i + BATCH_LIMIT));
  return batches;
}
