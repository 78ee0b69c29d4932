import type { ApimService, RequestTotals } from '../domain/azure-types';
import type { TrafficFeed } from '../services/ports';
import { BATCH_LIMIT } from './metric-batch';
import { regionKey } from './pacing';
import { subscriptionIdOf } from './resource-ids';

/** Reads these services' traffic (MetricsApi.requestTotals for one window); rejects only on a stop. */
export type ReadTotals = (services: readonly ApimService[], signal?: AbortSignal) => Promise<RequestTotals>;

/**
 * Starts reading traffic as services are listed: a subscription and region's services go to `read` as soon as
 * they make a whole getBatch (50), the rest once the listing is over. So the calls are the ones a read of the
 * complete list would make (one per 50 services of a subscription and region), only earlier: with 10,000 services
 * in ten Resource Graph pages, the first page's batches are in flight while the other pages are still coming.
 */
export class ListedTrafficFeed implements TrafficFeed {
  /** "subscription|region" → services listed but not yet read (fewer than a batch). */
  private readonly waiting = new Map<string, ApimService[]>();
  /**
   * Service id → the read that includes it, or null while it waits for a batch. Ids as listed, not lower-cased: a
   * page's services are fresh strings, and lower-casing and hashing 10,000 ids twice cost more than the rest of the
   * feed; the lister already dropped repeats whatever their case.
   */
  private readonly reads = new Map<string, Promise<RequestTotals> | null>();

  constructor(
    private readonly read: ReadTotals,
    private readonly signalFor: (subscriptionId: string) => AbortSignal | undefined,
  ) {}

  add(services: readonly ApimService[]): void {
    for (const service of services) {
      if (this.reads.has(service.id)) continue;
      this.reads.set(service.id, null);
      const key = regionKey(service);
      const group = this.waiting.get(key);
      if (group === undefined) this.waiting.set(key, [service]);
      else if (group.push(service) >= BATCH_LIMIT) this.start(key, group);
    }
  }

  finish(): void {
    for (const [key, group] of [...this.waiting]) this.start(key, group);
  }

  async totals(services: readonly ApimService[], signal?: AbortSignal): Promise<RequestTotals> {
    const reads = new Set<Promise<RequestTotals>>();
    const unread: ApimService[] = [];
    for (const service of services) {
      const read = this.reads.get(service.id);
      if (read) reads.add(read);
      else unread.push(service);
    }
    // Never added, or still waiting for a whole batch (finish not called yet): read now, in one call.
    if (unread.length > 0) {
      const read = this.read(unread, signal);
      this.forget(unread, read);
      reads.add(read);
    }
    return pick(services, await Promise.all(reads));
  }

  private start(key: string, group: ApimService[]): void {
    this.waiting.delete(key);
    const read = this.read(group, this.signalFor(subscriptionIdOf((group[0] as ApimService).id).toLowerCase()));
    // Awaited by totals(); one whose subscription is never asked for (its listing failed) must not go unhandled.
    read.catch(() => undefined);
    for (const service of group) this.reads.set(service.id, read);
  }

  /** Takes services out of `waiting`: `read` reads them. */
  private forget(services: readonly ApimService[], read: Promise<RequestTotals>): void {
    for (const service of services) this.reads.set(service.id, read);
    for (const [key, group] of this.waiting) {
      const rest = group.filter((s) => this.reads.get(s.id) === null);
      if (rest.length === 0) this.waiting.delete(key);
      else this.waiting.set(key, rest);
    }
  }
}

/** One RequestTotals for exactly these services, from the reads that covered them (each keyed by service id). */
function pick(services: readonly ApimService[], answers: readonly RequestTotals[]): RequestTotals {
  const totals: RequestTotals = { byServiceId: new Map(), details: new Map(), failures: new Map() };
  const answerOf = new Map<string, RequestTotals>();
  for (const answer of answers) {
    for (const id of answer.byServiceId.keys()) answerOf.set(id, answer);
    for (const id of answer.failures.keys()) answerOf.set(id, answer);
  }
  for (const { id } of services) {
    const answer = answerOf.get(id);
    if (answer === undefined) continue;
    const value = answer.byServiceId.get(id);
    const detail = answer.details?.get(id);
    const reason = answer.failures.get(id);
    if (value !== undefined) totals.byServiceId.set(id, value);
    if (detail !== undefined) totals.details?.set(id, detail);
    if (reason !== undefined) totals.failures.set(id, reason);
  }
  return totals;
}
