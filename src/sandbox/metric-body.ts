/** The Azure Monitor `Metric` object (reference §2.2a) as both the metrics API and getBatch return it. */
import { REQUESTS_METRIC } from './metric-query';
import { formatInstant } from './time';
import type { Bucket } from './traffic';

const DESCRIPTION = 'Gateway request metrics with multiple dimensions';

function metricHead(resourceId: string) {
  return {
    id: `${resourceId}/providers/Microsoft.Insights/metrics/${REQUESTS_METRIC}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: REQUESTS_METRIC, localizedValue: REQUESTS_METRIC },
    displayDescription: DESCRIPTION,
    unit: 'Count',
  };
}

export function requestsMetric(resourceId: string, buckets: readonly Bucket[]) {
  return {
    ...metricHead(resourceId),
    errorCode: 'Success',
    timeseries: [
      {
        metadatavalues: [],
        data: buckets.map((b) => ({ timeStamp: formatInstant(b.startMs), total: b.total })),
      },
    ],
  };
}

/** getBatch reports a resource it cannot find inside the item, without failing the other resources. */
export function missingResourceMetric(resourceId: string) {
  return {
    ...metricHead(resourceId),
    errorCode: 'ResourceNotFound',
    errorMessage: `The resource '${resourceId}' was not found.`,
    timeseries: [],
  };
}
