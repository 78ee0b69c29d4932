import { MonitorClient } from '@azure/arm-monitor';
import { MetricsClient, type MetricsQueryResourcesOptions } from '@azure/monitor-query-metrics';
import type { ApimService, RequestTotals, ServiceTrafficDetail, TimeWindow } from '../domain/azure-types';
import { mapWithConcurrency } from '../util/concurrency';
import { KeyedLimiter } from '../util/rate-limiter';
import { commonClientOptions, PUBLIC_CLOUD, type AzureConnection } from './connection';
import { isAbort, isDeadline, shortReason } from './errors';
import { API_ID_FILTER, readSplit, SPLIT_TOP, type SplitMetric } from './metric-split';
import { ARM_READS_PER_SUBSCRIPTION, forEachRegion, regionKey } from './pacing';
import { parseResourceId } from './resource-ids';

const NAMESPACE = 'Microsoft.ApiManagement/service';
const METRIC = 'Requests';
/** metrics:getBatch takes at most 50 resource ids, all in one subscription and region. */
export const BATCH_LIMIT = 50;

const DAY_MS = 86_400_000;
const daysOf = (window: TimeWindow): number => Math.ceil((window.end.getTime() - window.start.getTime()) / DAY_MS);

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
  /** Per-resource reads are ARM reads: paced per subscription (getBatch is a separate data-plane API). */
  private readonly armReads = new KeyedLimiter(ARM_READS_PER_SUBSCRIPTION);

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
    const totals: RequestTotals = { byServiceId: new Map(), details: new Map(), failures: new Map() };
    const record = (service: ApimService, detail: ServiceTrafficDetail): void => {
      totals.byServiceId.set(service.id, detail.total);
      totals.details?.set(service.id, detail);
    };
    const retry: ApimService[] = [];
    await forEachRegion(batchesOf(services), this.concurrency, async (batch) => {
      const answered = await this.readBatch(batch, window, signal);
      for (const service of batch) {
        const value = answered?.get(service.id.toLowerCase());
        if (value === undefined) retry.push(service);
        else record(service, value);
      }
    });
    await mapWithConcurrency(retry, this.concurrency, async (service) => {
      try {
        await this.armReads.acquire(parseResourceId(service.id).subscriptionId.toLowerCase());
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
    const region = (batch[0] as ApimService).region;
    let names = new Map<string, (string | undefined)[]>();
    const options = {
      startTime: window.start,
      endTime: window.end,
      interval: 'P1D',
      aggregation: 'Total',
      filter: API_ID_FILTER,
      top: SPLIT_TOP,
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
      const answered = new Map<string, ServiceTrafficDetail>();
      for (const result of results) {
        const invariant = names.get(result.resourceId?.toLowerCase() ?? '') ?? [];
        const metric = result.metrics.find((_, i) => isMetric(invariant[i])) as
          (SplitMetric & { errorCode?: string }) | undefined;
        if (!result.resourceId || !metric || (metric.errorCode && metric.errorCode !== 'Success')) continue;
        answered.set(result.resourceId.toLowerCase(), readSplit(metric, window.start, daysOf(window)));
      }
      return answered;
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
    const key = regionKey(s);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const batches: ApimService[][] = [];
  for (const group of groups.values())
    for (let i = 0; i < group.length; i += BATCH_LIMIT) batches.push(group.slice(i, i + BATCH_LIMIT));
  return batches;
}
