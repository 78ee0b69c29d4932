import type { DefenderPlan, Subscription, TimeWindow, ApimService } from '../domain/azure-types';
import type { MonitoredTraffic } from '../domain/monitored-traffic';
import type { PlanComparison, PlanCost } from '../domain/plans';
import type { Headroom, Trend } from '../domain/trend';

/** What an estimate is: the figures a card shows for one subscription. */
export interface ServiceTraffic {
  service: ApimService;
  /** Undefined when the metrics could not be read. */
  requests?: number;
  failure?: string;
}

export interface TrafficEstimate {
  subscription: Subscription;
  window: TimeWindow;
  /** The clock's now when Azure was read. */
  at: Date;
  /** Busiest first; unreadable services last. */
  services: ServiceTraffic[];
  /** All APIM requests, summed over the services that could be read (Microsoft's method). */
  total: number;
  /** The three traffic figures; plans are compared on `billed`. */
  monitored: MonitoredTraffic;
  /** The traffic the plans are compared on: every onboardable API's when known, else `total`. */
  billed: number;
  /** False when any service's metrics could not be read, or the list stopped early: the totals are lower bounds. */
  complete: boolean;
  /** Set when listing the services stopped at a bound: which one, e.g. "the first 5,000 API Management services". */
  stoppedEarly?: string;
  comparison: PlanComparison;
  /** Only when the estimate is complete: an incomplete total must not drive a plan choice. */
  recommended?: PlanCost;
  /** Undefined when the plan could not be read. */
  currentPlan?: DefenderPlan;
  /** What the current plan would cost for the billed traffic (Standard only). */
  currentCost?: PlanCost;
  /** Daily series of all traffic, weekday pattern and next month's projection. */
  trend: Trend;
  /** How far the billed traffic is from the point where a higher plan becomes cheaper. */
  headroom?: Headroom;
}

/** One subscription of `estimateMany`: its estimate, or why there is none (failed or timed out). */
export type SubscriptionEstimate =
  | { subscription: Subscription; estimate: TrafficEstimate; failure?: undefined }
  | { subscription: Subscription; estimate?: undefined; failure: string };
