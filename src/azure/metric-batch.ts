import { createRestError, getClient, type Client } from '@azure-rest/core-client';
import type { ApimService, ServiceTrafficDetail, TimeWindow } from '../domain/azure-types';
import { Semaphore } from '../util/concurrency';
import { commonClientOptions, PUBLIC_CLOUD, type AzureConnection } from './connection';
import { API_ID_FILTER, readSplit, SPLIT_TOP, type SplitMetric } from './metric-split';
import { BODIES_READ_AT_ONCE } from './pacing';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './request-timeout-policy';
import { subscriptionIdOf } from './resource-ids';
import { jsonOrUndefined, readBodyText } from './response-body';

export const NAMESPACE = 'Microsoft.ApiManagement/service';
export const METRIC = 'Requests';
/** metrics:getBatch takes at most 50 resource ids, all in one subscription and region. */
export const BATCH_LIMIT = 50;
/** The batch host's data-plane api-version (metricBatch.json), as @azure/monitor-query-metrics 1.0 sends it. */
const BATCH_VERSION = '2024-02-01';

const DAY_MS = 86_400_000;
export const daysOf = (window: TimeWindow): number =>
  Math.ceil((window.end.getTime() - window.start.getTime()) / DAY_MS);
export const isMetric = (name: string | undefined): boolean => name?.toLowerCase() === METRIC.toLowerCase();

interface BatchBody {
  values?: {
    resourceid?: string;
    value?: (SplitMetric & { name?: { value?: string }; errorCode?: string })[];
  }[];
}

/** RFC 3986 encoding, as the SDK's URL template expands query values (`*` and `'` too: `%2A`, `%27`). */
const encode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * metrics:getBatch (POST {region host}/subscriptions/{sub}/metrics:getBatch) through @azure-rest/core-client,
 * with the request @azure/monitor-query-metrics' MetricsClient sends (same query, `api%2Dversion` spelling, body
 * `{"resourceids": […]}`, pipeline and token scope). Its answer is read as Azure sends it: the MetricsClient turned
 * every data point into a new object with a Date (300,000 of them for 10,000 services) that we read once and drop,
 * and named metrics by their display name; the invariant `name.value` is what we match on.
 *
 * Many batches are in flight at once to hide Azure's latency, but their answers (about 125 KB each for 50 services)
 * are read a few at a time: the pipeline hands each over unread once its headers arrive, and an unread answer waits
 * in its socket (TCP flow control), not in our heap. Read all at once, 64 answers arrived chunk by chunk side by
 * side, none was finished before the others, and their text and parse piled up in the heap (tens of MB more, and
 * the garbage collection that goes with it, worst after a quiet spell in which V8 had shrunk the heap).
 */
export class MetricBatchReader {
  private readonly clients = new Map<string, Client>();
  private readonly readers = new Semaphore(BODIES_READ_AT_ONCE);
  private readonly bodyTimeoutMs: number;

  constructor(private readonly connection: AzureConnection) {
    this.bodyTimeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** resource id (lower case) → traffic, for the resources the batch answered. Throws what the REST client throws. */
  async read(batch: readonly ApimService[], window: TimeWindow, signal?: AbortSignal) {
    const first = batch[0] as ApimService;
    const subscriptionId = subscriptionIdOf(first.id);
    const query = [
      `api%2Dversion=${BATCH_VERSION}`,
      `starttime=${encode(window.start.toISOString())}`,
      `endtime=${encode(window.end.toISOString())}`,
      'interval=P1D',
      `metricnamespace=${encode(NAMESPACE)}`,
      `metricnames=${METRIC}`,
      'aggregation=Total',
      `top=${SPLIT_TOP}`,
      `filter=${encode(API_ID_FILTER)}`,
    ].join('&');
    const response = await this.client(first.region)
      .pathUnchecked(`/subscriptions/${encode(subscriptionId)}/metrics:getBatch?${query}`)
      .post({ body: { resourceids: batch.map((s) => s.id) }, contentType: 'application/json', abortSignal: signal })
      .asNodeStream();
    return this.readers.run(async () => {
      const text = await readBodyText(response.body, this.bodyTimeoutMs, signal);
      if (response.status !== '200') throw createRestError({ ...response, body: jsonOrUndefined(text) });
      return answeredIn(JSON.parse(text) as BatchBody, window);
    });
  }

  private client(region: string): Client {
    let client = this.clients.get(region);
    if (!client) {
      const endpoint = this.connection.metricsEndpoint(region);
      // The batch host's own full scope, not ARM's.
      const options = commonClientOptions(this.connection, endpoint, PUBLIC_CLOUD.metricsScope);
      client = getClient(endpoint, this.connection.credential, options);
      this.clients.set(region, client);
    }
    return client;
  }
}

/** resource id (lower case) → traffic, for the resources the batch answered without an error. */
function answeredIn(body: BatchBody, window: TimeWindow): Map<string, ServiceTrafficDetail> {
  const answered = new Map<string, ServiceTrafficDetail>();
  for (const item of body.values ?? []) {
    const metric = item.value?.find((m) => isMetric(m.name?.value));
    if (!item.resourceid || !metric || (metric.errorCode && metric.errorCode !== 'Success')) continue;
    answered.set(item.resourceid.toLowerCase(), readSplit(metric, window.start, daysOf(window)));
  }
  return answered;
}
