/**
 * Client-side pacing within Azure's published limits (reference §2.6), so a large tenant is read without 429s:
 * - ARM reads: token bucket per subscription, 250 requests, refilled at 25 a second. 20 a second never drains it.
 * - Azure Resource Graph: 15 queries per 5 seconds per user.
 * - metrics:getBatch batches of one subscription and region run METRICS_CONCURRENCY at a time; different
 *   subscriptions and regions run side by side (their limits are separate), at most BATCHES_IN_FLIGHT at once.
 */
import type { ApimService } from '../domain/azure-types';
import { mapWithConcurrency } from '../util/concurrency';
import type { RateLimit } from '../util/rate-limiter';

export const ARM_READS_PER_SUBSCRIPTION: readonly RateLimit[] = [{ count: 20, windowMs: 1_000 }];
export const GRAPH_QUERIES: readonly RateLimit[] = [{ count: 15, windowMs: 5_000 }];
/**
 * getBatch calls in flight in the whole process. Not an Azure limit (none is published for the batch host) but
 * ours: an answer holds about 0.5 MB (its text, then its parse) until it is read, so 64 keep that under ~32 MB of a
 * 128 MB heap however many subscriptions and regions are read (800 batches would be 400 MB); and later calls reuse
 * the kept-alive connections, each new TLS connection costing about 1.5 ms of CPU. 10,000 services in 20
 * subscriptions and 10 regions (200 batches) then open about 120 connections instead of 230.
 */
export const BATCHES_IN_FLIGHT = 64;

/** "subscription|region" of a service (its id starts /subscriptions/{id}/…). */
export const regionKey = (service: ApimService): string =>
  `${(/^\/*subscriptions\/([^/]+)/i.exec(service.id)?.[1] ?? '').toLowerCase()}|${service.region}`;

/** Runs every batch: `perRegion` at a time within one subscription and region, all regions in parallel. */
export async function forEachRegion(
  batches: readonly ApimService[][],
  perRegion: number,
  fn: (batch: ApimService[]) => Promise<void>,
): Promise<void> {
  const groups = new Map<string, ApimService[][]>();
  for (const batch of batches) {
    const key = regionKey(batch[0] as ApimService);
    const group = groups.get(key);
    if (group) group.push(batch);
    else groups.set(key, [batch]);
  }
  await Promise.all([...groups.values()].map((group) => mapWithConcurrency(group, perRegion, fn)));
}
