/**
 * Client-side pacing within Azure's published limits (reference §2.6), so a large tenant is read without 429s:
 * - ARM reads: token bucket per subscription, 250 requests, refilled at 25 a second. 20 a second never drains it.
 * - Azure Resource Graph: 15 queries per 5 seconds per user.
 * - metrics:getBatch batches of one subscription and region run METRICS_CONCURRENCY at a time, whichever calls
 *   they come from (metrics.ts); different subscriptions and regions run side by side (their limits are
 *   separate), at most BATCHES_IN_FLIGHT at once.
 */
import type { ApimService } from '../domain/azure-types';
import type { RateLimit } from '../util/rate-limiter';
import { subscriptionIdOf } from './resource-ids';

export const ARM_READS_PER_SUBSCRIPTION: readonly RateLimit[] = [{ count: 20, windowMs: 1_000 }];
export const GRAPH_QUERIES: readonly RateLimit[] = [{ count: 15, windowMs: 5_000 }];
/**
 * getBatch calls in flight in the whole process. Not an Azure limit (none is published for the batch host) but
 * ours: enough to hide Azure's latency (at 250 ms a call, 64 read 10,000 services a second faster than 24 did),
 * and few enough that later calls reuse the kept-alive connections, each new TLS connection costing about 1.5 ms of
 * CPU. Their answers are read BODIES_READ_AT_ONCE at a time, so the heap holds only those (about 0.5 MB each: text,
 * then parse) however many are in flight.
 */
export const BATCHES_IN_FLIGHT = 64;
/**
 * getBatch answers read at once (metric-batch.ts): the others wait unread in their sockets. A few, not one, so
 * that an answer still arriving over a slow network does not hold up the ones already here.
 */
export const BODIES_READ_AT_ONCE = 8;

/** "subscription|region" of a service (its id starts /subscriptions/{id}/…). */
export const regionKey = (service: ApimService): string =>
  `${subscriptionIdOf(service.id).toLowerCase()}|${service.region}`;
