import type {
  ApimService,
  BoundedList,
  DefenderPlan,
  RequestTotals,
  Subscription,
  TimeWindow,
} from '../domain/azure-types';
import { billedTraffic, monitoredTraffic } from '../domain/monitored-traffic';
import type { ApiOnboardingStatus } from '../domain/onboarding-types';
import { comparePlans, costOf, planById } from '../domain/plans';
import { nextBreakEven, trendOf } from '../domain/trend';
import type { ServiceTraffic, TrafficEstimate } from './estimate-types';

const DAY_MS = 86_400_000;
const byName = new Intl.Collator().compare;

export interface EstimateInputs {
  subscription: Subscription;
  services: BoundedList<ApimService>;
  window: TimeWindow;
  totals: RequestTotals;
  /** Undefined when it could not be read. */
  currentPlan?: DefenderPlan;
  /** The APIs' onboarding statuses; undefined when they could not be read. */
  items?: readonly ApiOnboardingStatus[];
  /** The clock's now when Azure was read. */
  now: Date;
}

/** The figures of one subscription's estimate from what was read (pure). */
export function estimateFrom(inputs: EstimateInputs): TrafficEstimate {
  const { subscription, services, window, totals, currentPlan, items, now } = inputs;
  const traffic: ServiceTraffic[] = services.map((service) => ({
    service,
    requests: totals.byServiceId.get(service.id),
    failure: totals.failures.get(service.id),
  }));
  traffic.sort((a, b) => (b.requests ?? -1) - (a.requests ?? -1) || byName(a.service.name, b.service.name));
  const total = traffic.reduce((sum, t) => sum + (t.requests ?? 0), 0);
  const complete = traffic.every((t) => t.requests !== undefined) && services.stoppedEarly === undefined;
  const splits = services.map((service) => ({ service, detail: totals.details?.get(service.id) }));
  const monitored = monitoredTraffic(
    splits.filter((s) => totals.byServiceId.has(s.service.id)),
    totals.details ? items : undefined,
  );
  const billed = billedTraffic(monitored);
  const comparison = comparePlans(billed);
  const daily = new Array<number>(Math.round((window.end.getTime() - window.start.getTime()) / DAY_MS)).fill(0);
  for (const { detail } of splits) detail?.daily.forEach((n, i) => (daily[i] = (daily[i] ?? 0) + n));
  const currentCost =
    currentPlan?.tier === 'Standard' ? costOf(planById(currentPlan.planId ?? 'P1'), billed) : undefined;
  return {
    subscription,
    window,
    at: now,
    services: traffic,
    total,
    monitored,
    billed,
    complete,
    ...(services.stoppedEarly === undefined ? {} : { stoppedEarly: services.stoppedEarly }),
    comparison,
    recommended: complete ? comparison.cheapest : undefined,
    currentPlan,
    currentCost,
    trend: trendOf(daily, window.start, now),
    headroom: nextBreakEven(billed),
  };
}
